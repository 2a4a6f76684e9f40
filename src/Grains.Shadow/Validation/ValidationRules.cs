using System.Globalization;
using System.Text;
using Aegis.Grains.Interfaces.Shadow;
using Aegis.Grains.Persistence;
using Aegis.Grains.Shadow.Hosting;
using Aegis.Grains.Shadow.Persistence;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Aegis.Grains.Shadow.Validation;

/// <summary>
/// The validator's named invariant rules. Each reads the lanes' durable records (and the shadow twins' books, which
/// are the live books when parity holds) and gives one verdict naming every subject that failed.
/// </summary>
public sealed class ValidationRules(
    NpgsqlDataSource dataSource, ScenarioSpecs specs, TapeOverview tapeOverview, IGrainFactory grains, TimeProvider time, IOptions<ShadowLaneOptions> options)
{
    public const string PositionsEqualFills = "positions-equal-fills";
    public const string CashEqualsFills = "cash-equals-fills";
    public const string TapeWithoutGaps = "tape-without-gaps";
    public const string DecisionsHaveTapeQuotes = "decisions-have-tape-quotes";
    public const string NoStaleFeed = "no-stale-feed";
    public const string LagWithinLimits = "lag-within-limits";

    // Detail names at most this many failures; the count says how many there were.
    private const int NamedFailures = 10;


    // Per scenario, how far the check of inputs against the tape has got (a run checks what was logged since).
    private readonly Dictionary<string, long> _inputsChecked = new(StringComparer.Ordinal);

    public static IReadOnlyList<string> Names { get; } =
        [PositionsEqualFills, CashEqualsFills, TapeWithoutGaps, DecisionsHaveTapeQuotes, NoStaleFeed, LagWithinLimits];

    public Task<ValidationVerdict> CheckAsync(string rule, CancellationToken cancellationToken = default) => rule switch
    {
        PositionsEqualFills => PositionsAsync(cancellationToken),
        CashEqualsFills => CashAsync(cancellationToken),
        TapeWithoutGaps => GapsAsync(cancellationToken),
        DecisionsHaveTapeQuotes => TapeQuotesAsync(cancellationToken),
        NoStaleFeed => StaleFeedsAsync(cancellationToken),
        LagWithinLimits => LagAsync(cancellationToken),
        _ => throw new ArgumentException($"unknown rule '{rule}' (rules: {string.Join(", ", Names)})", nameof(rule)),
    };

    // Every position of every scenario equals the signed sum of its journaled fills up to the same decision.
    private async Task<ValidationVerdict> PositionsAsync(CancellationToken cancellationToken)
    {
        var failures = new Failures(PositionsEqualFills);
        long checkedBooks = 0;
        foreach (var book in await BooksAsync())
        {
            checkedBooks++;
            await using var command = dataSource.CreateCommand(
                "SELECT instrument_id, sum(CASE WHEN side = 'Buy' THEN quantity ELSE -quantity END) FROM scenario_fills " +
                "WHERE scenario_id = $1 AND decision_sequence <= $2 GROUP BY instrument_id");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = book.ScenarioId });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = book.DecisionSequence });
            var fromFills = new Dictionary<string, long>(StringComparer.Ordinal);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (reader.GetDecimal(1) is var sum and not 0)
                    {
                        fromFills[reader.GetString(0)] = (long)sum;
                    }
                }
            }

            foreach (var instrument in fromFills.Keys.Union(book.Positions.Keys).Order(StringComparer.Ordinal))
            {
                var held = book.Positions.GetValueOrDefault(instrument);
                var filled = fromFills.GetValueOrDefault(instrument);
                if (held != filled)
                {
                    failures.Add($"{book.ScenarioId} {instrument}: position {held}, fills through decision {book.DecisionSequence} sum to {filled}");
                }
            }
        }

        return failures.Verdict(checkedBooks, time);
    }

    // Cash equals the starting cash plus every fill's cash flow minus commissions, up to the same decision.
    private async Task<ValidationVerdict> CashAsync(CancellationToken cancellationToken)
    {
        var failures = new Failures(CashEqualsFills);
        long checkedBooks = 0;
        foreach (var book in await BooksAsync())
        {
            checkedBooks++;
            await using var command = dataSource.CreateCommand(
                "SELECT coalesce(sum(CASE WHEN side = 'Buy' THEN -quantity ELSE quantity END * price * multiplier), 0), coalesce(sum(commission), 0) " +
                "FROM scenario_fills WHERE scenario_id = $1 AND decision_sequence <= $2");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = book.ScenarioId });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = book.DecisionSequence });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var expected = book.StartingCash + reader.GetDecimal(0) - reader.GetDecimal(1);
            if (expected != book.Cash)
            {
                failures.Add($"{book.ScenarioId}: cash {book.Cash.ToString(CultureInfo.InvariantCulture)}, starting cash plus fills minus commissions " +
                    $"through decision {book.DecisionSequence} is {expected.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        return failures.Verdict(checkedBooks, time);
    }

    // Each stream's sequences on the tape's latest day run without a hole: between blocks, and inside each block.
    private async Task<ValidationVerdict> GapsAsync(CancellationToken cancellationToken)
    {
        var failures = new Failures(TapeWithoutGaps);
        await using var command = dataSource.CreateCommand(
            "WITH b AS (SELECT instrument_id, source, first_sequence, last_sequence, cardinality(sequences) AS n, " +
            "max(last_sequence) OVER (PARTITION BY instrument_id, source ORDER BY first_sequence, last_sequence ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before " +
            "FROM quote_tape_blocks WHERE exchange_day = " + TapeOverview.LatestDay + ") " +
            "SELECT instrument_id, source, count(*) FILTER (WHERE first_sequence > before + 1 OR n < last_sequence - first_sequence + 1), " +
            "min(CASE WHEN first_sequence > before + 1 THEN before + 1 END), min(CASE WHEN n < last_sequence - first_sequence + 1 THEN first_sequence END) " +
            "FROM b GROUP BY instrument_id, source ORDER BY instrument_id, source");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long streams = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            streams++;
            if (reader.GetInt64(2) > 0)
            {
                var where = !reader.IsDBNull(3) ? $"missing from sequence {reader.GetInt64(3)}" : $"a hole inside the block from sequence {reader.GetInt64(4)}";
                failures.Add($"{reader.GetString(0)}/{reader.GetString(1)}: {reader.GetInt64(2)} gap(s), first {where}");
            }
        }

        return failures.Verdict(streams, time);
    }

    // Every quote input logged since the last run has its first and last quote in the tape.
    private async Task<ValidationVerdict> TapeQuotesAsync(CancellationToken cancellationToken)
    {
        var failures = new Failures(DecisionsHaveTapeQuotes);
        long inputs = 0;
        foreach (var scenarioId in await specs.ReadIdsAsync(cancellationToken))
        {
            var after = _inputsChecked.GetValueOrDefault(scenarioId);
            await using var command = dataSource.CreateCommand(
                "SELECT i.input_sequence, i.instrument_id, i.source, i.first_sequence, i.last_sequence, " +
                "EXISTS (SELECT 1 FROM quote_tape_blocks b WHERE b.instrument_id = i.instrument_id AND b.source = i.source " +
                "AND b.first_sequence <= i.first_sequence AND b.last_sequence >= i.first_sequence AND i.first_sequence = ANY (b.sequences)), " +
                "EXISTS (SELECT 1 FROM quote_tape_blocks b WHERE b.instrument_id = i.instrument_id AND b.source = i.source " +
                "AND b.first_sequence <= i.last_sequence AND b.last_sequence >= i.last_sequence AND i.last_sequence = ANY (b.sequences)) " +
                "FROM (SELECT b.first_input_sequence + u.n - 1 AS input_sequence, u.kind, u.source, u.instrument_id, u.first_sequence, u.last_sequence " +
                "FROM scenario_input_blocks b CROSS JOIN LATERAL unnest(b.kinds, b.sources, b.instrument_ids, b.first_sequences, b.last_sequences) " +
                "WITH ORDINALITY AS u(kind, source, instrument_id, first_sequence, last_sequence, n) " +
                "WHERE b.scenario_id = $1 AND b.last_input_sequence > $2) i " +
                "WHERE i.input_sequence > $2 AND i.kind = 0 ORDER BY i.input_sequence LIMIT $3");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scenarioId });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = options.Value.ValidatorInputsPerRun });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                inputs++;
                after = reader.GetInt64(0);
                if (!reader.GetBoolean(5) || !reader.GetBoolean(6))
                {
                    failures.Add($"{scenarioId} input {after}: quotes {reader.GetInt64(3)}..{reader.GetInt64(4)} of {reader.GetString(1)}/{reader.GetString(2)} " +
                        $"are not all in the tape (first {(reader.GetBoolean(5) ? "there" : "missing")}, last {(reader.GetBoolean(6) ? "there" : "missing")})");
                }
            }

            _inputsChecked[scenarioId] = after;
        }

        return failures.Verdict(inputs, time);
    }

    // While the market moves (some stream received a quote within the limit), no stream has gone longer without one.
    private async Task<ValidationVerdict> StaleFeedsAsync(CancellationToken cancellationToken)
    {
        var failures = new Failures(NoStaleFeed);
        var limit = options.Value.StaleFeedAfter;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000L;
        var streams = await tapeOverview.LastQuotesAsync(cancellationToken);
        var newest = streams.Count == 0 ? 0 : streams.Max(s => s.ReceiveUnixNs);
        if (streams.Count == 0 || now - newest > limit.Ticks * 100)
        {
            var idle = new Failures(NoStaleFeed);
            return idle.Verdict(streams.Count, time, streams.Count == 0
                ? "no quotes on the tape"
                : $"no stream received a quote in the last {limit.TotalSeconds:F0} s: outside the session (or every feed is down)");
        }

        foreach (var stream in streams.Where(s => now - s.ReceiveUnixNs > limit.Ticks * 100))
        {
            failures.Add($"{stream.InstrumentId}/{stream.Source}: last quote {(now - stream.ReceiveUnixNs) / 1e9:F0} s ago (sequence {stream.Sequence})");
        }

        return failures.Verdict(streams.Count, time);
    }

    // The shadow is within its lag limit of every live scenario, and every scenario's input log within its limit of the tape.
    private async Task<ValidationVerdict> LagAsync(CancellationToken cancellationToken)
    {
        var failures = new Failures(LagWithinLimits);
        var limits = options.Value;
        var ids = await specs.ReadIdsAsync(cancellationToken);
        var tape = (await tapeOverview.LastQuotesAsync(cancellationToken)).ToDictionary(s => (s.InstrumentId, s.Source), s => s.Sequence);
        foreach (var scenarioId in ids)
        {
            var twin = await grains.GetGrain<IShadowScenarioGrain>(scenarioId).GetStatus();
            if (TimeSpan.FromSeconds(twin.LagSeconds) > limits.MaxShadowLag)
            {
                failures.Add($"{scenarioId}: the shadow is {twin.LagInputs} inputs ({twin.LagSeconds:F0} s of exchange time) behind, limit {limits.MaxShadowLag.TotalSeconds:F0} s");
            }

            if (twin.ScenarioStatus == "retired")
            {
                continue; // it takes no more quotes
            }

            await using var command = dataSource.CreateCommand(
                "SELECT instrument_id, source, max(last_sequence) FROM scenario_inputs WHERE scenario_id = $1 AND kind = 0 GROUP BY instrument_id, source");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scenarioId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var stream = (reader.GetString(0), reader.GetString(1));
                if (tape.TryGetValue(stream, out var taped) && taped - reader.GetInt64(2) > limits.MaxJournalLagQuotes)
                {
                    failures.Add($"{scenarioId}: its input log is {taped - reader.GetInt64(2)} quotes of {stream.Item1}/{stream.Item2} behind the tape, limit {limits.MaxJournalLagQuotes}");
                }
            }
        }

        return failures.Verdict(ids.Count, time);
    }

    private async Task<IReadOnlyList<ShadowBook>> BooksAsync()
    {
        var ids = await specs.ReadIdsAsync();
        var books = await Task.WhenAll(ids.Select(id => grains.GetGrain<IShadowScenarioGrain>(id).GetBook()));
        return [.. books.OfType<ShadowBook>()];
    }

    private sealed class Failures(string rule)
    {
        private readonly List<string> _named = [];

        public long Count { get; private set; }

        public void Add(string failure)
        {
            Count++;
            if (_named.Count < NamedFailures)
            {
                _named.Add(failure);
            }
        }

        public ValidationVerdict Verdict(long checkedSubjects, TimeProvider clock, string? note = null)
        {
            var detail = new StringBuilder();
            if (Count == 0)
            {
                detail.Append(note ?? $"{checkedSubjects} checked, all hold");
            }
            else
            {
                detail.Append(Count).Append(" of ").Append(checkedSubjects).Append(" fail: ").AppendJoin("; ", _named);
                if (Count > _named.Count)
                {
                    detail.Append("; and ").Append(Count - _named.Count).Append(" more");
                }
            }

            return new ValidationVerdict(rule, Count == 0, checkedSubjects, Count, detail.ToString(), clock.GetUtcNow().UtcDateTime);
        }
    }
}
