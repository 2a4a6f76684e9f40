using Aegis.Grains.Hosting;
using Aegis.Grains.Interfaces.Cluster;

namespace Aegis.Silo.Configuration;

/// <summary>Reads and validates <see cref="SiloHostOptions"/> before anything starts, so a bad setting
/// is one line naming the setting rather than a stack trace from deep inside the host.</summary>
public static class SiloHostOptionsReader
{
    public static SiloHostOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(SiloHostOptions.Section);
        var options = new SiloHostOptions();

        var laneText = section["Lane"];
        if (laneText is not null)
        {
            if (!LaneIdentity.TryParse(laneText, out var lane))
            {
                throw new StartupException($"setting Aegis:Lane (--lane) must be live, shadow or research, got '{laneText}'");
            }

            options.Lane = lane;
        }

        options.HttpPort = ReadPort(section, "HttpPort", "--http-port") is var http and > 0 ? http : LaneIdentity.DefaultHttpPort(options.Lane);
        options.SiloPort = ReadPort(section, "SiloPort", "--silo-port") is var silo and > 0 ? silo : LaneIdentity.DefaultSiloPort(options.Lane);
        options.GatewayPort = ReadPort(section, "GatewayPort", "--gateway-port") is var gateway and > 0 ? gateway : LaneIdentity.DefaultGatewayPort(options.Lane);
        options.SiloName = section["SiloName"] is { Length: > 0 } name ? name : $"{LaneIdentity.Name(options.Lane)}-{Environment.MachineName}-{options.SiloPort}";
        options.Home = section["Home"] ?? string.Empty;
        var demoText = section["Demo"];
        if (demoText is null)
        {
            options.Demo = string.IsNullOrEmpty(configuration.GetConnectionString("aegis"));
        }
        else if (!bool.TryParse(demoText, out var demo))
        {
            throw new StartupException($"setting Aegis:Demo (--demo) must be true or false, got '{demoText}'");
        }
        else
        {
            options.Demo = demo;
        }

        options.WithShadow = ReadBool(section, "WithShadow", "--with-shadow")
            ?? (options.Lane == Lane.Live && options.Demo && string.IsNullOrEmpty(configuration.GetConnectionString("aegis")));
        if (options.WithShadow && options.Lane != Lane.Live)
        {
            throw new StartupException("setting Aegis:WithShadow (--with-shadow) applies to a live silo only");
        }

        if (options.WithShadow && !string.IsNullOrEmpty(configuration.GetConnectionString("aegis")))
        {
            throw new StartupException("setting Aegis:WithShadow (--with-shadow) starts a shadow silo on the embedded default only; with a configured database, " +
                "start shadow silos yourself with --lane shadow and a connection string for the aegis_shadow role");
        }

        options.WithResearch = ReadBool(section, "WithResearch", "--with-research")
            ?? (options.Lane == Lane.Live && options.Demo && string.IsNullOrEmpty(configuration.GetConnectionString("aegis")));
        if (options.WithResearch && (options.Lane != Lane.Live || !string.IsNullOrEmpty(configuration.GetConnectionString("aegis"))))
        {
            throw new StartupException("setting Aegis:WithResearch (--with-research) starts a research silo beside a live silo of the embedded default only; " +
                "elsewhere start research silos yourself with --lane research");
        }

        if (section["ParentProcessId"] is { } parentText)
        {
            if (!int.TryParse(parentText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parent) || parent <= 0)
            {
                throw new StartupException($"setting Aegis:ParentProcessId (--parent-pid) must be a process id, got '{parentText}'");
            }

            options.ParentProcessId = parent;
        }

        if (section["AdvertisedAddress"] is { Length: > 0 } advertised)
        {
            options.AdvertisedAddress = System.Net.IPAddress.TryParse(advertised, out _)
                ? advertised
                : throw new StartupException($"setting Aegis:AdvertisedAddress (--advertise) must be an IP address, got '{advertised}'");
        }

        options.AdvertiseFromEcsMetadata = ReadBool(section, "AdvertiseFromEcsMetadata", "Aegis__AdvertiseFromEcsMetadata") ?? false;

        if (configuration["Aegis:Replay:Speed"] is { } speedText &&
            (!double.TryParse(speedText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var speed) || !double.IsFinite(speed) || speed < 0))
        {
            throw new StartupException($"setting Aegis:Replay:Speed (--replay-speed) must be a number >= 0 (0 = as fast as possible), got '{speedText}'");
        }

        if (options.SiloPort == options.GatewayPort || options.SiloPort == options.HttpPort || options.GatewayPort == options.HttpPort)
        {
            throw new StartupException($"settings Aegis:HttpPort, Aegis:SiloPort and Aegis:GatewayPort must differ (got {options.HttpPort}, {options.SiloPort}, {options.GatewayPort})");
        }

        return options;
    }

    private static bool? ReadBool(IConfigurationSection section, string key, string flag)
    {
        var text = section[key];
        if (text is null)
        {
            return null;
        }

        return bool.TryParse(text, out var value) ? value : throw new StartupException($"setting Aegis:{key} ({flag}) must be true or false, got '{text}'");
    }

    private static int ReadPort(IConfigurationSection section, string key, string flag)
    {
        var text = section[key];
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new StartupException($"setting Aegis:{key} ({flag}) must be a TCP port 1-65535, got '{text}'");
        }

        return port;
    }
}
