using System.Net;
using System.Text.Json;

namespace Aegis.Launchers.Fargate;

/// <summary>
/// The address a silo in a Fargate task advertises to the others: its task's own IPv4 address (awsvpc gives each
/// task an ENI), from the task metadata endpoint v4 (<c>${ECS_CONTAINER_METADATA_URI_V4}/task</c>,
/// <c>Containers[].Networks[].IPv4Addresses[0]</c>). A wildcard bind cannot be advertised.
/// </summary>
public static class EcsTaskMetadata
{
    public const string UriVariable = "ECS_CONTAINER_METADATA_URI_V4";

    /// <exception cref="InvalidOperationException">Not in an ECS task, or the endpoint names no IPv4 address.</exception>
    public static async Task<IPAddress> ReadAddressAsync(HttpClient http, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var root = Environment.GetEnvironmentVariable(UriVariable);
        if (string.IsNullOrEmpty(root))
        {
            throw new InvalidOperationException($"{UriVariable} is not set: this silo is not running in an ECS task, so it cannot advertise its task address");
        }

        return AddressFrom(await http.GetStringAsync(new Uri(root.TrimEnd('/') + "/task"), cancellationToken));
    }

    /// <exception cref="InvalidOperationException">The document names no IPv4 address.</exception>
    public static IPAddress AddressFrom(string taskMetadataJson)
    {
        using var document = JsonDocument.Parse(taskMetadataJson);
        if (document.RootElement.TryGetProperty("Containers", out var containers) && containers.ValueKind == JsonValueKind.Array)
        {
            foreach (var container in containers.EnumerateArray())
            {
                if (!container.TryGetProperty("Networks", out var networks) || networks.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var network in networks.EnumerateArray())
                {
                    if (network.TryGetProperty("IPv4Addresses", out var addresses) && addresses.ValueKind == JsonValueKind.Array
                        && addresses.GetArrayLength() > 0 && IPAddress.TryParse(addresses[0].GetString(), out var address))
                    {
                        return address;
                    }
                }
            }
        }

        throw new InvalidOperationException("the task metadata names no IPv4 address (Containers[].Networks[].IPv4Addresses)");
    }
}
