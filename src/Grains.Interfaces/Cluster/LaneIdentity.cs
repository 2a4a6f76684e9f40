namespace Aegis.Grains.Interfaces.Cluster;

/// <summary>Cluster and service ids per lane, and the lane's default ports on one machine.</summary>
public static class LaneIdentity
{
    /// <summary>The silo metadata key carrying the lane name.</summary>
    public const string MetadataKey = "lane";

    public static IReadOnlyList<Lane> All { get; } = [Lane.Live, Lane.Shadow, Lane.Research];

    /// <summary><c>aegis-live</c>, <c>aegis-shadow</c>, <c>aegis-research</c>.</summary>
    public static string ClusterId(Lane lane) => "aegis-" + Name(lane);

    /// <summary>Same as the cluster id: Orleans keys grain state, reminders and pub/sub by ServiceId,
    /// so a distinct ServiceId is what gives each lane its own state namespace.</summary>
    public static string ServiceId(Lane lane) => ClusterId(lane);

    public static string Name(Lane lane) => lane switch
    {
        Lane.Live => "live",
        Lane.Shadow => "shadow",
        Lane.Research => "research",
        _ => throw new ArgumentOutOfRangeException(nameof(lane), lane, null),
    };

    public static bool TryParse(string? text, out Lane lane)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(Name(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                lane = candidate;
                return true;
            }
        }

        lane = default;
        return false;
    }

    public static Lane? FromClusterId(string clusterId) =>
        All.Cast<Lane?>().FirstOrDefault(l => ClusterId(l!.Value) == clusterId);

    /// <summary>Default HTTP port (health, dashboard): 5080 for live, 5081 shadow, 5082 research.</summary>
    public static int DefaultHttpPort(Lane lane) => 5080 + (int)lane;

    /// <summary>Default silo-to-silo port: 11111 live, 11121 shadow, 11131 research.</summary>
    public static int DefaultSiloPort(Lane lane) => 11111 + (10 * (int)lane);

    /// <summary>Default client gateway port: 30000 live, 30010 shadow, 30020 research.</summary>
    public static int DefaultGatewayPort(Lane lane) => 30000 + (10 * (int)lane);
}
