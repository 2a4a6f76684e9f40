using System.CommandLine;
using Aegis.Client.Infrastructure;
using Aegis.Datasets;
using Aegis.Datasets.Import;
using Aegis.Grains.Interfaces.Research;

namespace Aegis.Client.Commands;

/// <summary><c>aegis data …</c>: the research lane's datasets in the object store.</summary>
public static class DataCommands
{
    public static readonly IReadOnlyList<string> Headers = ["DATASET", "SOURCE", "DATES", "PARTITIONS", "ROWS", "CREATED"];

    // Reads local files here and writes the dataset to the research lane's store; nothing is written unless every row is good.
    private static Command Csv(GlobalOptions global, string name, string description,
        Func<Aegis.Datasets.Storage.IObjectStore, string, IReadOnlyList<string>, int, CancellationToken, Task<Aegis.Datasets.Layout.DatasetManifest>> import)
    {
        var dataset = new Option<string>("--dataset") { Description = "The new dataset's name", Required = true };
        var files = new Argument<FileInfo[]>("FILE") { Description = "CSV files with a header row", Arity = ArgumentArity.OneOrMore };
        var barSeconds = new Option<int>("--bar-seconds") { Description = "The bars' length (polygon: 60 for minute aggregates, 86400 for day)", DefaultValueFactory = _ => 60 };
        var command = new Command(name, description) { dataset, files };
        if (name == "polygon")
        {
            command.Options.Add(barSeconds);
        }

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var paths = parse.GetValue(files)!.Select(f => f.Exists ? f.FullName : throw new CliException($"{f.FullName}: no such file")).ToList();
            Aegis.Datasets.Layout.DatasetManifest manifest;
            try
            {
                manifest = await import(ResearchLane.OpenStore(global.Settings(parse)), parse.GetValue(dataset)!, paths, parse.GetValue(barSeconds), cancellationToken);
            }
            catch (Exception ex) when (ex is CsvImportException or DatasetExistsException or ArgumentException)
            {
                throw new CliException($"nothing imported: {ex.Message}");
            }

            Console.Out.WriteLine($"dataset {manifest.Name}: {manifest.Partitions.Count} partitions, {Format.Count(manifest.Rows)} rows on " +
                string.Join(", ", manifest.Partitions.Select(p => p.Date).Distinct().Order().Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
            return 0;
        }));
        return command;
    }

    // Runs on the research cluster, which reads the live lane's tape, input logs and specs from PostgreSQL.
    private static Command Live(GlobalOptions global)
    {
        var name = new Option<string>("--dataset") { Description = "The new dataset's name", Required = true };
        var scenarios = new Option<string[]>("--scenario") { Description = "A live scenario to record (repeat for more; default: every one)" };
        var command = new Command("live", "The live lane's scenarios as a dataset: each one's spec and input log with the tape quotes it names, so a backtest follows the logged order")
        {
            name, scenarios, global.Json,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var connection = await ResearchLane.ConnectAsync(global, parse, cancellationToken);
            DatasetImportSummary summary;
            try
            {
                summary = await connection.Client.GetGrain<IDatasetImportGrain>(parse.GetValue(name)!).ImportLive(new LiveDayImport(parse.GetValue(scenarios) ?? []));
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                throw new CliException($"refused: {ex.Message}");
            }

            if (parse.GetValue(global.Json))
            {
                Output.WriteJson(summary);
            }
            else
            {
                Console.Out.WriteLine($"dataset {summary.Name}: {summary.Partitions} partitions, {Format.Count(summary.Quotes)} quotes on {string.Join(", ", summary.Dates)}; " +
                    $"recorded {string.Join(", ", summary.LastInputByScenario.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} ({Format.Count(s.Value)} inputs)"))}");
            }

            return 0;
        }));
        return command;
    }

    public static Command Create(GlobalOptions global)
    {
        var command = new Command("data", "Research datasets: Parquet partitions in a Hive layout with a manifest");
        var import = new Command("import", "Import a dataset");
        var name = new Option<string>("--dataset") { Description = "The dataset's name", DefaultValueFactory = _ => SampleDayImport.DefaultName };
        var sample = new Command("sample", "The embedded default's sample day (the quotes the live demo replays)") { name };
        sample.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var settings = global.Settings(parse);
            var manifest = await SampleDayImport.EnsureAsync(ResearchLane.OpenStore(settings), ResearchLane.Home(settings), parse.GetValue(name)!, cancellationToken);
            Console.Out.WriteLine($"dataset {manifest.Name}: {manifest.Partitions.Count} partitions, {Format.Count(manifest.Rows)} quotes");
            return 0;
        }));
        import.Subcommands.Add(sample);
        import.Subcommands.Add(Live(global));
        import.Subcommands.Add(Csv(global, "polygon", "Polygon/Massive aggregates from CSV in their flat files' layout (ticker,volume,open,close,high,low,window_start,transactions) as bars",
            (store, dataset, files, seconds, token) => PolygonAggregatesImport.ImportAsync(store, dataset, files, TimeSpan.FromSeconds(seconds), token)));
        import.Subcommands.Add(Csv(global, "orats", "ORATS strikes snapshots from CSV with the data API's columns (ticker,tradeDate,expirDate,strike,stockPrice,callBidPrice,…) as option chains",
            (store, dataset, files, _, token) => OratsStrikesImport.ImportAsync(store, dataset, files, token)));
        command.Subcommands.Add(import);

        var list = new Command("list", "Every dataset with its manifest") { global.Json };
        list.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var store = ResearchLane.OpenStore(global.Settings(parse));
            var reader = new DatasetReader(store);
            var names = (await store.ListAsync("datasets/", cancellationToken)).Where(k => k.EndsWith("/manifest.json", StringComparison.Ordinal))
                .Select(k => k.Split('/')[1]);
            var manifests = new List<Aegis.Datasets.Layout.DatasetManifest>();
            foreach (var dataset in names)
            {
                manifests.Add(await reader.ReadManifestAsync(dataset, cancellationToken));
            }

            if (parse.GetValue(global.Json))
            {
                Output.WriteJson(manifests.Select(m => new { m.Name, m.Source, m.CreatedUtc, m.Rows, Partitions = m.Partitions.Count }));
            }
            else
            {
                Output.WriteTable(Headers, manifests.Select(m => (IReadOnlyList<string>)[m.Name, m.Source,
                    string.Join(",", m.Partitions.Select(p => p.Date).Distinct().Order().Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))),
                    Format.Count(m.Partitions.Count), Format.Count(m.Rows), m.CreatedUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)]));
            }

            return 0;
        }));
        command.Subcommands.Add(list);
        return command;
    }
}
