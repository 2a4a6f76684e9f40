using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Internal.Auth;

namespace Aegis.Launchers.Fargate;

/// <summary>
/// The three ECS calls the Fargate launcher makes (RunTask, DescribeTasks, StopTask), over the service's documented
/// JSON 1.1 protocol: a signed POST to <c>/</c> with <c>X-Amz-Target: AmazonEC2ContainerServiceV20141113.ACTION</c>.
/// Credentials come from AWSSDK.Core's chain (configured keys, else environment, profile, task role) and requests are
/// signed with its Signature V4 signer. A refusal (4xx) is an <see cref="EcsRequestException"/>; an outage is retried
/// with exponential backoff, then reported as an <see cref="EcsUnavailableException"/>.
/// </summary>
public sealed class EcsClient : IDisposable
{
    private const string TargetPrefix = "AmazonEC2ContainerServiceV20141113.";
    private const string ContentType = "application/x-amz-json-1.1";

    private readonly EcsOptions _options;
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly AWSCredentials _credentials;
    private readonly TimeProvider _clock;

    public EcsClient(EcsOptions options, TimeProvider? clock = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _clock = clock ?? TimeProvider.System;
        _endpoint = new Uri(options.ServiceUrl is { Length: > 0 } url ? url : $"https://ecs.{options.Region}.amazonaws.com/");
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = options.RequestTimeout;
        _credentials = options.AccessKey is { Length: > 0 } key
            ? new BasicAWSCredentials(key, options.SecretKey ?? throw new ArgumentException("Fargate: an access key needs its secret key"))
            : new DefaultAWSCredentialsIdentityResolver().ResolveIdentity(null);
    }

    public string Describe() => $"ECS at {_endpoint} (cluster {_options.Cluster})";

    public async Task<EcsTaskResult> RunTaskAsync(JsonObject request, CancellationToken cancellationToken = default) =>
        TaskResult(await CallAsync("RunTask", request, cancellationToken));

    public async Task<EcsTaskResult> DescribeTasksAsync(IReadOnlyList<string> taskArns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskArns);
        var all = new List<EcsTask>();
        var failures = new List<EcsFailure>();
        foreach (var batch in taskArns.Chunk(100)) // the API describes at most 100 tasks a call
        {
            var result = TaskResult(await CallAsync("DescribeTasks",
                new JsonObject { ["cluster"] = _options.Cluster, ["tasks"] = new JsonArray(batch.Select(a => (JsonNode)a!).ToArray()) }, cancellationToken));
            all.AddRange(result.Tasks);
            failures.AddRange(result.Failures);
        }

        return new EcsTaskResult(all, failures);
    }

    public async Task StopTaskAsync(string taskArn, string reason, CancellationToken cancellationToken = default) =>
        await CallAsync("StopTask", new JsonObject { ["cluster"] = _options.Cluster, ["task"] = taskArn, ["reason"] = reason }, cancellationToken);

    /// <summary>Any ECS action by name (e.g. <c>RegisterTaskDefinition</c> with <c>deploy/ecs/research-silo.task.json</c>), returning the response as is.</summary>
    public Task<JsonObject> InvokeAsync(string action, JsonObject request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        ArgumentNullException.ThrowIfNull(request);
        return CallAsync(action, request, cancellationToken);
    }

    private async Task<JsonObject> CallAsync(string action, JsonObject request, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(request.ToJsonString());
        var delay = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            Exception failure;
            try
            {
                using var message = await SignedAsync(action, body);
                using var response = await _http.SendAsync(message, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return JsonNode.Parse(text.Length == 0 ? "{}" : text) as JsonObject ?? throw new EcsUnavailableException($"ECS {action}: the response is not a JSON object");
                }

                var (type, error) = Error(text);
                if ((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.TooManyRequests && !type.Contains("Throttl", StringComparison.Ordinal))
                {
                    throw new EcsRequestException(type, $"{action}: {error}");
                }

                failure = new EcsUnavailableException($"ECS {action}: HTTP {(int)response.StatusCode} {type}: {error}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                failure = ex;
            }
            catch (JsonException ex)
            {
                failure = ex;
            }

            if (attempt >= _options.MaxAttempts)
            {
                throw failure as EcsUnavailableException
                    ?? new EcsUnavailableException($"{Describe()}: {action} failed {attempt} times: {failure.Message}", failure);
            }

            await Task.Delay(delay, _clock, cancellationToken);
            delay *= 2;
        }
    }

    private async Task<HttpRequestMessage> SignedAsync(string action, byte[] body)
    {
        var credentials = await _credentials.GetCredentialsAsync();
        var now = _clock.GetUtcNow().UtcDateTime;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var host = _endpoint.IsDefaultPort ? _endpoint.Host : $"{_endpoint.Host}:{_endpoint.Port}";
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = ContentType,
            ["host"] = host,
            ["x-amz-date"] = amzDate,
            ["x-amz-target"] = TargetPrefix + action,
        };
        if (credentials.UseToken)
        {
            headers["x-amz-security-token"] = credentials.Token;
        }

        var signedHeaders = string.Join(';', headers.Keys);
        var canonical = new StringBuilder()
            .Append("POST\n")
            .Append(_endpoint.AbsolutePath.Length == 0 ? "/" : _endpoint.AbsolutePath).Append('\n')
            .Append('\n');
        foreach (var (name, value) in headers)
        {
            canonical.Append(name).Append(':').Append(value.Trim()).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(Convert.ToHexStringLower(AWS4Signer.ComputeHash(body)));
        var signature = AWS4Signer.ComputeSignature(credentials, _options.Region, now, "ecs", signedHeaders, canonical.ToString());

        var message = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        message.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        message.Headers.TryAddWithoutValidation("X-Amz-Target", TargetPrefix + action);
        if (credentials.UseToken)
        {
            message.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        }

        message.Headers.TryAddWithoutValidation("Authorization", signature.ForAuthorizationHeader);
        return message;
    }

    private static (string Type, string Message) Error(string text)
    {
        try
        {
            if (JsonNode.Parse(text) is JsonObject error)
            {
                var type = (string?)error["__type"] ?? "Error";
                type = type[(type.LastIndexOf('#') + 1)..];
                return (type, (string?)(error["message"] ?? error["Message"]) ?? text);
            }
        }
        catch (JsonException)
        {
        }

        return ("Error", text.Length > 300 ? text[..300] : text);
    }

    private static EcsTaskResult TaskResult(JsonObject response)
    {
        var tasks = (response["tasks"] as JsonArray ?? (response["task"] is JsonObject one ? [one.DeepClone()] : []))
            .OfType<JsonObject>()
            .Select(t => new EcsTask((string?)t["taskArn"] ?? "", (string?)t["lastStatus"] ?? "", (string?)t["desiredStatus"] ?? "", (string?)t["stoppedReason"]))
            .ToList();
        var failures = (response["failures"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(f => new EcsFailure((string?)f["arn"], (string?)f["reason"] ?? "unknown", (string?)f["detail"]))
            .ToList();
        return new EcsTaskResult(tasks, failures);
    }

    public void Dispose() => _http.Dispose();
}
