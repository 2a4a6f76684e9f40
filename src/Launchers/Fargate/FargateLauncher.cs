using System.Text.Json.Nodes;

namespace Aegis.Launchers.Fargate;

/// <summary>
/// Research workers as Fargate tasks: RunTask (at most 10 tasks a call, an idempotency token per batch) with the task
/// network and a container override that passes the research cluster's settings and the job manifest's URI (not the
/// grid: overrides are limited to 8,192 characters); then DescribeTasks until every task runs, and the membership
/// table until each one's silo has joined. Anything short of that stops every task started and throws.
/// </summary>
public sealed class FargateLauncher(EcsClient ecs, EcsOptions options, ActiveSiloCount activeSilos, FargateLaunchOptions? launchOptions = null,
    TimeProvider? clock = null) : IWorkerLauncher
{
    public const int OverrideLimit = 8_192;
    private const int TasksPerCall = 10;

    private readonly FargateLaunchOptions _launch = launchOptions ?? new FargateLaunchOptions();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public string Kind => "fargate";

    public async Task<LaunchedWorkers> LaunchAsync(WorkerLaunch launch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(launch);
        if (launch.Count <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(launch), launch.Count, "workers: at least one");
        }

        var overrides = Overrides(launch);
        if (overrides.ToJsonString().Length > OverrideLimit)
        {
            throw new WorkerLaunchException($"Fargate: the container override is {overrides.ToJsonString().Length} characters, over ECS's limit of {OverrideLimit}; pass settings through the job manifest");
        }

        var baseline = await activeSilos(cancellationToken);
        var started = new List<string>();
        try
        {
            for (var batch = 0; started.Count < launch.Count; batch++)
            {
                var count = Math.Min(TasksPerCall, launch.Count - started.Count);
                var result = await ecs.RunTaskAsync(Request(launch, batch, count, overrides), cancellationToken);
                started.AddRange(result.Tasks.Select(t => t.TaskArn));
                if (result.Failures.Count > 0 || result.Tasks.Count != count)
                {
                    throw new WorkerLaunchException($"Fargate: RunTask started {result.Tasks.Count} of {count} tasks: " +
                        (result.Failures.Count > 0 ? string.Join("; ", result.Failures) : "no reason given"));
                }
            }

            var deadline = _clock.GetUtcNow() + _launch.JoinTimeout;
            await WaitForTasksAsync(started, deadline, cancellationToken);
            await WaitForMembershipAsync(baseline + launch.Count, deadline, cancellationToken);
            return new LaunchedWorkers(Kind, started);
        }
        catch (Exception ex) when (ex is WorkerLaunchException or EcsRequestException or EcsUnavailableException or OperationCanceledException)
        {
            var leftover = await StopAllAsync(started, $"launch of job {launch.JobId} failed");
            var message = ex is WorkerLaunchException
                ? ex.Message
                : $"Fargate: launching {launch.Count} tasks of {options.TaskDefinition} in cluster {options.Cluster}: {ex.Message}";
            throw new WorkerLaunchException(leftover.Count == 0
                ? $"{message} (stopped the {started.Count} tasks it had started)"
                : $"{message}; stopping {string.Join(", ", leftover)} failed too: stop them by hand", ex);
        }
    }

    public async Task StopAsync(LaunchedWorkers workers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workers);
        var leftover = await StopAllAsync(workers.Ids, "research job done");
        if (leftover.Count > 0)
        {
            throw new WorkerLaunchException($"Fargate: could not stop {string.Join(", ", leftover)}");
        }
    }

    private JsonObject Request(WorkerLaunch launch, int batch, int count, JsonObject overrides) => new()
    {
        ["cluster"] = options.Cluster,
        ["taskDefinition"] = options.TaskDefinition,
        ["launchType"] = "FARGATE",
        ["count"] = count,
        ["startedBy"] = _launch.StartedBy,
        ["group"] = $"job:{launch.JobId}",
        ["clientToken"] = Token($"{launch.JobId}-{batch}"),
        ["networkConfiguration"] = new JsonObject
        {
            ["awsvpcConfiguration"] = new JsonObject
            {
                ["subnets"] = new JsonArray(options.Subnets.Select(s => (JsonNode)s!).ToArray()),
                ["securityGroups"] = new JsonArray(options.SecurityGroups.Select(s => (JsonNode)s!).ToArray()),
                ["assignPublicIp"] = options.AssignPublicIp ? "ENABLED" : "DISABLED",
            },
        },
        ["overrides"] = overrides.DeepClone(),
    };

    // ECS's client token: up to 64 ASCII characters; a long job id keeps its end, which is what differs.
    private static string Token(string value) => value.Length <= 64 ? value : value[^64..];

    private JsonObject Overrides(WorkerLaunch launch) => new()
    {
        ["containerOverrides"] = new JsonArray(new JsonObject
        {
            ["name"] = options.ContainerName,
            ["environment"] = new JsonArray(launch.Variables().Select(v => (JsonNode)new JsonObject { ["name"] = v.Key, ["value"] = v.Value }).ToArray()),
        }),
    };

    private async Task WaitForTasksAsync(List<string> arns, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var described = await ecs.DescribeTasksAsync(arns, cancellationToken);
            if (described.Tasks.FirstOrDefault(t => t.IsStopped) is { } stopped)
            {
                throw new WorkerLaunchException($"Fargate: task {stopped.TaskArn} stopped before its silo joined ({stopped.LastStatus}): {(stopped.StoppedReason is { Length: > 0 } reason ? reason : "no reason given")}");
            }

            var running = described.Tasks.Count(t => t.IsRunning);
            if (running == arns.Count)
            {
                return;
            }

            if (_clock.GetUtcNow() >= deadline)
            {
                throw new WorkerLaunchException($"Fargate: {running} of {arns.Count} tasks were running after {_launch.JoinTimeout.TotalSeconds:0} s");
            }

            await Task.Delay(_launch.PollInterval, _clock, cancellationToken);
        }
    }

    private async Task WaitForMembershipAsync(int wanted, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var active = await activeSilos(cancellationToken);
            if (active >= wanted)
            {
                return;
            }

            if (_clock.GetUtcNow() >= deadline)
            {
                throw new WorkerLaunchException($"Fargate: the research cluster has {active} active silos of the {wanted} expected after {_launch.JoinTimeout.TotalSeconds:0} s: the tasks run but their silos did not join");
            }

            await Task.Delay(_launch.PollInterval, _clock, cancellationToken);
        }
    }

    // Tries every task even when some fail; returns the ones that could not be stopped.
    private async Task<List<string>> StopAllAsync(IReadOnlyList<string> arns, string reason)
    {
        var leftover = new List<string>();
        foreach (var arn in arns)
        {
            try
            {
                await ecs.StopTaskAsync(arn, reason, CancellationToken.None);
            }
            catch (Exception ex) when (ex is EcsRequestException or EcsUnavailableException)
            {
                leftover.Add($"{arn} ({ex.Message})");
            }
        }

        return leftover;
    }
}
