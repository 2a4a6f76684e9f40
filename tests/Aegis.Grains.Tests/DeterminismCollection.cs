namespace Aegis.Grains.Tests;

/// <summary>The determinism runs start three clusters one after the other and put the machine under load on
/// purpose: they run alone, not beside the other cluster tests.</summary>
[CollectionDefinition(nameof(DeterminismTests), DisableParallelization = true)]
public sealed class DeterminismCollection;
