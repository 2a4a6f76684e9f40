using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Aegis.Silo.Health;

/// <summary>Ready = the silo has joined its cluster as Active and its database answers.</summary>
public sealed class SiloReadinessCheck(ISiloStatusOracle statusOracle, NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (statusOracle.CurrentStatus != SiloStatus.Active)
        {
            return HealthCheckResult.Unhealthy($"silo is {statusOracle.CurrentStatus}");
        }

        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (NpgsqlException ex)
        {
            return HealthCheckResult.Unhealthy("database unreachable", ex);
        }
    }

    /// <summary>Tag of the checks behind <c>/health/ready</c>.</summary>
    public const string Tag = "ready";
}
