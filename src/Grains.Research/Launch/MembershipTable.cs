using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Aegis.Grains.Research.Launch;

/// <summary>
/// The research cluster's rows in Orleans' membership table (<c>orleansmembershiptable</c>, PostgreSQL): how a
/// launcher knows its workers have joined. Status 3 is Orleans' <c>SiloStatus.Active</c>.
/// </summary>
public sealed class MembershipTable(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster)
{
    public async Task<int> ActiveSilosAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = $1 AND status = 3");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = cluster.Value.ClusterId });
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
