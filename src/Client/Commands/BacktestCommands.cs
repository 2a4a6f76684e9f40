using System.CommandLine;
using System.Text.Json;
using Aegis.Client.Infrastructure;
using Aegis.Datasets.Partitions;
using Aegis.Domain.Scenarios;
using Aegis.Grains.Interfaces.Research;
using Aegis.Research.Overfitting;
using Aegis.Research.Sweeps;
using Aegis.Research.WalkForward;

namespace Aegis.Client.Commands;

/// <summary><c>aegis bt …</c>: the research lane.</summary>
public static class BacktestCommands
{
    private static readonly JsonSerializerOptions SummaryJson = new(JsonSerializerDefaults.Web);

    public static Command Create(GlobalOptions global)
    {
        var command = new Command("bt", "Research: sweeps over datasets on the research cluster, results, overfitting analysis, promotion to live");
        command.Subcommands.Add(Run(global));
        command.Subcommands.Add(Sweep(global));
        command.Subcommands.Add(WalkForward(global));
        command.Subcommands.Add(Status(global));
        command.Subcommands.Add(Results(global));
        command.Subcommands.Add(Cscv(global));
        command.Subcommands.Add(Promote(global));
        return command;
    }

    private static Command Run(GlobalOptions global)
    {
        var dataset = new Option<string>("--dataset") { Description = "The dataset to run over (see data list)", DefaultValueFactory = _ => "sample-day" };
        var spec = new Option<FileInfo?>("--spec", "-f") { Description = "A scenario spec (YAML or JSON) to run over the dataset's quotes" };
        var scenario = new Option<string?>("--scenario") { Description = "A scenario recorded in the dataset (data import live): replays its logged inputs and compares with the live journal" };
        var command = new Command("run", "One backtest on the research cluster: a spec over a dataset's quotes, or a recorded live scenario checked against the live journal")
        {
            dataset, spec, scenario, global.Json,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var request = (parse.GetValue(spec), parse.GetValue(scenario)) switch
            {
                ({ } file, null) => new BacktestRequest(parse.GetValue(dataset)!,
                    file.Exists ? await File.ReadAllTextAsync(file.FullName, cancellationToken) : throw new CliException($"{file.FullName}: no such file"), null),
                (null, { } id) => new BacktestRequest(parse.GetValue(dataset)!, null, id),
                _ => throw new CliException("give either --spec FILE or --scenario ID"),
            };
            await using var connection = await ResearchLane.ConnectAsync(global, parse, cancellationToken);
            BacktestReport report;
            try
            {
                report = await connection.Client.GetGrain<IBacktestGrain>(Guid.NewGuid()).Run(request);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                throw new CliException($"refused: {ex.Message}");
            }

            if (parse.GetValue(global.Json))
            {
                Output.WriteJson(report);
            }
            else
            {
                Console.Out.Write(ResearchText.Backtest(report));
            }

            return report.LiveIdentical == false ? 1 : 0;
        }));
        return command;
    }

    private static Command Sweep(GlobalOptions global)
    {
        var job = new JobOptions();
        var command = new Command("sweep", "Run a grid or random parameter sweep on the research cluster; waits with a progress bar and prints the results");
        job.AddTo(command, global);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(() => SubmitAsync(global, parse, job, null, "sweep", cancellationToken)));
        return command;
    }

    private static Command WalkForward(GlobalOptions global)
    {
        var job = new JobOptions();
        var period = new Option<int>("--period-minutes") { Description = "The length of a period, in minutes", DefaultValueFactory = _ => 30 };
        var train = new Option<int>("--train") { Description = "Periods each fold trains on", DefaultValueFactory = _ => 4 };
        var test = new Option<int>("--test") { Description = "Periods each fold tests on", DefaultValueFactory = _ => 1 };
        var mode = new Option<string>("--mode") { Description = "rolling (a training window of fixed length) or anchored (from the first period on)", DefaultValueFactory = _ => "rolling" };
        var gap = new Option<int>("--gap") { Description = "Periods left out between training and test (an embargo)" };
        var command = new Command("walkforward",
            "Walk-forward analysis on the research cluster: per fold, the trial with the best in-sample Sharpe ratio runs out of sample; the test windows stitch into one curve")
        {
            period, train, test, mode, gap,
        };
        job.AddTo(command, global);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(() => SubmitAsync(global, parse, job,
            new WalkForwardSpec(parse.GetValue(period), parse.GetValue(train), parse.GetValue(test), parse.GetValue(mode)!, parse.GetValue(gap)), "walkforward",
            cancellationToken)));
        return command;
    }

    // Submits a sweep or a walk-forward job, then (unless detached) waits for it with a progress bar and prints its results.
    private static async Task<int> SubmitAsync(GlobalOptions global, ParseResult parse, JobOptions options, WalkForwardSpec? walkForward, string kind,
        CancellationToken cancellationToken)
    {
        var file = parse.GetValue(options.Spec)!;
        var text = file.Exists ? await File.ReadAllTextAsync(file.FullName, cancellationToken) : throw new CliException($"{file.FullName}: no such file");
        ResearchJobSpec job;
        try
        {
            job = new ResearchJobSpec(parse.GetValue(options.Dataset)!, text, SweepArguments.Grid(parse.GetValue(options.Grid) ?? []),
                SweepArguments.Ranges(parse.GetValue(options.Range) ?? []), parse.GetValue(options.Random), parse.GetValue(options.Seed),
                walkForward is null ? parse.GetValue(options.Splits) : 0, parse.GetValue(options.Chunk), parse.GetValue(options.Workers), walkForward);
        }
        catch (FormatException ex)
        {
            throw new CliException(ex.Message);
        }

        var id = parse.GetValue(options.JobId) ?? $"{kind}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        await using var connection = await ResearchLane.ConnectAsync(global, parse, cancellationToken);
        var grain = connection.Client.GetGrain<IResearchJobGrain>(id);
        ResearchJobStatus status;
        try
        {
            status = await grain.Submit(job);
        }
        catch (ArgumentException ex)
        {
            throw new CliException($"refused: {ex.Message}");
        }

        Console.Error.WriteLine($"job {id}: {status.Trials} trials in {status.ChunksTotal} {(walkForward is null ? "chunks" : "folds")} over {status.Dataset}");
        if (parse.GetValue(options.Detach))
        {
            Console.Out.WriteLine(id);
            return 0;
        }

        status = await WaitAsync(grain, cancellationToken);
        if (status.State != ResearchJobStatus.Completed)
        {
            throw new CliException(ResearchText.StatusLine(status));
        }

        return await PrintResultsAsync(global, parse, id, parse.GetValue(global.Json), 10, cancellationToken);
    }

    /// <summary>The options a sweep and a walk-forward job share: the base spec, the dataset and the trials.</summary>
    private sealed class JobOptions
    {
        public Option<FileInfo> Spec { get; } = new("--spec", "-f") { Description = "The base scenario spec (YAML or JSON), as for scenarios create", Required = true };

        public Option<string> Dataset { get; } = new("--dataset") { Description = "The dataset to run over (see data list)", DefaultValueFactory = _ => "sample-day" };

        public Option<string[]> Grid { get; } = new("--grid") { Description = "A grid axis NAME=V1,V2,... (repeat for more axes)", AllowMultipleArgumentsPerToken = false };

        public Option<int> Random { get; } = new("--random") { Description = "Random search: this many trials within the --range options" };

        public Option<string[]> Range { get; } = new("--range") { Description = "A random-search range NAME=MIN..MAX (repeat for more)" };

        public Option<int> Seed { get; } = new("--seed") { Description = "Random search seed", DefaultValueFactory = _ => 1 };

        public Option<int> Splits { get; } = new("--cscv-splits") { Description = "Run CSCV over the trials with S splits (0: none; sweeps only)", DefaultValueFactory = _ => 16 };

        public Option<int> Chunk { get; } = new("--chunk") { Description = "Trials per worker call (default: the research lane's setting)" };

        public Option<string?> JobId { get; } = new("--job") { Description = "The job id (default: a new one)" };

        public Option<bool> Detach { get; } = new("--detach") { Description = "Submit and return, without waiting for the results" };

        public Option<int> Workers { get; } = new("--workers")
        {
            Description = "Worker silos to launch for the job and stop after it (the research lane's launcher: local processes or Fargate tasks)",
        };

        public void AddTo(Command command, GlobalOptions global)
        {
            foreach (var option in (Option[])[Spec, Dataset, Grid, Random, Range, Seed, Splits, Chunk, JobId, Detach, Workers, global.Json])
            {
                command.Options.Add(option);
            }
        }
    }

    private static Command Status(GlobalOptions global)
    {
        var job = new Argument<string?>("JOB") { Description = "One job (default: every job)", Arity = ArgumentArity.ZeroOrOne };
        var watch = new Option<bool>("--watch") { Description = "Follow a running job with a progress bar until it ends" };
        var command = new Command("status", "Research jobs: state, progress, retries, where their results are") { job, watch, global.Json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var id = parse.GetValue(job);
            if (id is not null && parse.GetValue(watch))
            {
                await using var connection = await ResearchLane.ConnectAsync(global, parse, cancellationToken);
                var status = await WaitAsync(connection.Client.GetGrain<IResearchJobGrain>(id), cancellationToken);
                Console.Out.WriteLine(ResearchText.StatusLine(status));
                return status.State == ResearchJobStatus.Completed ? 0 : 1;
            }

            var rows = await ResearchLane.ReadJobsAsync(global.Settings(parse).FindDatabase(), id, cancellationToken);
            if (id is not null && rows.Count == 0)
            {
                throw new CliException($"unknown job '{id}'");
            }

            if (parse.GetValue(global.Json))
            {
                Output.WriteJson(rows.Select(r => r with { SummaryJson = null }));
            }
            else
            {
                Output.WriteTable(ResearchText.JobHeaders, rows.Select(ResearchText.JobRow));
            }

            return 0;
        }));
        return command;
    }

    private static Command Results(GlobalOptions global)
    {
        var job = new Argument<string>("JOB") { Description = "The job" };
        var top = new Option<int>("--top") { Description = "Trials to list, best first", DefaultValueFactory = _ => 10 };
        var command = new Command("results", "A completed job's results: best trial, Deflated Sharpe, PBO, and the trials best first") { job, top, global.Json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(() =>
            PrintResultsAsync(global, parse, parse.GetValue(job)!, parse.GetValue(global.Json), parse.GetValue(top), cancellationToken)));
        return command;
    }

    // CSCV on a plain CSV of per-period returns (pure computation here), or on a completed job's trials.
    private static Command Cscv(GlobalOptions global)
    {
        var matrix = new Option<FileInfo?>("--matrix")
        {
            Description = "CSV of per-period returns: rows are periods, columns are trials (a header row and a date column are optional)",
        };
        var job = new Option<string?>("--job") { Description = "A completed sweep: its trials' per-minute returns" };
        var splits = new Option<int>("--splits") { Description = "S, the number of blocks (even); C(S, S/2) combinations", DefaultValueFactory = _ => 16 };
        var metric = new Option<CscvMetric>("--metric") { Description = "What ranks the trials: sharpe (mean / sd, n − 1) or mean", DefaultValueFactory = _ => CscvMetric.Sharpe };
        var command = new Command("cscv", "Probability of backtest overfitting (CSCV): pbo, probabilityOfLoss, degradation, λ distribution")
        {
            matrix, job, splits, metric, global.Json,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var returns = (parse.GetValue(matrix), parse.GetValue(job)) switch
            {
                ({ } file, null) => file.Exists ? Read(() => ReturnMatrixCsv.Read(file.FullName)) : throw new CliException($"{file.FullName}: no such file"),
                (null, { } id) => await JobReturnsAsync(global, parse, id, cancellationToken),
                _ => throw new CliException("give either --matrix FILE.csv or --job JOB"),
            };
            var result = Read(() => Research.Overfitting.Cscv.Analyze(returns, parse.GetValue(splits), parse.GetValue(metric)));
            var report = CscvReport.From(result);
            if (parse.GetValue(global.Json))
            {
                Output.WriteJson(report);
            }
            else
            {
                Console.Out.Write(CscvText.Render(report));
            }

            return 0;
        }));
        return command;
    }

    private static Command Promote(GlobalOptions global)
    {
        var job = new Argument<string>("JOB") { Description = "A completed sweep" };
        var trials = new Option<string[]>("--trial") { Description = "A trial to promote (repeat for more; default: the best)" };
        var maxPbo = new Option<double>("--max-pbo") { Description = "Refuse above this probability of backtest overfitting", DefaultValueFactory = _ => PromotionGate.DefaultMaxPbo };
        var minDsr = new Option<double>("--min-dsr") { Description = "Refuse a trial whose Deflated Sharpe ratio is below this", DefaultValueFactory = _ => PromotionGate.DefaultMinDeflatedSharpe };
        var command = new Command("promote", "Turn a sweep's chosen trials into live scenarios, if their PBO and Deflated Sharpe pass the gate") { job, trials, maxPbo, minDsr };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var summary = await CompletedSummaryAsync(global, parse, parse.GetValue(job)!, cancellationToken);
            var wanted = parse.GetValue(trials) is { Length: > 0 } ids ? ids : [summary.Trials.Single(t => t.Index == summary.BestTrial).Id];
            var chosen = wanted.Select(id => summary.Trials.SingleOrDefault(t => t.Id == id) ?? throw new CliException($"job {summary.JobId} has no trial '{id}'")).ToList();
            var refusals = PromotionGate.Refusals(summary, chosen, parse.GetValue(maxPbo), parse.GetValue(minDsr));
            if (refusals.Count > 0)
            {
                throw new CliException("refused: " + string.Join("; ", refusals));
            }

            await using var connection = await LiveLane.ConnectAsync(global, parse, cancellationToken);
            foreach (var trial in chosen)
            {
                var text = ScenarioSpecVariant.With(summary.ScenarioSpec, trial.Id, $"{summary.BaseScenario} {ResearchText.Parameters(trial)}", trial.Parameters);
                var result = await connection.Directory().Create(text);
                if (!result.Succeeded)
                {
                    throw new CliException($"trial {trial.Id}: the live lane refused it: {string.Join("; ", result.Errors)}");
                }

                Console.Out.WriteLine($"promoted {trial.Id} ({ResearchText.Parameters(trial)}): live scenario {trial.Id}");
            }

            return 0;
        }));
        return command;
    }

    private static async Task<ResearchJobStatus> WaitAsync(IResearchJobGrain grain, CancellationToken cancellationToken)
    {
        var interactive = !Console.IsErrorRedirected;
        var lastLine = string.Empty;
        while (true)
        {
            var status = await grain.GetStatus();
            var line = ResearchText.StatusLine(status);
            if (interactive)
            {
                Console.Error.Write($"\r{line}   ");
            }
            else if (line != lastLine)
            {
                Console.Error.WriteLine(line);
            }

            lastLine = line;
            if (status.State != ResearchJobStatus.Running)
            {
                if (interactive)
                {
                    Console.Error.WriteLine();
                }

                return status;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    private static async Task<int> PrintResultsAsync(GlobalOptions global, ParseResult parse, string jobId, bool json, int top, CancellationToken cancellationToken)
    {
        var text = await CompletedSummaryJsonAsync(global, parse, jobId, cancellationToken);
        if (ResearchText.IsWalkForward(text))
        {
            var walk = JsonSerializer.Deserialize<WalkForwardSummary>(text, SummaryJson)!;
            if (json)
            {
                Output.WriteJson(walk);
            }
            else
            {
                Console.Out.Write(ResearchText.WalkForward(walk));
            }

            return 0;
        }

        var summary = JsonSerializer.Deserialize<SweepSummary>(text, SummaryJson)!;
        if (json)
        {
            Output.WriteJson(summary);
        }
        else
        {
            Console.Out.Write(ResearchText.Results(summary, top));
        }

        return 0;
    }

    private static async Task<SweepSummary> CompletedSummaryAsync(GlobalOptions global, ParseResult parse, string jobId, CancellationToken cancellationToken)
    {
        var text = await CompletedSummaryJsonAsync(global, parse, jobId, cancellationToken);
        return ResearchText.IsWalkForward(text)
            ? throw new CliException($"job {jobId} is a walk-forward analysis, not a sweep: it has no trials to analyse or promote")
            : JsonSerializer.Deserialize<SweepSummary>(text, SummaryJson)!;
    }

    private static async Task<string> CompletedSummaryJsonAsync(GlobalOptions global, ParseResult parse, string jobId, CancellationToken cancellationToken)
    {
        var row = (await ResearchLane.ReadJobsAsync(global.Settings(parse).FindDatabase(), jobId, cancellationToken)).SingleOrDefault()
            ?? throw new CliException($"unknown job '{jobId}'");
        return row is { State: ResearchJobStatus.Completed, SummaryJson: { } summary }
            ? summary
            : throw new CliException($"job {jobId} is {row.State}{(row.Error is null ? string.Empty : $": {row.Error}")}: no results");
    }

    private static async Task<ReturnMatrix> JobReturnsAsync(GlobalOptions global, ParseResult parse, string jobId, CancellationToken cancellationToken)
    {
        var summary = await CompletedSummaryAsync(global, parse, jobId, cancellationToken);
        var store = ResearchLane.OpenStore(global.Settings(parse));
        var key = $"results/job={jobId}/equity.parquet";
        var curves = await ResultTables.ReadEquityAsync(await store.GetAsync(key, cancellationToken), store.Describe(key), cancellationToken);
        var startingCash = ScenarioSpecReader.Read(summary.ScenarioSpec).Spec?.StartingCash ?? throw new CliException($"job {jobId}: its base spec no longer reads");
        return SweepReturns.ToMatrix(curves.Select(c => new TrialCurve(c.TrialId, startingCash, c.Equity)).ToList());
    }

    private static T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (FormatException ex)
        {
            throw new CliException(ex.Message);
        }
        catch (ArgumentException ex)
        {
            // The reason alone: not the parameter name and value the exception appends.
            throw new CliException(ex.Message.Split('\n')[0].Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal));
        }
    }
}
