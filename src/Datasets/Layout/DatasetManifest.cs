namespace Aegis.Datasets.Layout;

/// <summary>
/// The index of a dataset (<c>manifest.json</c>): what it holds, each partition's key, row count, size and SHA-256,
/// and the columns of each partition kind. A reader trusts only partitions the manifest lists, and checks each
/// one's checksum before decoding it. A dataset recorded from the live lane also lists its scenarios.
/// </summary>
public sealed record DatasetManifest(
    int FormatVersion,
    string Name,
    string Source,
    DateTimeOffset CreatedUtc,
    IReadOnlyDictionary<string, IReadOnlyList<DatasetColumn>> Schemas,
    IReadOnlyList<DatasetPartition> Partitions,
    IReadOnlyList<RecordedScenario>? Scenarios = null)
{
    public const int CurrentFormat = 1;

    public const string QuotesKind = "quotes";

    public const string InputsKind = "inputs";

    public long Rows => Partitions.Sum(p => p.Rows);
}

/// <summary>
/// A live scenario recorded in a dataset: its spec as created, and its input log from input 1 to
/// <paramref name="LastInput"/>, in the dataset's <c>inputs</c> partitions (<c>scenario=ID</c>).
/// </summary>
public sealed record RecordedScenario(string ScenarioId, string SpecText, long LastInput);

/// <summary>One column of a partition kind: its name and Parquet type as written.</summary>
public sealed record DatasetColumn(string Name, string Type);

/// <summary>
/// One Parquet object: its kind (<c>quotes</c> or <c>inputs</c>), Hive values (date, and symbol or scenario), key,
/// rows, bytes, SHA-256 (lowercase hex) and the exchange-time range of its rows in nanoseconds since the Unix epoch.
/// </summary>
public sealed record DatasetPartition(
    string Kind,
    DateOnly Date,
    string? Symbol,
    string? ScenarioId,
    string Key,
    long Rows,
    long Bytes,
    string Sha256,
    long FirstExchangeTimeUnixNs,
    long LastExchangeTimeUnixNs);
