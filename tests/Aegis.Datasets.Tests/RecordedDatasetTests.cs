using Aegis.Datasets.Layout;
using Aegis.Datasets.Partitions;
using Aegis.Datasets.Storage;
using Aegis.Domain.Replay;
using Aegis.Domain.Scenarios;

namespace Aegis.Datasets.Tests;

public sealed class RecordedDatasetTests
{
    private static readonly long Open = new DateTimeOffset(2026, 3, 2, 14, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
    private static readonly long NextDay = Open + 86_400_000_000_000L;
    private static readonly long WallClock = new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    // A log over two market days: created (wall-clock time), quotes, a merged group, a timer, a halt with a reason.
    private static readonly ScenarioInput[] Log =
    [
        ScenarioInput.ForCommand(1, ScenarioCommand.Create, null, WallClock),
        ScenarioInput.ForQuotes(2, "polygon", "AAPL", 1, 4, 2, Open + 1_000),
        new(3, InputKind.Quotes, Open + 2_000, "replay", "AAPL", 2, 20, 13, MergedWith: 3),
        new(4, InputKind.Quotes, Open + 2_500, "replay", "MSFT", 7, 9, 3, MergedWith: 3),
        ScenarioInput.ForTimer(5, Open + 60_000_000_000),
        ScenarioInput.ForQuotes(6, "replay", "AAPL", 21, 30, 10, NextDay),
        ScenarioInput.ForCommand(7, ScenarioCommand.Halt, "operator: news pending", WallClock + 5),
    ];

    [Fact]
    public async Task An_input_partition_round_trips_every_field()
    {
        var bytes = await InputPartitionCodec.EncodeAsync(Log);
        var decoded = await InputPartitionCodec.DecodeAsync(bytes, "memory");
        Assert.Equal(Log, decoded);
    }

    [Fact]
    public async Task A_recorded_dataset_keeps_each_scenarios_spec_and_log_split_by_market_date()
    {
        var root = Directory.CreateTempSubdirectory("aegis-recorded-").FullName;
        try
        {
            var store = new DirectoryObjectStore(root);
            var quotes = new[] { (new DateOnly(2026, 3, 2), SampleQuotes.For("AAPL", 40, 1)), (new DateOnly(2026, 3, 2), SampleQuotes.For("MSFT", 20, 2)) };
            var manifest = await new DatasetWriter(store).WriteAsync("rec", "live", quotes, [new RecordedScenarioLog("s-1", "id: s-1\n", Log)]);

            var inputs = manifest.Partitions.Where(p => p.Kind == DatasetManifest.InputsKind).ToList();
            Assert.Equal(["datasets/rec/date=2026-03-02/scenario=s-1/part-0.parquet", "datasets/rec/date=2026-03-03/scenario=s-1/part-0.parquet"], inputs.Select(p => p.Key));
            Assert.Equal([5L, 2L], inputs.Select(p => p.Rows)); // the create goes with the first market day, the halt with the day before it
            var (log, history) = await new DatasetReader(store).ReadRecordedAsync(await new DatasetReader(store).ReadManifestAsync("rec"), "s-1");
            Assert.Equal(Log, log.Inputs);
            Assert.Equal("id: s-1\n", log.SpecText);
            Assert.Equal(2, history.GetQuotes(Log[1]).Length); // AAPL sequences 1..4 from polygon: every third quote is polygon's

            var other = await Assert.ThrowsAsync<ArgumentException>(() => new DatasetReader(store).ReadRecordedAsync(manifest, "s-2"));
            Assert.Contains("recorded no scenario 's-2' (it recorded s-1)", other.Message, StringComparison.Ordinal);

            // A partition of the log lost: the gap is named, not replayed over.
            File.Delete(Path.Combine(root, inputs[0].Key));
            var lost = await Assert.ThrowsAsync<PartitionFormatException>(() => new DatasetReader(store).ReadRecordedAsync(manifest, "s-1"));
            Assert.Contains(inputs[0].Key, lost.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task A_damaged_input_row_names_its_location_row_and_field()
    {
        var bytes = await InputPartitionCodec.EncodeAsync([Log[0], Log[1] with { Kind = (InputKind)7 }]);
        var error = await Assert.ThrowsAsync<PartitionFormatException>(() => InputPartitionCodec.DecodeAsync(bytes, "s3://b/k.parquet"));
        Assert.Equal("s3://b/k.parquet: row 2, field kind: 7 is not 0 (quotes), 1 (timer) or 2 (command)", error.Message);
    }
}
