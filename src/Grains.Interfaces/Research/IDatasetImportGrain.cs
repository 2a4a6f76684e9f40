namespace Aegis.Grains.Interfaces.Research;

/// <summary>
/// Imports into one dataset (keyed by the dataset's name, so two imports of one name never race). Runs on a research
/// silo, which reads the live lane only through its read-only contracts in PostgreSQL.
/// </summary>
public interface IDatasetImportGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records live scenarios as a dataset: each one's spec and input log from input 1 as logged so far, and every
    /// tape quote those inputs name, partitioned by date and symbol. A backtest of it follows the logged order.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown scenario, or a name that is taken or not a valid dataset name.</exception>
    Task<DatasetImportSummary> ImportLive(LiveDayImport request);
}

/// <summary>Which live scenarios to record (none named: every scenario the live lane has created).</summary>
[GenerateSerializer, Immutable]
public sealed record LiveDayImport([property: Id(0)] IReadOnlyList<string> ScenarioIds);

/// <summary>A dataset as written: its partitions, quotes, dates, and the scenarios it recorded with their last input.</summary>
[GenerateSerializer, Immutable]
public sealed record DatasetImportSummary(
    [property: Id(0)] string Name,
    [property: Id(1)] int Partitions,
    [property: Id(2)] long Quotes,
    [property: Id(3)] IReadOnlyList<string> Dates,
    [property: Id(4)] IReadOnlyDictionary<string, long> LastInputByScenario);
