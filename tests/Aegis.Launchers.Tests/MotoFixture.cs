using System.Text.Json.Nodes;
using Aegis.Launchers.Fargate;
using Aegis.Testing;

[assembly: AssemblyFixture(typeof(Aegis.Launchers.Tests.MotoFixture))]

namespace Aegis.Launchers.Tests;

/// <summary>One moto_server for the assembly; each test takes an ECS cluster of its own with the repository's task definition registered.</summary>
public sealed class MotoFixture : IAsyncLifetime
{
    private MotoServer? _server;

    public string ServiceUrl => _server?.ServiceUrl ?? throw new InvalidOperationException("moto_server has not started");

    public async ValueTask InitializeAsync()
    {
        _server = await MotoServer.StartAsync();
        await SetTaskProgressionAsync(describesPerStep: 1_000);
    }

    /// <summary>
    /// The emulator moves a task one state on (RUNNING, DEACTIVATING, STOPPING…) every <paramref name="describesPerStep"/>
    /// DescribeTasks calls: 1,000 keeps tasks running as long as a test looks at them, 1 makes them stop at once, as a
    /// container that exits on start would.
    /// </summary>
    public async Task SetTaskProgressionAsync(int describesPerStep)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(ServiceUrl + "/moto-api/state-manager/set-transition", new StringContent(
            $$$"""{"model_name": "ecs::task", "transition": {"progression": "manual", "times": {{{describesPerStep}}}}}""", System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public EcsOptions Options(string cluster, string subnet = "subnet-0a1b2c3d") => new()
    {
        Cluster = cluster,
        TaskDefinition = "aegis-research-silo",
        Subnets = [subnet],
        SecurityGroups = ["sg-0a1b2c3d"],
        ServiceUrl = ServiceUrl,
        AccessKey = "test",
        SecretKey = "test",
        MaxAttempts = 2,
    };

    /// <summary>A new cluster with <c>deploy/ecs/research-silo.task.json</c> registered, and a client for it.</summary>
    public async Task<(EcsClient Client, EcsOptions Options)> NewClusterAsync()
    {
        var options = Options("research-" + Guid.NewGuid().ToString("N")[..10], await DefaultSubnetAsync());
        var client = new EcsClient(options);
        await client.InvokeAsync("CreateCluster", new JsonObject { ["clusterName"] = options.Cluster });
        var definition = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "deploy", "ecs", "research-silo.task.json")))!.AsObject();
        await client.InvokeAsync("RegisterTaskDefinition", definition);
        return (client, options);
    }

    /// <summary>The tasks of <paramref name="cluster"/> ECS still means to run.</summary>
    public static async Task<IReadOnlyList<string>> RunningAsync(EcsClient client, string cluster)
    {
        var listed = await client.InvokeAsync("ListTasks", new JsonObject { ["cluster"] = cluster, ["desiredStatus"] = "RUNNING" });
        return (listed["taskArns"] as JsonArray ?? []).Select(a => (string)a!).ToList();
    }

    // The emulator checks that a task's subnet exists: take one of its default VPC's, through EC2's query API (the
    // emulator does not check signatures, so a credential scope naming the service is all the request needs).
    private async Task<string> DefaultSubnetAsync()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, ServiceUrl + "/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Action"] = "DescribeSubnets", ["Version"] = "2016-11-15" }),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request);
        var document = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.Descendants().First(e => e.Name.LocalName == "subnetId").Value;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Aegis.Orleans.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the repository root (Aegis.Orleans.sln) is not above the test binaries");
    }
}
