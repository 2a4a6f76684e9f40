using System.Collections.Concurrent;
using Aegis.Domain.Replay;
using Npgsql;
using NpgsqlTypes;

namespace Aegis.Grains.Persistence;

/// <summary>
/// How far the quote tape is committed, per stream (source, instrument): what the decision journal
/// checks before it commits decisions (tape first: no decision is journaled before the quotes that
/// caused it are in the tape). The silo's own tape writer reports its commits here; streams taped by
/// another silo are looked up in the database. The tape commits synchronously, so a row that a query
/// can see is durable.
/// </summary>
public sealed class TapeProgress(NpgsqlDataSource dataSource)
{
    private const string CommittedThrough =
        "SELECT t.i, t.s, (SELECT max(b.last_sequence) FROM quote_tape_blocks b WHERE b.instrument_id = t.i AND b.source = t.s) " +
        "FROM unnest($1::text[], $2::text[]) AS t(i, s)";

    private const string CommittedByInstrument =
        "SELECT source, max(last_sequence) FROM quote_tape_blocks WHERE instrument_id = $1 GROUP BY source";

    private static readonly TimeSpan CoverPoll = TimeSpan.FromMilliseconds(20);

    private readonly ConcurrentDictionary<(string Source, string InstrumentId), long> _committed = new();
    private readonly SemaphoreSlim _flushRequested = new(0, 1);

    /// <summary>The tape writer committed quotes of a stream up to <paramref name="lastSequence"/>.</summary>
    public void Committed(string source, string instrumentId, long lastSequence) =>
        _committed.AddOrUpdate((source, instrumentId), lastSequence, (_, known) => Math.Max(known, lastSequence));

    /// <summary>True when the input's quotes are known to be in the tape (always for timers and commands).</summary>
    public bool Covers(ScenarioInput input) =>
        input.Kind != InputKind.Quotes
        || (_committed.TryGetValue((input.Source, input.InstrumentId), out var committed) && committed >= input.LastSequence);

    /// <summary>True when the stream is known to be taped up to <paramref name="sequence"/>.</summary>
    public bool Covers(string source, string instrumentId, long sequence) =>
        _committed.TryGetValue((source, instrumentId), out var committed) && committed >= sequence;

    /// <summary>
    /// Waits until the tape holds a stream up to <paramref name="sequence"/>: quotes a feed has accepted are
    /// committed moments later, by this silo or another.
    /// </summary>
    /// <exception cref="TapeNotDurableException">Not taped within <paramref name="timeout"/>.</exception>
    public async Task WaitCoveredAsync(string source, string instrumentId, long sequence, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (!Covers(source, instrumentId, sequence))
        {
            await RefreshStreamAsync(source, instrumentId, cancellationToken);
            if (Covers(source, instrumentId, sequence))
            {
                return;
            }

            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) >= timeout)
            {
                throw new TapeNotDurableException($"the tape holds {source}/{instrumentId} only up to {(_committed.TryGetValue((source, instrumentId), out var c) ? c : "nothing")}, not {sequence}, after {timeout.TotalSeconds:0.#} s");
            }

            RequestFlush();
            await Task.Delay(CoverPoll, cancellationToken);
        }
    }

    /// <summary>How far the tape holds each source of an instrument, from the database.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ReadCommittedAsync(string instrumentId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(CommittedByInstrument);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = instrumentId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var committed = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            committed[reader.GetString(0)] = reader.GetInt64(1);
            Committed(reader.GetString(0), instrumentId, reader.GetInt64(1));
        }

        return committed;
    }

    public bool Covers(JournalAppend append)
    {
        // Newest first: if anything is not taped yet it is most likely the last inputs, and an append waiting
        // for the tape is asked again every few milliseconds.
        var inputs = append.Inputs;
        for (var i = inputs.Count - 1; i >= 0; i--)
        {
            if (!Covers(inputs[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Asks the local tape writer to write now rather than let small batches gather (someone waits for it).</summary>
    public void RequestFlush()
    {
        if (_flushRequested.CurrentCount == 0)
        {
            try
            {
                _flushRequested.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller asked at the same moment: one request is enough.
            }
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for a flush request (the tape writer's gathering pause).</summary>
    public bool WaitForFlushRequest(TimeSpan timeout, CancellationToken cancellationToken) => _flushRequested.Wait(timeout, cancellationToken);

    /// <summary>Reads from the database how far the streams of <paramref name="inputs"/> are taped (quotes taped by other silos).</summary>
    public Task RefreshAsync(IEnumerable<ScenarioInput> inputs, CancellationToken cancellationToken) =>
        RefreshAsync(inputs.Where(i => !Covers(i)).Select(i => (i.Source, i.InstrumentId)).Distinct().ToList(), cancellationToken);

    private Task RefreshStreamAsync(string source, string instrumentId, CancellationToken cancellationToken) =>
        RefreshAsync([(source, instrumentId)], cancellationToken);

    private async Task RefreshAsync(List<(string Source, string InstrumentId)> streams, CancellationToken cancellationToken)
    {
        if (streams.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(CommittedThrough);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = streams.Select(s => s.InstrumentId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = streams.Select(s => s.Source).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(2))
            {
                Committed(reader.GetString(1), reader.GetString(0), reader.GetInt64(2));
            }
        }
    }
}
