using System.CommandLine;
using Aegis.Datasets.Storage;
using Aegis.Grains.Interfaces.Cluster;
using Aegis.Persistence.Embedded;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Aegis.Client.Infrastructure;

/// <summary>What the research commands reach: the research cluster, its object store, and the <c>research_jobs</c> index.</summary>
public static class ResearchLane
{
    public static Task<ClusterConnection> ConnectAsync(GlobalOptions global, ParseResult parse, CancellationToken cancellationToken) =>
        ClusterConnection.ConnectAsync(global.Settings(parse).FindDatabase(), Lane.Research, cancellationToken);

    /// <summary>The store the research silos use: S3 when <c>Aegis__Research__S3__Bucket</c> is set, else HOME/research.</summary>
    public static IObjectStore OpenStore(ConsoleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Configuration.GetSection("Aegis:Research:S3").Get<S3StoreOptions>() is { Bucket.Length: > 0 } s3)
        {
            return new S3ObjectStore(s3);
        }

        return new DirectoryObjectStore(Path.Combine(Home(settings), "research"));
    }

    public static string Home(ConsoleSettings settings) => settings?.Home is { Length: > 0 } home ? home : LocalPostgresOptions.DefaultHome();

    public static async Task<IReadOnlyList<ResearchJobRow>> ReadJobsAsync(string connectionString, string? jobId, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT job_id, kind, dataset, base_scenario, state, trials, chunks_total, chunks_done, retries, error, submitted_at, published_at, result_location, summary::text " +
            "FROM research_jobs WHERE $1::text IS NULL OR job_id = $1 ORDER BY submitted_at DESC LIMIT 200");
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = jobId, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ResearchJobRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ResearchJobRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.GetDateTime(10), reader.IsDBNull(11) ? null : reader.GetDateTime(11), reader.IsDBNull(12) ? null : reader.GetString(12),
                reader.IsDBNull(13) ? null : reader.GetString(13)));
        }

        return rows;
    }
}

/// <summary>One row of <c>research_jobs</c>.</summary>
public sealed record ResearchJobRow(
    string JobId,
    string Kind,
    string Dataset,
    string BaseScenario,
    string State,
    int Trials,
    int ChunksTotal,
    int ChunksDone,
    int Retries,
    string? Error,
    DateTime SubmittedUtc,
    DateTime? PublishedUtc,
    string? ResultLocation,
    string? SummaryJson);
