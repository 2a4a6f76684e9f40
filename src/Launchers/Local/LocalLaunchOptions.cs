namespace Aegis.Launchers.Local;

/// <summary>How research silo processes are started on this machine.</summary>
public sealed record LocalLaunchOptions
{
    /// <summary>The silo program and its leading arguments (e.g. <c>dotnet</c>, <c>Aegis.Silo.dll</c>), before the lane's switches.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>The AEGIS home the workers share with the launching silo (embedded database, logs).</summary>
    public required string Home { get; init; }

    /// <summary>The workers end when this process does (0: they do not follow any).</summary>
    public int ParentProcessId { get; init; }

    public TimeSpan JoinTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a stopped worker has to leave its cluster before it is killed.</summary>
    public TimeSpan StopPatience { get; init; } = TimeSpan.FromSeconds(30);
}
