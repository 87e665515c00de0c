using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace VectorBacktest.Cli.Commands.Runs;

/// <summary><c>vbt runs compare &lt;id&gt; &lt;id&gt;...</c>: statistics side by side, one column per run.</summary>
internal static class RunsCompareCommand
{
    public static Command Create()
    {
        var ids = new Argument<long[]>("ids") { Description = "Two or more run ids.", Arity = new ArgumentArity(1, 100) };
        var store = RunsCommand.StoreOption();
        var timeout = RunsCommand.LockTimeoutOption();
        var command = new Command("compare", "Compare runs: statistics side by side.") { ids, store, timeout };
        command.SetAction(parse => CliRunner.Run(() =>
        {
            var results = RunsCommand.Open(parse.GetValue(store), parse.GetValue(timeout));
            var comparison = results.Compare(parse.GetValue(ids)!);
            var table = new Table().Border(TableBorder.Rounded).AddColumn("statistic");
            foreach (var run in comparison.Runs)
                table.AddColumn(new TableColumn(Markup.Escape($"#{run.RunId.ToString(CultureInfo.InvariantCulture)} {run.Info.Strategy}")).RightAligned());
            var parameters = new List<string> { "[grey]parameters[/]" };
            foreach (var run in comparison.Runs)
                parameters.Add(RunsCommand.Clip(RunsCommand.Parameters(run.Info.ParametersJson), 30));
            table.AddRow(parameters.ToArray());
            for (int s = 0; s < comparison.Statistics.Count; s++)
            {
                var cells = new List<string> { Markup.Escape(comparison.Statistics[s]) };
                for (int r = 0; r < comparison.Runs.Count; r++)
                    cells.Add(RunsCommand.Format(comparison.Value(s, r)));
                table.AddRow(cells.ToArray());
            }
            AnsiConsole.Write(table);
            return CliRunner.Ok;
        }));
        return command;
    }
}
