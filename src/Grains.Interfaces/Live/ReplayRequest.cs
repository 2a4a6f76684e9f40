namespace Aegis.Grains.Interfaces.Live;

/// <summary>
/// A silo's own replay settings, sent by a silo configured to run the replay. The replay grain keeps
/// the last one it was sent, so silos without the setting keep the same replay running.
/// </summary>
/// <param name="Speed">1 = real time, N = N times faster, 0 = as fast as the cluster takes it.</param>
/// <param name="Seed">Seed of the generated sample day; every silo generates the same file from it.</param>
[GenerateSerializer, Immutable]
public sealed record ReplayRequest(
    [property: Id(0)] double Speed,
    [property: Id(1)] int Seed);
