namespace Aegis.Connectors.Tests.Replay;

/// <summary>Shares one generated sample day between the replay test classes.</summary>
[CollectionDefinition(Name)]
public sealed class SampleDayCollection : ICollectionFixture<SampleDayFixture>
{
    public const string Name = "Sample day";
}
