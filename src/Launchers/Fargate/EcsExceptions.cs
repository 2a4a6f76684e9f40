namespace Aegis.Launchers.Fargate;

/// <summary>ECS refused a call (a 4xx: a bad request, an unknown cluster or task definition, access denied): retrying would meet it again.</summary>
public sealed class EcsRequestException(string errorType, string message) : Exception($"ECS {errorType}: {message}")
{
    public string ErrorType { get; } = errorType;
}

/// <summary>ECS could not be reached or kept failing (5xx, throttling) after every retry.</summary>
public sealed class EcsUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
