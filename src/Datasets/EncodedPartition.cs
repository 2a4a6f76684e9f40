namespace Aegis.Datasets;

/// <summary>A partition ready to publish: its kind, Hive values, key, Parquet bytes, rows and time range (ns since the Unix epoch).</summary>
public sealed record EncodedPartition(
    string Kind,
    DateOnly Date,
    string? Symbol,
    string? ScenarioId,
    string Key,
    byte[] Bytes,
    long Rows,
    long FirstTimeUnixNs,
    long LastTimeUnixNs);
