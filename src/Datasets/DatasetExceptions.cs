namespace Aegis.Datasets;

/// <summary>A dataset that is not there (no manifest), or one that is there when a new one of that name is written.</summary>
public sealed class DatasetNotFoundException(string message) : Exception(message);

/// <summary>A dataset name already taken: datasets are immutable once published.</summary>
public sealed class DatasetExistsException(string message) : Exception(message);
