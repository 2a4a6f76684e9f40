using Aegis.Domain.Replay;
using Aegis.Domain.Scenarios;
using Parquet;
using Parquet.Schema;

namespace Aegis.Datasets.Partitions;

/// <summary>
/// A piece of one scenario's input log as Parquet bytes: the columns of the live lane's <c>scenario_inputs</c> table
/// (the scenario and date are in the key). <c>kind</c> is 0 quotes, 1 timer, 2 command, as in the table; commands
/// are written by name in lower case. Rows are in input order.
/// </summary>
public static class InputPartitionCodec
{
    private static readonly DataField<long> InputField = new("input_sequence", false);
    private static readonly DataField<int> KindField = new("kind", false);
    private static readonly DataField<long> TimeField = new("event_time_unix_ns", false);
    private static readonly DataField<string> SourceField = new("source", false);
    private static readonly DataField<string> InstrumentField = new("instrument_id", false);
    private static readonly DataField<long> FirstField = new("first_sequence", false);
    private static readonly DataField<long> LastField = new("last_sequence", false);
    private static readonly DataField<int> CountField = new("quote_count", false);
    private static readonly DataField<string> CommandField = new("command", true);
    private static readonly DataField<string> ReasonField = new("reason", true);
    private static readonly DataField<long> MergedField = new("merged_with", false);

    public static ParquetSchema Schema { get; } = new(InputField, KindField, TimeField, SourceField, InstrumentField, FirstField, LastField, CountField,
        CommandField, ReasonField, MergedField);

    public static async Task<byte[]> EncodeAsync(IReadOnlyList<ScenarioInput> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(Schema, stream, cancellationToken: cancellationToken))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<long>(InputField, inputs.Select(i => i.InputSequence).ToArray(), cancellationToken: cancellationToken);
            await group.WriteAsync<int>(KindField, inputs.Select(i => (int)i.Kind).ToArray(), cancellationToken: cancellationToken);
            await group.WriteAsync<long>(TimeField, inputs.Select(i => i.EventTimeUnixNs).ToArray(), cancellationToken: cancellationToken);
            await group.WriteAsync(SourceField, inputs.Select(i => i.Source).ToArray());
            await group.WriteAsync(InstrumentField, inputs.Select(i => i.InstrumentId).ToArray());
            await group.WriteAsync<long>(FirstField, inputs.Select(i => i.FirstSequence).ToArray(), cancellationToken: cancellationToken);
            await group.WriteAsync<long>(LastField, inputs.Select(i => i.LastSequence).ToArray(), cancellationToken: cancellationToken);
            await group.WriteAsync<int>(CountField, inputs.Select(i => i.QuoteCount).ToArray(), cancellationToken: cancellationToken);
            await group.WriteAsync(CommandField, inputs.Select(i => i.Command?.ToString().ToLowerInvariant()).ToArray());
            await group.WriteAsync(ReasonField, inputs.Select(i => i.Reason).ToArray());
            await group.WriteAsync<long>(MergedField, inputs.Select(i => i.MergedWith).ToArray(), cancellationToken: cancellationToken);
        }

        return stream.ToArray();
    }

    /// <exception cref="PartitionFormatException">Not an input partition, or damaged; the message names <paramref name="location"/> and the row.</exception>
    public static async Task<IReadOnlyList<ScenarioInput>> DecodeAsync(byte[] bytes, string location, CancellationToken cancellationToken = default)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
            var fields = PartitionSchema.Require(reader.Schema, Schema, "an input", location);

            var inputs = new List<ScenarioInput>();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var count = checked((int)group.RowCount);
                var (sequences, kinds, times) = (new long[count], new int[count], new long[count]);
                var (sources, instrumentIds, commands, reasons) = (new string?[count], new string?[count], new string?[count], new string?[count]);
                var (firsts, lasts, counts, merged) = (new long[count], new long[count], new int[count], new long[count]);
                await group.ReadAsync<long>(fields[0], sequences.AsMemory(), cancellationToken: cancellationToken);
                await group.ReadAsync<int>(fields[1], kinds.AsMemory(), cancellationToken: cancellationToken);
                await group.ReadAsync<long>(fields[2], times.AsMemory(), cancellationToken: cancellationToken);
                await group.ReadAsync(fields[3], sources.AsMemory(), cancellationToken: cancellationToken);
                await group.ReadAsync(fields[4], instrumentIds.AsMemory(), cancellationToken: cancellationToken);
                await group.ReadAsync<long>(fields[5], firsts.AsMemory(), cancellationToken: cancellationToken);
                await group.ReadAsync<long>(fields[6], lasts.AsMemory(), cancellationToken: cancellationToken);
                await group.ReadAsync<int>(fields[7], counts.AsMemory(), cancellationToken: cancellationToken);
                await group.ReadAsync(fields[8], commands.AsMemory(), cancellationToken: cancellationToken);
                await group.ReadAsync(fields[9], reasons.AsMemory(), cancellationToken: cancellationToken);
                await group.ReadAsync<long>(fields[10], merged.AsMemory(), cancellationToken: cancellationToken);
                for (var i = 0; i < count; i++)
                {
                    var row = inputs.Count + 1;
                    if (kinds[i] is < 0 or > (int)InputKind.Command)
                    {
                        throw new PartitionFormatException($"{location}: row {row}, field kind: {kinds[i]} is not 0 (quotes), 1 (timer) or 2 (command)");
                    }

                    ScenarioCommand? command = null;
                    if (commands[i] is { } text)
                    {
                        command = Enum.TryParse<ScenarioCommand>(text, ignoreCase: true, out var parsed) && !int.TryParse(text, out _)
                            ? parsed
                            : throw new PartitionFormatException($"{location}: row {row}, field command: '{text}' is not a scenario command");
                    }

                    inputs.Add(new ScenarioInput(sequences[i], (InputKind)kinds[i], times[i], sources[i] ?? "", instrumentIds[i] ?? "", firsts[i], lasts[i], counts[i],
                        command, reasons[i], merged[i]));
                }
            }

            return inputs;
        }
        catch (Exception ex) when (ex is IOException or ParquetException or InvalidDataException or InvalidOperationException or ArgumentException
                                       or IndexOutOfRangeException or OverflowException or NotSupportedException)
        {
            throw new PartitionFormatException($"{location}: not a readable input partition: {ex.Message}", ex);
        }
    }
}
