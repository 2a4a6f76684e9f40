namespace Aegis.Client.Commands;

/// <summary>One silo as <c>aegis cluster status</c> reports it.</summary>
public sealed record SiloStatusRow(
    string Lane,
    string ClusterId,
    string SiloName,
    string Address,
    string Status,
    DateTimeOffset StartTimeUtc,
    DateTimeOffset LastAliveUtc,
    int? Activations);
