namespace Aegis.Grains.Interfaces.Research;

/// <summary>Where a job is: running (chunks done of total, retries so far), completed (results at <see cref="ResultLocation"/>) or failed (why).</summary>
[GenerateSerializer, Immutable]
public sealed record ResearchJobStatus(
    [property: Id(0)] string JobId,
    [property: Id(1)] string State,
    [property: Id(2)] string Dataset,
    [property: Id(3)] string BaseScenario,
    [property: Id(4)] int Trials,
    [property: Id(5)] int ChunksTotal,
    [property: Id(6)] int ChunksDone,
    [property: Id(7)] int Retries,
    [property: Id(8)] string? Error,
    [property: Id(9)] string? ResultLocation,
    [property: Id(10)] IReadOnlyDictionary<string, int> ChunksBySilo)
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}
