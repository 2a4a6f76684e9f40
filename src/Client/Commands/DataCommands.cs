using System.CommandLine;
using Aegis.Client.Infrastructure;
using Aegis.Datasets;
using Aegis.Datasets.Import;

namespace Aegis.Client.Commands;

/// <summary><c>aegis data …</c>: the research lane's datasets in the object store.</summary>
public static class DataCommands
{
    public static readonly IReadOnlyList<string> Headers = ["DATASET", "SOURCE", "DATES", "PARTITIONS", "ROWS", "CREATED"];

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
