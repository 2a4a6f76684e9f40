using Parquet.Schema;

namespace Aegis.Datasets.Partitions;

/// <summary>The check every partition decoder makes first: the file's columns are, by name and type and in order, the kind's.</summary>
internal static class PartitionSchema
{
    /// <exception cref="PartitionFormatException">The columns differ; the message names <paramref name="location"/> and both column lists.</exception>
    public static DataField[] Require(ParquetSchema actual, ParquetSchema expected, string kind, string location)
    {
        var fields = actual.DataFields;
        var wanted = expected.DataFields;
        if (fields.Length != wanted.Length || fields.Zip(wanted).Any(p => p.First.Name != p.Second.Name || p.First.ClrType != p.Second.ClrType))
        {
            throw new PartitionFormatException(
                $"{location}: columns [{string.Join(", ", fields.Select(f => f.Name))}] are not {kind} partition's [{string.Join(", ", wanted.Select(f => f.Name))}]");
        }

        return fields;
    }
}
