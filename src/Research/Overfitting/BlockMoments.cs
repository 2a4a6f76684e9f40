namespace Aegis.Research.Overfitting;

/// <summary>
/// Per block and trial, the count, mean and sum of squared deviations of the block's rows. A half sample's mean
/// and Sharpe ratio then cost S/2 merges per trial instead of T/2 rows: merging uses the pairwise update of Chan,
/// Golub and LeVeque, which stays accurate where Σx² − (Σx)²/n would cancel.
/// </summary>
internal sealed class BlockMoments
{
    private readonly double[][] _means;
    private readonly double[][] _squares;

    public BlockMoments(ReturnMatrix matrix, int firstRow, int blockLength, int blocks)
    {
        Trials = matrix.Trials;
        BlockLength = blockLength;
        _means = new double[blocks][];
        _squares = new double[blocks][];
        for (var b = 0; b < blocks; b++)
        {
            var start = firstRow + b * blockLength;
            var mean = new double[Trials];
            for (var t = start; t < start + blockLength; t++)
            {
                var row = matrix.Row(t);
                for (var n = 0; n < Trials; n++)
                {
                    mean[n] += row[n];
                }
            }

            for (var n = 0; n < Trials; n++)
            {
                mean[n] /= blockLength;
            }

            var squares = new double[Trials];
            for (var t = start; t < start + blockLength; t++)
            {
                var row = matrix.Row(t);
                for (var n = 0; n < Trials; n++)
                {
                    var deviation = row[n] - mean[n];
                    squares[n] += deviation * deviation;
                }
            }

            _means[b] = mean;
            _squares[b] = squares;
        }
    }

    public int Trials { get; }

    public int BlockLength { get; }

    /// <summary>
    /// Writes each trial's metric over the union of <paramref name="blocks"/> into <paramref name="metric"/>, using
    /// <paramref name="squares"/> (one value per trial) as scratch.
    /// </summary>
    public void Measure(ReadOnlySpan<int> blocks, CscvMetric kind, Span<double> metric, Span<double> squares)
    {
        _means[blocks[0]].CopyTo(metric);
        _squares[blocks[0]].CopyTo(squares);
        double count = BlockLength;
        for (var i = 1; i < blocks.Length; i++)
        {
            var blockMeans = _means[blocks[i]];
            var blockSquares = _squares[blocks[i]];
            var merged = count + BlockLength;
            var weight = BlockLength / merged;
            var cross = count * BlockLength / merged;
            for (var n = 0; n < metric.Length; n++)
            {
                var delta = blockMeans[n] - metric[n];
                metric[n] += delta * weight;
                squares[n] += blockSquares[n] + delta * delta * cross;
            }

            count = merged;
        }

        if (kind == CscvMetric.Sharpe)
        {
            for (var n = 0; n < metric.Length; n++)
            {
                var deviation = Math.Sqrt(squares[n] / (count - 1));
                metric[n] = deviation > 0 ? metric[n] / deviation : 0;
            }
        }
    }
}
