using System.Diagnostics;
using System.Globalization;

namespace Aegis.Benchmarks.Infrastructure;

/// <summary>CPU seconds used so far by this process and by every PostgreSQL process on the machine
/// (Linux /proc; zero elsewhere); subtract two readings and divide by the wall time for cores in use.</summary>
public readonly record struct CpuUsage(double ProcessSeconds, double PostgresSeconds)
{
    public static CpuUsage Now()
    {
        using var self = Process.GetCurrentProcess();
        return new CpuUsage(self.TotalProcessorTime.TotalSeconds, ReadPostgresSeconds());
    }

    /// <summary>CPU seconds used so far by another process (0 once it has ended).</summary>
    public static double OfProcess(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime.TotalSeconds;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return 0; // ended
        }
    }

    public static CpuUsage operator -(CpuUsage after, CpuUsage before) =>
        new(after.ProcessSeconds - before.ProcessSeconds, after.PostgresSeconds - before.PostgresSeconds);

    private static double ReadPostgresSeconds()
    {
        if (!Directory.Exists("/proc"))
        {
            return 0;
        }

        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                if (close < 0 || !stat.AsSpan(0, close).Contains("(postgres", StringComparison.Ordinal))
                {
                    continue;
                }

                var fields = stat[(close + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                // The process ended while being read.
            }
        }

        return ticks / 100.0; // USER_HZ is 100 on Linux
    }
}
