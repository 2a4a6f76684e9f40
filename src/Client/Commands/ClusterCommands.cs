using System.CommandLine;
using System.Globalization;
using Aegis.Client.Infrastructure;
using Aegis.Grains.Interfaces.Cluster;
using Npgsql;

namespace Aegis.Client.Commands;

/// <summary><c>aegis cluster status</c>: every silo of every lane, from the membership table, with
/// activation counts asked of each reachable cluster.</summary>
public static class ClusterCommands
{
    public static Command Create(GlobalOptions global)
    {
        var all = new Option<bool>("--all") { Description = "Include silos that are dead or shut down" };
        var status = new Command("status", "List the silos of the live, shadow and research clusters") { all, global.Json };
        status.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var settings = global.Settings(parse);
            var rows = await ReadStatusAsync(settings.FindDatabase(), parse.GetValue(all), cancellationToken);
            if (parse.GetValue(global.Json))
            {
                Output.WriteJson(rows);
            }
            else if (rows.Count == 0)
            {
                Console.Out.WriteLine("no silos registered in any lane");
            }
            else
            {
                Output.WriteTable(
                    ["LANE", "SILO", "ADDRESS", "STATUS", "STARTED (UTC)", "LAST ALIVE (UTC)", "ACTIVATIONS"],
                    rows.Select(r => (IReadOnlyList<string>)
                    [
                        r.Lane, r.SiloName, r.Address, r.Status,
                        r.StartTimeUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                        r.LastAliveUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                        r.Activations?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    ]));
            }

            return rows.Any(r => r.Status == "active") ? 0 : throw new CliException("no active silo in any lane: start one with dotnet run --project src/Silo", 2);
        }));

        return new Command("cluster", "Cluster membership") { status };
    }

    public static async Task<List<SiloStatusRow>> ReadStatusAsync(string connectionString, bool includeDead, CancellationToken cancellationToken)
    {
        var rows = await ReadMembershipAsync(connectionString, includeDead, cancellationToken);
        foreach (var lane in LaneIdentity.All)
        {
            var active = rows.Where(r => r.Lane == LaneIdentity.Name(lane) && r.Status == "active").ToList();
            if (active.Count == 0)
            {
                continue;
            }

            await using var connection = await ClusterConnection.ConnectAsync(connectionString, lane, cancellationToken);
            var management = connection.Client.GetGrain<IManagementGrain>(0);
            var hosts = await management.GetHosts(onlyActive: true);
            var addresses = hosts.Keys.ToArray();
            var statistics = await management.GetRuntimeStatistics(addresses);
            for (var i = 0; i < addresses.Length; i++)
            {
                var endpoint = $"{addresses[i].Endpoint.Address}:{addresses[i].Endpoint.Port}";
                var index = rows.FindIndex(r => r.Address == endpoint && r.Lane == LaneIdentity.Name(lane) && r.Status == "active");
                if (index >= 0)
                {
                    rows[index] = rows[index] with { Activations = statistics[i].ActivationCount };
                }
            }
        }

        return rows;
    }

    private static async Task<List<SiloStatusRow>> ReadMembershipAsync(string connectionString, bool includeDead, CancellationToken cancellationToken)
    {
        var clusterIds = LaneIdentity.All.Select(LaneIdentity.ClusterId).ToArray();
        var rows = new List<SiloStatusRow>();
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                "SELECT deploymentid, siloname, address, port, status, starttime, iamalivetime FROM orleansmembershiptable " +
                "WHERE deploymentid = ANY(@clusters) AND (@all OR status NOT IN (4, 5, 6)) ORDER BY deploymentid, starttime", connection);
            command.Parameters.AddWithValue("clusters", clusterIds);
            command.Parameters.AddWithValue("all", includeDead);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var clusterId = reader.GetString(0);
                rows.Add(new SiloStatusRow(
                    LaneIdentity.Name(LaneIdentity.FromClusterId(clusterId)!.Value), clusterId, reader.GetString(1),
                    $"{reader.GetString(2)}:{reader.GetInt32(3)}", StatusName(reader.GetInt32(4)),
                    reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6), null));
            }
        }
        catch (NpgsqlException ex)
        {
            throw new CliException($"database unreachable: {(ex as PostgresException)?.MessageText ?? ex.Message}", 2);
        }

        return rows;
    }

    // Orleans SiloStatus values as stored in the membership table.
    private static string StatusName(int status) => status switch
    {
        1 => "created",
        2 => "joining",
        3 => "active",
        4 => "shutting-down",
        5 => "stopping",
        6 => "dead",
        _ => "unknown",
    };
}
