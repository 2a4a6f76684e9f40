namespace Aegis.Connectors.Tests.Replay;

/// <summary>Keeps every value reported, in order, as it is reported (unlike <see cref="Progress{T}"/>,
/// which posts reports to a synchronization context and may deliver them late).</summary>
public sealed class RecordingProgress : IProgress<int>
{
    public List<int> Reports { get; } = [];

    public void Report(int value) => Reports.Add(value);
}
