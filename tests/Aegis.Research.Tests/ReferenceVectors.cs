using Aegis.Research.Overfitting;

namespace Aegis.Research.Tests;

/// <summary>
/// The worked CSCV vectors of the reference (returns × 1000; rows are periods, columns are trials; S = 4 gives the
/// blocks {1,2}, {3,4}, {5,6}, {7,8}).
/// </summary>
public static class ReferenceVectors
{
    public static ReturnMatrix C { get; } = Rows(4,
        -44, 69, 32, -62, -22, -6, -35, 20, 3, -88, -52, 73, 64, 24, -34, 98,
        -22, 62, 68, -64, 19, -50, 97, 20, -27, -83, 56, 48, 93, -5, 83, 42);

    public static ReturnMatrix D { get; } = Rows(3,
        -92, -10, -25, -13, 31, -39, -65, 89, -89, -76, -7, 35,
        69, -61, -74, -1, -50, -71, -90, 39, -29, 60, 76, -66);

    private static ReturnMatrix Rows(int trials, params double[] values) => new(values.Length / trials, trials, values);
}
