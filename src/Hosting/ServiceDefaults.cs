using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Aegis.Hosting;

/// <summary>What every AEGIS host shares: OpenTelemetry metrics and traces, one-line structured
/// console logs and the health-check registry.</summary>
public static class ServiceDefaults
{
    /// <summary>AEGIS's own meter and activity source name.</summary>
    public const string TelemetryName = "Aegis";

    /// <param name="builder">The host.</param>
    /// <param name="serviceName">OpenTelemetry service name.</param>
    /// <param name="logsToStandardError">For command-line tools whose standard output is their result:
    /// logs go to standard error, warnings and above only.</param>
    public static IHostApplicationBuilder AddAegisServiceDefaults(this IHostApplicationBuilder builder, string serviceName, bool logsToStandardError = false)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
        if (logsToStandardError)
        {
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }

        var otlpEndpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.Orleans", TelemetryName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation())
            .WithTracing(tracing => tracing
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Microsoft.Orleans.Storage", TelemetryName)
                .AddAspNetCoreInstrumentation()
                .AddNpgsql());

        // Export only when a collector is configured: no endpoint, no background exporter traffic.
        if (!string.IsNullOrWhiteSpace(otlpEndpoint))
        {
            telemetry.UseOtlpExporter();
        }

        builder.Services.AddHealthChecks();
        return builder;
    }
}
