using System.Text.Json.Nodes;
using Aegis.Launchers.Fargate;

namespace Aegis.Launchers.Tests;

/// <summary>The Fargate launcher against moto_server's ECS, with the repository's task definition.</summary>
public sealed class FargateLauncherTests(MotoFixture moto)
{
    private static readonly FargateLaunchOptions Quick = new() { JoinTimeout = TimeSpan.FromSeconds(3), PollInterval = TimeSpan.FromMilliseconds(100) };

    private static WorkerLaunch Launch(int count) => new("sweep-20261202-1", count, "s3://aegis-research/jobs/job=sweep-20261202-1/manifest.json",
        new Dictionary<string, string> { ["Aegis__Lane"] = "research", ["Aegis__Research__S3__Bucket"] = "aegis-research" });

    [Fact]
    public async Task Twelve_workers_run_in_two_calls_with_the_job_manifest_in_their_override_wait_for_membership_and_stop()
    {
        var (ecs, options) = await moto.NewClusterAsync();
        using var _ = ecs;
        var joined = 1; // the launching research silo; each task's silo joins once ECS says it runs
        var launcher = new FargateLauncher(ecs, options, async ct =>
        {
            var running = await MotoFixture.RunningAsync(ecs, options.Cluster);
            return joined + running.Count;
        }, Quick);

        var workers = await launcher.LaunchAsync(Launch(12), TestContext.Current.CancellationToken);

        Assert.Equal("fargate", workers.Kind);
        Assert.Equal(12, workers.Ids.Distinct().Count());
        Assert.Equal(workers.Ids.Order(), (await MotoFixture.RunningAsync(ecs, options.Cluster)).Order());
        var described = await ecs.InvokeAsync("DescribeTasks", new JsonObject { ["cluster"] = options.Cluster, ["tasks"] = new JsonArray((JsonNode)workers.Ids[0]) });
        var task = described["tasks"]![0]!;
        Assert.Equal("FARGATE", (string?)task["launchType"]);
        Assert.Equal("job:sweep-20261202-1", (string?)task["group"]);
        var environment = task["overrides"]!["containerOverrides"]![0]!["environment"]!.AsArray()
            .ToDictionary(e => (string)e!["name"]!, e => (string)e!["value"]!);
        Assert.Equal("s3://aegis-research/jobs/job=sweep-20261202-1/manifest.json", environment[WorkerLaunch.JobManifestVariable]);
        Assert.Equal("sweep-20261202-1", environment[WorkerLaunch.JobIdVariable]);
        Assert.Equal("research", environment["Aegis__Lane"]);
        Assert.Equal("silo", (string?)task["overrides"]!["containerOverrides"]![0]!["name"]);

        await launcher.StopAsync(workers, TestContext.Current.CancellationToken);
        Assert.Empty(await MotoFixture.RunningAsync(ecs, options.Cluster));
    }

    [Fact]
    public async Task Silos_that_never_join_fail_the_launch_with_the_reason_and_leave_no_task_running()
    {
        var (ecs, options) = await moto.NewClusterAsync();
        using var _ = ecs;
        var launcher = new FargateLauncher(ecs, options, _ => Task.FromResult(1), Quick);

        var failed = await Assert.ThrowsAsync<WorkerLaunchException>(() => launcher.LaunchAsync(Launch(3), TestContext.Current.CancellationToken));

        Assert.Contains("1 active silos of the 4 expected", failed.Message, StringComparison.Ordinal);
        Assert.Contains("stopped the 3 tasks it had started", failed.Message, StringComparison.Ordinal);
        Assert.Empty(await MotoFixture.RunningAsync(ecs, options.Cluster));
    }

    [Fact]
    public async Task A_task_that_stops_before_its_silo_joins_fails_the_launch_and_the_others_are_stopped()
    {
        var (ecs, options) = await moto.NewClusterAsync();
        using var _ = ecs;
        var launcher = new FargateLauncher(ecs, options, _ => Task.FromResult(1), Quick);
        await moto.SetTaskProgressionAsync(describesPerStep: 1);
        try
        {
            var failed = await Assert.ThrowsAsync<WorkerLaunchException>(() => launcher.LaunchAsync(Launch(2), TestContext.Current.CancellationToken));
            Assert.Matches("^Fargate: task arn:aws:ecs:.+ stopped before its silo joined \\(DEACTIVATING\\): no reason given \\(stopped the 2 tasks it had started\\)$", failed.Message);
        }
        finally
        {
            await moto.SetTaskProgressionAsync(describesPerStep: 1_000);
        }

        Assert.Empty(await MotoFixture.RunningAsync(ecs, options.Cluster));
    }

    [Fact]
    public async Task An_unknown_task_definition_is_a_clear_error_and_nothing_runs()
    {
        var (ecs, options) = await moto.NewClusterAsync();
        using var _ = ecs;
        var launcher = new FargateLauncher(ecs, options with { TaskDefinition = "no-such-family" }, _ => Task.FromResult(1), Quick);

        var failed = await Assert.ThrowsAsync<WorkerLaunchException>(() => launcher.LaunchAsync(Launch(2), TestContext.Current.CancellationToken));

        Assert.StartsWith("Fargate: launching 2 tasks of no-such-family in cluster research-", failed.Message, StringComparison.Ordinal);
        Assert.Contains("ECS ClientException: RunTask: ", failed.Message, StringComparison.Ordinal);
        Assert.Empty(await MotoFixture.RunningAsync(ecs, options.Cluster));
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_reported_after_retries_not_a_hang()
    {
        var options = moto.Options("nowhere") with { ServiceUrl = "http://127.0.0.1:9", RequestTimeout = TimeSpan.FromSeconds(5) };
        using var ecs = new EcsClient(options);
        var launcher = new FargateLauncher(ecs, options, _ => Task.FromResult(1), Quick);

        var failed = await Assert.ThrowsAsync<WorkerLaunchException>(() => launcher.LaunchAsync(Launch(1), TestContext.Current.CancellationToken));

        Assert.Contains("RunTask failed 2 times", failed.Message, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:9/", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_override_over_ecs_limit_is_refused_before_any_task_starts()
    {
        var (ecs, options) = await moto.NewClusterAsync();
        using var _ = ecs;
        var launcher = new FargateLauncher(ecs, options, _ => Task.FromResult(1), Quick);
        var huge = Launch(1) with { Environment = new Dictionary<string, string> { ["GRID"] = new string('x', 9_000) } };

        var refused = await Assert.ThrowsAsync<WorkerLaunchException>(() => launcher.LaunchAsync(huge, TestContext.Current.CancellationToken));

        Assert.Contains("over ECS's limit of 8192", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await MotoFixture.RunningAsync(ecs, options.Cluster));
    }

    [Fact]
    public void A_task_advertises_the_first_ipv4_address_its_metadata_names()
    {
        const string Task = """
            {"Cluster":"research","TaskARN":"arn:aws:ecs:us-east-1:0:task/research/abc","Containers":[
              {"Name":"~internal~ecs~pause","Networks":[]},
              {"Name":"silo","Networks":[{"NetworkMode":"awsvpc","IPv4Addresses":["10.0.2.106"]}]}]}
            """;
        Assert.Equal("10.0.2.106", EcsTaskMetadata.AddressFrom(Task).ToString());
        Assert.Throws<InvalidOperationException>(() => EcsTaskMetadata.AddressFrom("""{"Containers":[{"Networks":[]}]}"""));
    }
}
