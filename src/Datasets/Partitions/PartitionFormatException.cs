namespace Aegis.Datasets.Partitions;

/// <summary>A partition that cannot be trusted or decoded: the message names it and says why.</summary>
public sealed class PartitionFormatException(string message, Exception? inner = null) : Exception(message, inner);
