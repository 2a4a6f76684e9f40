namespace Aegis.Research.Overfitting;

/// <summary>
/// Every way to choose S/2 of S blocks, in lexicographic order of the chosen block indices: (0,1), (0,2), (0,3),
/// (1,2), … for S = 4. The complement of a choice is another choice; choices holding block 0 come first.
/// </summary>
internal sealed class HalfSplits
{
    private readonly Dictionary<int, int> _byMask = [];

    public HalfSplits(int splits)
    {
        var chosen = new List<int[]>();
        Choose(splits, splits / 2, 0, [], chosen);
        Blocks = chosen;
        Masks = chosen.Select(c => c.Aggregate(0, (mask, b) => mask | (1 << b))).ToArray();
        for (var i = 0; i < Masks.Count; i++)
        {
            _byMask[Masks[i]] = i;
        }

        AllBlocks = (1 << splits) - 1;
    }

    public IReadOnlyList<int[]> Blocks { get; }

    public IReadOnlyList<int> Masks { get; }

    public int Count => Blocks.Count;

    private int AllBlocks { get; }

    /// <summary>The index of choice <paramref name="index"/>'s complement.</summary>
    public int ComplementOf(int index) => _byMask[AllBlocks ^ Masks[index]];

    private static void Choose(int splits, int take, int from, List<int> current, List<int[]> chosen)
    {
        if (current.Count == take)
        {
            chosen.Add([.. current]);
            return;
        }

        for (var b = from; b <= splits - (take - current.Count); b++)
        {
            current.Add(b);
            Choose(splits, take, b + 1, current, chosen);
            current.RemoveAt(current.Count - 1);
        }
    }
}
