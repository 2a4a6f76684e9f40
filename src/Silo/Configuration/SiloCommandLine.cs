namespace Aegis.Silo.Configuration;

/// <summary>Command-line switches of the silo, mapped onto configuration keys.</summary>
public static class SiloCommandLine
{
    public static IDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["--lane"] = "Aegis:Lane",
        ["--http-port"] = "Aegis:HttpPort",
        ["--silo-port"] = "Aegis:SiloPort",
        ["--gateway-port"] = "Aegis:GatewayPort",
        ["--name"] = "Aegis:SiloName",
        ["--home"] = "Aegis:Home",
        ["--demo"] = "Aegis:Demo",
        ["--with-shadow"] = "Aegis:WithShadow",
        ["--with-research"] = "Aegis:WithResearch",
        ["--parent-pid"] = "Aegis:ParentProcessId",
        ["--advertise"] = "Aegis:AdvertisedAddress",
        ["--replay-speed"] = "Aegis:Replay:Speed",
        ["--connection-string"] = "ConnectionStrings:aegis",
    };
}
