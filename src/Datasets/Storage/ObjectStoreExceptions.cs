namespace Aegis.Datasets.Storage;

/// <summary>A key that names no object.</summary>
public sealed class ObjectNotFoundException(string location) : Exception($"{location} does not exist")
{
    public string Location { get; } = location;
}

/// <summary>The store cannot be reached (after the client's own retries with backoff): an outage, not a bug.</summary>
public sealed class ObjectStoreUnavailableException(string message, Exception inner) : Exception(message, inner);
