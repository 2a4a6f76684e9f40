using System.CommandLine;
using Aegis.Client.Commands;
using Aegis.Client.Infrastructure;

var global = new GlobalOptions();
var root = new RootCommand("aegis: the AEGIS operations console")
{
    global.ConnectionString,
    global.Home,
};
root.Subcommands.Add(DbCommands.Create(global));
root.Subcommands.Add(ClusterCommands.Create(global));
root.Subcommands.Add(ScenarioCommands.Create(global));
root.Subcommands.Add(FeedCommands.Create(global));
root.Subcommands.Add(QuoteCommands.Create(global));
root.Subcommands.Add(KillSwitchCommand.Create(global));
root.Subcommands.Add(ReplayCommands.Create(global));
root.Subcommands.Add(ShadowCommands.Create(global));
root.Subcommands.Add(ValidateCommand.Create(global));
root.Subcommands.Add(BacktestCommands.Create(global));
root.Subcommands.Add(DataCommands.Create(global));
return await root.Parse(args).InvokeAsync();
