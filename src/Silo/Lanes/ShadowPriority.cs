using System.ComponentModel;
using System.Diagnostics;

namespace Aegis.Silo.Lanes;

/// <summary>
/// A shadow silo runs below normal CPU priority (<c>Aegis:Shadow:BelowNormalPriority</c>, on by default): on a machine
/// it shares with live silos, a shadow catching up takes only the CPU the live lane leaves, and the live lane's
/// latency does not pay for it.
/// </summary>
public static class ShadowPriority
{
    public static void Apply(IConfiguration configuration, ILogger logger)
    {
        if (!configuration.GetValue("Aegis:Shadow:BelowNormalPriority", true))
        {
            return;
        }

        try
        {
            using var self = Process.GetCurrentProcess();
            self.PriorityClass = ProcessPriorityClass.BelowNormal;
        }
        catch (Exception ex) when (ex is Win32Exception or PlatformNotSupportedException)
        {
            LogNotLowered(logger, ex.Message);
        }
    }

    private static void LogNotLowered(ILogger logger, string reason) =>
        logger.LogWarning("The shadow silo runs at normal priority: lowering it failed: {Reason}", reason);
}
