using System.CommandLine;
using Aegis.Grains.Interfaces.Cluster;
using Aegis.Grains.Interfaces.Shadow;

namespace Aegis.Client.Infrastructure;

/// <summary>The connection every shadow-lane command opens, and the grains it talks to.</summary>
public static class ShadowLane
{
    public static Task<ClusterConnection> ConnectAsync(GlobalOptions global, ParseResult parse, CancellationToken cancellationToken) =>
        ClusterConnection.ConnectAsync(global.Settings(parse).FindDatabase(), Lane.Shadow, cancellationToken);

    public static IShadowDirectoryGrain ShadowDirectory(this ClusterConnection connection) =>
        connection.Client.GetGrain<IShadowDirectoryGrain>(IShadowDirectoryGrain.Key);

    /// <summary>The scenario's parity grain, or a refusal naming the scenario if the live lane never created it.</summary>
    public static async Task<IParityGrain> KnownParityAsync(this ClusterConnection connection, string scenarioId)
    {
        var reports = await connection.ShadowDirectory().GetParity();
        return reports.Any(r => r.ScenarioId == scenarioId)
            ? connection.Client.GetGrain<IParityGrain>(scenarioId)
            : throw new CliException($"unknown scenario '{scenarioId}' (the live lane has no such scenario)");
    }
}
