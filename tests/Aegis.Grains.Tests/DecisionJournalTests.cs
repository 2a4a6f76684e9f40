using Aegis.Domain.Instruments;
using Aegis.Domain.Orders;
using Aegis.Domain.Replay;
using Aegis.Domain.Scenarios;
using Aegis.Grains.Persistence;
using Aegis.Testing;
using Npgsql;

namespace Aegis.Grains.Tests;

public sealed class DecisionJournalTests(PostgresServerFixture postgres)
{
    private static readonly InstrumentCatalog Catalog = new([Instrument.Equity("SPY"), Instrument.Equity("QQQ")]);

    private static RecordedDecision Entry(string scenarioId, long sequence, bool fill, long? throttledUntil = null)
    {
        var orderId = $"{scenarioId}-{sequence}";
        var intent = new OrderIntent(orderId, "SPY", OrderSide.Buy, 10, OrderType.Market, null, TimeInForce.Day);
        Fill[] fills = fill ? [new Fill($"{orderId}-f1", orderId, "SPY", OrderSide.Buy, 10, 100.01m, 1.00m, 1_000 + sequence, sequence)] : [];
        string[] rejections = fill ? [] : [$"{orderId}: max orders per minute 2 reached"];
        return new RecordedDecision(sequence, sequence, new ScenarioDecision(
            scenarioId, "SPY", sequence, 1_000 + sequence, fill ? [intent] : [], fills, rejections, ScenarioStatus.Running, [],
            sequence, 100.00m, 100.02m, null, throttledUntil));
    }

    private static ScenarioInput[] Inputs(int count) =>
        [.. Enumerable.Range(1, count).Select(i => ScenarioInput.ForQuotes(i, "replay", "SPY", i, i, 1, 1_000 + i))];

    private static string Json(IEnumerable<RecordedDecision> entries) =>
        System.Text.Json.JsonSerializer.Serialize(entries, DomainJson.Options);

    [Fact]
    public async Task Appends_are_set_based_idempotent_and_read_back_in_order()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateMigratedDatabaseAsync("journal"));
        var journal = new DecisionJournal(dataSource, Catalog);
        RecordedDecision[] a = [Entry("a", 1, fill: true), Entry("a", 2, fill: false, throttledUntil: 61_000), Entry("a", 3, fill: true)];
        RecordedDecision[] b = [Entry("b", 1, fill: true)];

        await journal.AppendAsync([new JournalAppend("a", Inputs(2), a[..2]), new JournalAppend("b", Inputs(1), b)]);
        // A retry after an unknown commit outcome carries what was sent plus what came since.
        await journal.AppendAsync([new JournalAppend("a", Inputs(3), a)]);
        await journal.AppendAsync([new JournalAppend("b", Inputs(1), b)]);

        Assert.Equal(Json(a), Json(await journal.ReadAfterAsync("a", 0)));
        Assert.Equal(Json(a[1..]), Json(await journal.ReadAfterAsync("a", 1)));
        Assert.Equal(Json(b), Json(await journal.ReadAfterAsync("b", 0)));
        Assert.Equal(61_000, (await journal.ReadAfterAsync("a", 1))[0].Decision.ThrottledUntilUnixNs);
        Assert.Equal(["a-3-f1", "a-1-f1"], (await journal.ReadRecentFillsAsync("a", 10)).Select(f => f.FillId));
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM scenario_fills");
        Assert.Equal(3L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Decisions_and_their_fills_commit_together_or_not_at_all()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateMigratedDatabaseAsync("journal_atomic"));
        var journal = new DecisionJournal(dataSource, Catalog);
        var good = Entry("a", 1, fill: true);
        var badFill = good.Decision.Fills[0] with { FillId = null! };
        var bad = new RecordedDecision(2, 2, Entry("a", 2, fill: true).Decision with { Fills = [badFill] });

        await Assert.ThrowsAsync<PostgresException>(() => journal.AppendAsync([new JournalAppend("a", Inputs(2), [good, bad])]));

        Assert.Empty(await journal.ReadAfterAsync("a", 0));
    }

    [Fact]
    public async Task An_append_with_nothing_in_it_commits_nothing()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateMigratedDatabaseAsync("journal_empty"));
        var journal = new DecisionJournal(dataSource, Catalog);

        await journal.AppendAsync([new JournalAppend("a", [], [])]);

        Assert.Empty(await journal.ReadAfterAsync("a", 0));
    }

    [Fact]
    public async Task Inputs_commit_with_their_decisions_and_read_back_in_order()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateMigratedDatabaseAsync("journal_inputs"));
        var journal = new DecisionJournal(dataSource, Catalog);
        ScenarioInput[] inputs = [.. Inputs(2), ScenarioInput.ForCommand(3, ScenarioCommand.Halt, "operator halt", 2_000)];

        await journal.AppendAsync([new JournalAppend("a", inputs, [Entry("a", 1, fill: true)])]);
        await journal.AppendAsync([new JournalAppend("a", inputs, [Entry("a", 1, fill: true)])]);

        Assert.Equal(inputs, await journal.ReadInputsAsync("a", 0));
        Assert.Equal(inputs[1..], await journal.ReadInputsAsync("a", 1));
        Assert.Equal((3L, 1L), await journal.ReadEndsAsync("a"));
    }

    [Fact]
    public async Task A_different_decision_or_input_at_a_journaled_sequence_is_reported_as_a_divergence_and_not_stored()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateMigratedDatabaseAsync("journal_divergence"));
        var journal = new DecisionJournal(dataSource, Catalog);
        await journal.AppendAsync([new JournalAppend("a", Inputs(1), [Entry("a", 1, fill: true)])]);
        var other = Entry("a", 1, fill: false);

        var decisionDiverged = await journal.AppendAsync([new JournalAppend("a", Inputs(1), [other]), new JournalAppend("b", Inputs(1), [Entry("b", 1, fill: true)])]);
        var inputDiverged = await journal.AppendAsync([new JournalAppend("a", [Inputs(1)[0] with { QuoteCount = 7 }], [])]);

        Assert.Equal(["a"], decisionDiverged.Keys);
        Assert.Contains("decision 1 of scenario 'a'", decisionDiverged["a"], StringComparison.Ordinal);
        Assert.Contains("input 1 of scenario 'a'", inputDiverged["a"], StringComparison.Ordinal);
        Assert.Equal(Json([Entry("a", 1, fill: true)]), Json(await journal.ReadAfterAsync("a", 0)));
        Assert.Single(await journal.ReadAfterAsync("b", 0));
    }

    [Fact]
    public async Task Inputs_stored_in_blocks_read_back_by_range_across_blocks()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateMigratedDatabaseAsync("journal_blocks"));
        var journal = new DecisionJournal(dataSource, Catalog);
        var inputs = Inputs(7);

        await journal.AppendAsync([new JournalAppend("a", inputs[..2], [])]);
        await journal.AppendAsync([new JournalAppend("a", inputs[2..5], [])]);
        await journal.AppendAsync([new JournalAppend("a", inputs[5..], [])]);

        Assert.Equal(inputs[1..4], await journal.ReadInputsAsync("a", 1, 4));
        Assert.Equal(inputs, await journal.ReadInputsAsync("a", 0));
        Assert.Equal((7L, 1_007L), await journal.ReadLastInputAsync("a"));
        await using var rows = dataSource.CreateCommand("SELECT count(*), sum(quote_count) FROM scenario_inputs WHERE scenario_id = 'a'");
        await using var reader = await rows.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((7L, 7L), (reader.GetInt64(0), reader.GetInt64(1)));
    }

    [Fact]
    public async Task A_retry_that_carries_journaled_inputs_and_newer_ones_writes_only_the_newer_ones()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateMigratedDatabaseAsync("journal_retry_tail"));
        var journal = new DecisionJournal(dataSource, Catalog);
        var inputs = Inputs(5);
        await journal.AppendAsync([new JournalAppend("a", inputs[..2], [])]);

        // The first commit's outcome was unknown to the writer: it sends inputs 1-2 again with 3-5 and a decision of input 4.
        var diverged = await journal.AppendAsync([new JournalAppend("a", inputs, [Entry("a", 1, fill: true) with { InputSequence = 4 }])]);

        Assert.Empty(diverged);
        Assert.Equal(inputs, await journal.ReadInputsAsync("a", 0));
        Assert.Equal((5L, 1L), await journal.ReadEndsAsync("a"));
    }

    [Fact]
    public async Task Inputs_that_overlap_another_writers_block_are_a_divergence()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateMigratedDatabaseAsync("journal_overlap"));
        var journal = new DecisionJournal(dataSource, Catalog);
        var inputs = Inputs(6);
        await journal.AppendAsync([new JournalAppend("a", inputs[..3], [])]);

        var shifted = await journal.AppendAsync([new JournalAppend("a", inputs[1..4], [])]);
        var beyond = await journal.AppendAsync([new JournalAppend("a", inputs[..2], [])]);
        var fine = await journal.AppendAsync([new JournalAppend("a", inputs[3..], [])]);

        Assert.Contains("inputs 2..4 of scenario 'a' meet inputs 1..3", shifted["a"], StringComparison.Ordinal);
        Assert.Contains("input 3 of scenario 'a' is already journaled, beyond this writer's last input 2", beyond["a"], StringComparison.Ordinal);
        Assert.Empty(fine);
        Assert.Equal(inputs, await journal.ReadInputsAsync("a", 0));
    }
}
