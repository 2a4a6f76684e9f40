namespace Aegis.Domain.Strategies;

/// <summary>Serialized form of a <see cref="RollingWindow"/>: storage-order values, write index and the exact running sums.</summary>
internal sealed record RollingWindowState(double[] Values, int Next, double Sum, double SumSquares);
