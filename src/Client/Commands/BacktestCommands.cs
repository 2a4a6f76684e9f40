using System.CommandLine;
using Aegis.Client.Infrastructure;
using Aegis.Research.Overfitting;

namespace Aegis.Client.Commands;

/// <summary><c>aegis bt …</c>: the research lane.</summary>
public static class BacktestCommands
{
    public static Command Create(GlobalOptions global)
    {
        var command = new Command("bt", "Research: backtests, sweeps and overfitting analysis");
        command.Subcommands.Add(Cscv(global));
        return command;
    }

    // CSCV on a plain CSV of per-period returns: pure computation on this machine, no cluster involved.
    private static Command Cscv(GlobalOptions global)
    {
        var matrix = new Option<FileInfo>("--matrix")
        {
            Description = "CSV of per-period returns: rows are periods, columns are trials (a header row and a date column are optional)",
            Required = true,
        };
        var splits = new Option<int>("--splits") { Description = "S, the number of blocks (even); C(S, S/2) combinations", DefaultValueFactory = _ => 16 };
        var metric = new Option<CscvMetric>("--metric") { Description = "What ranks the trials: sharpe (mean / sd, n − 1) or mean", DefaultValueFactory = _ => CscvMetric.Sharpe };
        var command = new Command("cscv", "Probability of backtest overfitting (CSCV): pbo, probabilityOfLoss, degradation, λ distribution")
        {
            matrix,
            splits,
            metric,
            global.Json,
        };
        command.SetAction((parse, _) => CommandRunner.RunAsync(() =>
        {
            var file = parse.GetValue(matrix)!;
            if (!file.Exists)
            {
                throw new CliException($"{file.FullName}: no such file");
            }

            CscvResult result;
            try
            {
                result = Research.Overfitting.Cscv.Analyze(ReturnMatrixCsv.Read(file.FullName), parse.GetValue(splits), parse.GetValue(metric));
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

            var report = CscvReport.From(result);
            if (parse.GetValue(global.Json))
            {
                Output.WriteJson(report);
            }
            else
            {
                Console.Out.Write(CscvText.Render(report));
            }

            return Task.FromResult(0);
        }));
        return command;
    }
}
