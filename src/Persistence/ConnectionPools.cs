using Npgsql;

namespace Aegis.Persistence;

/// <summary>
/// One Npgsql pool per concern. Npgsql pools by connection string, so giving each concern its own
/// application name gives it its own pool: a burst of grain-state writes can then never take the
/// connections that membership needs to keep the silo alive in its cluster.
/// </summary>
public static class ConnectionPools
{
    public static string Membership(string connectionString) => With(connectionString, "aegis-membership", 8);

    public static string Reminders(string connectionString) => With(connectionString, "aegis-reminders", 8);

    public static string GrainState(string connectionString) => With(connectionString, "aegis-grain-state", 40);

    /// <summary>Journal, tape and queries of the live lane. The same few statements run thousands of times a
    /// second, so they are prepared on each connection after their second use (no parse and plan each time).</summary>
    public static string Application(string connectionString) =>
        new NpgsqlConnectionStringBuilder(With(connectionString, "aegis-application", 20)) { MaxAutoPrepare = 32, AutoPrepareMinUsages = 2 }.ConnectionString;

    private static string With(string connectionString, string applicationName, int maxPoolSize) =>
        new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = applicationName, MaxPoolSize = maxPoolSize }.ConnectionString;
}
