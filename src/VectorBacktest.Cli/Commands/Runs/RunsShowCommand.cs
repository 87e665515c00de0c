using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace VectorBacktest.Cli.Commands.Runs;

/// <summary><c>vbt runs show &lt;id&gt;</c>: a run's full description and every statistic.</summary>
internal static class RunsShowCommand
{
    public static Command Create()
    {
        var id = new Argument<long>("id") { Description = "Run id (see vbt runs list)." };
        var store = RunsCommand.StoreOption();
        var timeout = RunsCommand.LockTimeoutOption();
        var command = new Command("show", "Show one run: description, statistics, stored trades and equity rows.") { id, store, timeout };
        command.SetAction(parse => CliRunner.Run(() =>
        {
            var results = RunsCommand.Open(parse.GetValue(store), parse.GetValue(timeout));
            var runId = parse.GetValue(id);
            var run = results.GetRun(runId)
                ?? throw new ArgumentException($"Run {runId} is not in the result store '{results.Path}'.", "id");
            var d = run.Info;
            var table = new Table().Border(TableBorder.Rounded).AddColumn("property").AddColumn("value");
            table.AddRow("run id", run.RunId.ToString(CultureInfo.InvariantCulture));
            table.AddRow("recorded (UTC)", RunsCommand.Format(run.CreatedAt));
            table.AddRow("strategy", Markup.Escape(d.Strategy));
            table.AddRow("parameters", Markup.Escape(d.ParametersJson));
            table.AddRow("execution", Markup.Escape(d.ExecutionConfigJson));
            table.AddRow("data hash", Markup.Escape(d.DataHash));
            table.AddRow("data source", Markup.Escape(d.DataSource));
            table.AddRow("library version", Markup.Escape(d.LibraryVersion));
            table.AddRow("run time (UTC)", $"{RunsCommand.Format(d.StartTime)} .. {RunsCommand.Format(d.EndTime)}");
            table.AddRow("trades / equity rows", FormattableString.Invariant($"{run.TradeCount:N0} / {run.EquityCount:N0}"));
            AnsiConsole.Write(table);
            var stats = new Table().Border(TableBorder.Rounded).AddColumn("statistic").AddColumn(new TableColumn("value").RightAligned());
            foreach (var (name, value) in run.Statistics)
                stats.AddRow(Markup.Escape(name), RunsCommand.Format(value));
            AnsiConsole.Write(stats);
            return CliRunner.Ok;
        }));
        return command;
    }
}
