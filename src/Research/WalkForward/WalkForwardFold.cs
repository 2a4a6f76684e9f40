namespace Aegis.Research.WalkForward;

/// <summary>One fold: fit on periods [TrainStart, TrainEnd), then test on [TestStart, TestEnd). Indices are 0-based.</summary>
public sealed record WalkForwardFold(int Index, int TrainStart, int TrainEnd, int TestStart, int TestEnd)
{
    public int TrainLength => TrainEnd - TrainStart;

    public int TestLength => TestEnd - TestStart;
}
