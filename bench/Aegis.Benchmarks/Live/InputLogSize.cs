namespace Aegis.Benchmarks.Live;

/// <summary>The input log at one moment: block rows, inputs in them, and bytes on disk (table, TOAST and indexes).</summary>
public sealed record InputLogSize(long Rows, long Inputs, long Bytes)
{
    public static InputLogSize operator -(InputLogSize a, InputLogSize b) => new(a.Rows - b.Rows, a.Inputs - b.Inputs, a.Bytes - b.Bytes);
}
