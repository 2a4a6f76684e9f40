using Npgsql;

namespace Aegis.SystemTests;

/// <summary>Reads what the tests check straight from PostgreSQL, bypassing the cluster.</summary>
public static class ClusterProbe
{
    /// <summary>Orleans membership status of the silo listening on <paramref name="siloPort"/> (6 = Dead), or null.</summary>
    public static async Task<int?> SiloStatusAsync(string connectionString, int siloPort)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT status FROM orleansmembershiptable WHERE deploymentid = 'aegis-live' AND port = $1 ORDER BY generation DESC LIMIT 1");
        command.Parameters.Add(new() { Value = siloPort });
        return await command.ExecuteScalarAsync() is int status ? status : null;
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
