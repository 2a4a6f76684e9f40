namespace Aegis.Grains.Interfaces.Cluster;

/// <summary>The three AEGIS clusters. Each is its own Orleans cluster (ClusterId and ServiceId),
/// so membership, grain state and reminders never mix between lanes.</summary>
public enum Lane
{
    Live = 0,
    Shadow = 1,
    Research = 2,
}
