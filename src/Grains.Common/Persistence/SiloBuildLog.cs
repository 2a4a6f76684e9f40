using Npgsql;

namespace Aegis.Grains.Persistence;

/// <summary>
/// Which build each silo started with (table <c>silo_builds</c>), for status and parity reports. A silo is named
/// by its cluster and its address as Orleans' membership table writes it, so reports can tell the active ones.
/// </summary>
public sealed class SiloBuildLog(NpgsqlDataSource dataSource)
{
    // An active silo is one its cluster's membership lists with status 3 (Active).
    private const string Active =
        "SELECT b.lane, b.silo_name, b.build, b.started_at FROM silo_builds b " +
        "JOIN orleansmembershiptable m ON m.deploymentid = b.cluster_id AND m.status = 3 " +
        "AND m.address || ':' || m.port || '@' || m.generation = b.address ";

    /// <summary>Records a silo's start; <paramref name="address"/> is <c>ip:port@generation</c>.</summary>
    public async Task RecordAsync(string clusterId, string address, string lane, string siloName, string build, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO silo_builds (cluster_id, address, lane, silo_name, build) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING");
        foreach (var value in new[] { clusterId, address, lane, siloName, build })
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The active silos of every lane and their builds, by lane and name.</summary>
    public async Task<IReadOnlyList<(string Lane, string Silo, string Build, DateTime StartedAtUtc)>> ReadActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(Active + "ORDER BY b.lane, b.silo_name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var builds = new List<(string, string, string, DateTime)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            builds.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDateTime(3)));
        }

        return builds;
    }

    /// <summary>
    /// The build(s) the active silos of <paramref name="lane"/> run, comma-separated; when none is active, the build
    /// its last silo started with; null when none ever started.
    /// </summary>
    public async Task<string?> ReadLaneBuildAsync(string lane, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT coalesce((SELECT string_agg(DISTINCT a.build, ', ') FROM (" + Active + "WHERE b.lane = $1) a), " +
            "(SELECT build FROM silo_builds WHERE lane = $1 ORDER BY started_at DESC LIMIT 1))");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = lane });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}
