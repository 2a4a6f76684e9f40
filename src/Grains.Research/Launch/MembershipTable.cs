using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Aegis.Grains.Research.Launch;

/// <summary>
/// The research cluster's rows in Orleans' membership table (<c>orleansmembershiptable</c>, PostgreSQL): how a
/// launcher knows its workers have joined. Status 3 is Orleans' <c>SiloStatus.Active</c>. A silo counts once this
/// silo's own membership view and cluster manifest have it too: placement spreads the job's chunks over the silos the
/// manifest lists, and a new silo reaches it a moment after the table.
/// </summary>
public sealed class MembershipTable(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster, IClusterMembershipService view, IClusterManifestProvider manifest)
{
    public async Task<int> ActiveSilosAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = $1 AND status = 3");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = cluster.Value.ClusterId });
        var inTable = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        var seenHere = view.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        var active = view.CurrentSnapshot.Members.Where(m => m.Value.Status == SiloStatus.Active).Select(m => m.Key).ToHashSet();
        var placeable = manifest.Current.Silos.Keys.Count(active.Contains);
        return Math.Min(inTable, Math.Min(seenHere, placeable));
    }
}
