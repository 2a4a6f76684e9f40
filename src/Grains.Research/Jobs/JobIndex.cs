using Npgsql;
using NpgsqlTypes;

namespace Aegis.Grains.Research.Jobs;

/// <summary>
/// The <c>research_jobs</c> table: a row per job with its progress, and once its results are complete, where they
/// are and their summary. Written by the job grain; read by the console and the operations page.
/// </summary>
public sealed class JobIndex(NpgsqlDataSource dataSource)
{
    public async Task StartAsync(string jobId, string kind, string dataset, string baseScenario, int trials, int chunks, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO research_jobs (job_id, kind, dataset, base_scenario, state, trials, chunks_total) VALUES ($1, $6, $2, $3, 'running', $4, $5) " +
            "ON CONFLICT (job_id) DO NOTHING");
        command.Parameters.Add(new() { Value = jobId });
        command.Parameters.Add(new() { Value = dataset });
        command.Parameters.Add(new() { Value = baseScenario });
        command.Parameters.Add(new() { Value = trials });
        command.Parameters.Add(new() { Value = chunks });
        command.Parameters.Add(new() { Value = kind });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ProgressAsync(string jobId, int chunksDone, int retries, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("UPDATE research_jobs SET chunks_done = $2, retries = $3 WHERE job_id = $1 AND state = 'running'");
        command.Parameters.Add(new() { Value = jobId });
        command.Parameters.Add(new() { Value = chunksDone });
        command.Parameters.Add(new() { Value = retries });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task FailAsync(string jobId, string error, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("UPDATE research_jobs SET state = 'failed', error = $2 WHERE job_id = $1");
        command.Parameters.Add(new() { Value = jobId });
        command.Parameters.Add(new() { Value = error });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Marks the job's results published: called only after every result object is written.</summary>
    public async Task PublishAsync(string jobId, string location, string summaryJson, int chunksDone, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE research_jobs SET state = 'completed', published_at = now(), result_location = $2, summary = $3, chunks_done = $4 WHERE job_id = $1");
        command.Parameters.Add(new() { Value = jobId });
        command.Parameters.Add(new() { Value = location });
        command.Parameters.Add(new() { Value = summaryJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = chunksDone });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
