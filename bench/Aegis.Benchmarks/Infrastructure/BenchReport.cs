using System.Text.Json;

namespace Aegis.Benchmarks.Infrastructure;

/// <summary>Human lines as the run goes, then one <c>RESULT {json}</c> line for scripts.</summary>
public static class BenchReport
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static void Line(string text) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {text}");

    public static void Result(string benchmark, IReadOnlyDictionary<string, object?> figures)
    {
        var payload = new Dictionary<string, object?>
        {
            ["benchmark"] = benchmark,
            ["utc"] = DateTime.UtcNow.ToString("O"),
            ["machine"] = new { Environment.MachineName, Environment.ProcessorCount, os = Environment.OSVersion.VersionString, dotnet = Environment.Version.ToString() },
        };
        foreach (var (key, value) in figures)
        {
            payload[key] = value;
        }

        Console.WriteLine("RESULT " + JsonSerializer.Serialize(payload, Json));
    }

    public static double Round(double value, int digits = 1) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
