namespace Aegis.Research.Overfitting;

/// <summary>
/// One CSCV combination: the blocks that form the in-sample half (0-based, in time order), the trial that was best in
/// sample, its in-sample and out-of-sample metric, its out-of-sample rank among all trials (1 = worst, average ranks
/// on ties), and λ = ln(ω / (1 − ω)) with ω = rank / (N + 1).
/// </summary>
public sealed record CscvCombination(
    IReadOnlyList<int> InSampleBlocks,
    int BestTrial,
    double InSample,
    double OutOfSample,
    double OutOfSampleRank,
    double Lambda);
