namespace Aegis.Launchers.Fargate;

/// <summary>
/// How research workers run on Fargate (configuration section <c>Aegis:Research:Fargate</c>): the ECS cluster and task
/// definition (<c>deploy/ecs/research-silo.task.json</c>), the container to override, and the task network. Without
/// <see cref="ServiceUrl"/> the client talks to ECS in <see cref="Region"/>; with it, to that endpoint (an emulator).
/// Without keys, the SDK's default credential chain applies.
/// </summary>
public sealed record EcsOptions
{
    public required string Cluster { get; init; }

    /// <summary>Family, family:revision or ARN.</summary>
    public required string TaskDefinition { get; init; }

    /// <summary>The container whose environment the launch overrides: the name in the task definition.</summary>
    public string ContainerName { get; init; } = "silo";

    public IReadOnlyList<string> Subnets { get; init; } = [];

    public IReadOnlyList<string> SecurityGroups { get; init; } = [];

    public bool AssignPublicIp { get; init; }

    public string Region { get; init; } = "us-east-1";

    public string? ServiceUrl { get; init; }

    public string? AccessKey { get; init; }

    public string? SecretKey { get; init; }

    /// <summary>Tries of a call that met an outage (a 5xx, throttling, no connection), with exponential backoff.</summary>
    public int MaxAttempts { get; init; } = 4;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
