namespace Aegis.Datasets.Import;

/// <summary>A CSV file that cannot be imported: the message names the file, and for a bad row its line and field.</summary>
public sealed class CsvImportException(string message) : Exception(message);
