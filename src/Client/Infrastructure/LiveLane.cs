using System.CommandLine;
using Aegis.Grains.Interfaces.Cluster;
using Aegis.Grains.Interfaces.Live;

namespace Aegis.Client.Infrastructure;

/// <summary>The connection every live-lane command opens, and the grains it talks to.</summary>
public static class LiveLane
{
    public static Task<ClusterConnection> ConnectAsync(GlobalOptions global, ParseResult parse, CancellationToken cancellationToken) =>
        ClusterConnection.ConnectAsync(global.Settings(parse).FindDatabase(), Lane.Live, cancellationToken);

    public static IScenarioDirectoryGrain Directory(this ClusterConnection connection) =>
        connection.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key);

    public static IScenarioGrain Scenario(this ClusterConnection connection, string scenarioId) =>
        connection.Client.GetGrain<IScenarioGrain>(scenarioId);

    public static IInstrumentFeedGrain Feed(this ClusterConnection connection, string instrumentId) =>
        connection.Client.GetGrain<IInstrumentFeedGrain>(instrumentId);

    /// <summary>The feed's status, or a refusal naming the instrument if the market does not know it.</summary>
    public static async Task<FeedStatus> GetKnownFeedStatusAsync(this ClusterConnection connection, string instrumentId)
    {
        var status = await connection.Feed(instrumentId).GetStatus();
        return status.KnownInstrument ? status : throw new CliException($"unknown instrument '{instrumentId}'");
    }
}
