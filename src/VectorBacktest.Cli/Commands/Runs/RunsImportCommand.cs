using System.CommandLine;
using Spectre.Console;

namespace VectorBacktest.Cli.Commands.Runs;

/// <summary><c>vbt runs import &lt;dir&gt;</c>: add the runs of an exported folder (e.g. a sweep shard) to the store.</summary>
internal static class RunsImportCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("dir") { Description = "Folder written by vbt runs export (holding runs.parquet)." };
        var store = RunsCommand.StoreOption();
        var timeout = RunsCommand.LockTimeoutOption();
        var command = new Command("import", "Add exported runs (Parquet folder) to the store under new ids, in one transaction.") { input, store, timeout };
        command.SetAction(parse => CliRunner.Run(() =>
        {
            var results = RunsCommand.Open(parse.GetValue(store), parse.GetValue(timeout), create: true);
            var ids = results.ImportParquet(parse.GetValue(input)!);
            AnsiConsole.WriteLine(ids.Count == 0 ? "imported 0 runs" : $"imported {ids.Count} run(s) as ids {ids[0]}..{ids[^1]} into {results.Path}");
            return CliRunner.Ok;
        }));
        return command;
    }
}
