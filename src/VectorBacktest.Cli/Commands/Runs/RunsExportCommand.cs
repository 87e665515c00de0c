using System.CommandLine;
using Spectre.Console;

namespace VectorBacktest.Cli.Commands.Runs;

/// <summary><c>vbt runs export --out dir [ids...]</c>: the store's tables as Parquet files.</summary>
internal static class RunsExportCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder for runs/stats/stat_values/trades/equity .parquet (created when missing).", Required = true };
        var ids = new Argument<long[]>("ids") { Description = "Only these run ids; all runs when omitted.", Arity = ArgumentArity.ZeroOrMore };
        var store = RunsCommand.StoreOption();
        var timeout = RunsCommand.LockTimeoutOption();
        var command = new Command("export", "Export runs, statistics, trades and equity to Parquet files.") { ids, output, store, timeout };
        command.SetAction(parse => CliRunner.Run(() =>
        {
            var results = RunsCommand.Open(parse.GetValue(store), parse.GetValue(timeout));
            var selected = parse.GetValue(ids);
            var files = results.ExportParquet(parse.GetValue(output)!, selected is { Length: > 0 } ? selected : null);
            foreach (var file in files)
                AnsiConsole.WriteLine("wrote " + file);
            return CliRunner.Ok;
        }));
        return command;
    }
}
