namespace Aegis.Client.Infrastructure;

/// <summary>A command failed for a reason the operator can act on; printed as one line.</summary>
/// <param name="message">The line to print.</param>
/// <param name="exitCode">1 = the request was refused or not found, 2 = configuration or connectivity.</param>
public sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
