namespace Aegis.Launchers.Fargate;

/// <summary>A task as ECS describes it: its ARN, last and desired status, and why it stopped, if it did.</summary>
public sealed record EcsTask(string TaskArn, string LastStatus, string DesiredStatus, string? StoppedReason)
{
    public bool IsRunning => LastStatus == "RUNNING";

    /// <summary>Stopped or on its way there (the states after RUNNING), or told to stop.</summary>
    public bool IsStopped => LastStatus is "DEACTIVATING" or "STOPPING" or "DEPROVISIONING" or "STOPPED" || DesiredStatus == "STOPPED";
}

/// <summary>A task ECS could not start or describe: the ARN it concerns, if any, and the reason.</summary>
public sealed record EcsFailure(string? Arn, string Reason, string? Detail)
{
    public override string ToString() => Detail is { Length: > 0 } ? $"{Reason} ({Detail})" : Reason;
}

/// <summary>What a RunTask or DescribeTasks call returned: tasks, and per-task failures (which are not errors of the call).</summary>
public sealed record EcsTaskResult(IReadOnlyList<EcsTask> Tasks, IReadOnlyList<EcsFailure> Failures);
