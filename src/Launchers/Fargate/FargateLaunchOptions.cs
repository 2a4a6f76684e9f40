namespace Aegis.Launchers.Fargate;

/// <summary>How long a Fargate launch waits, and how often it looks.</summary>
public sealed record FargateLaunchOptions
{
    /// <summary>From the first RunTask until every task runs and its silo has joined the research cluster.</summary>
    public TimeSpan JoinTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>ECS's <c>startedBy</c> (at most 36 characters), to find the tasks this launcher started.</summary>
    public string StartedBy { get; init; } = "aegis-research";
}
