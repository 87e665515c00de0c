using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using VectorBacktest.Storage;

namespace VectorBacktest.Cli.Commands.Runs;

/// <summary><c>vbt runs list [--store f] [--strategy s] [--since t] [--limit n] [--sort stat] [--asc]</c>.</summary>
internal static class RunsListCommand
{
    private static readonly string[] Columns = ["total_return", "sharpe", "max_drawdown", "trade_count", "win_rate"];
    private static readonly string[] Headers = ["return", "sharpe", "max dd", "trades", "win"];

    public static Command Create()
    {
        var store = RunsCommand.StoreOption();
        var timeout = RunsCommand.LockTimeoutOption();
        var strategy = new Option<string?>("--strategy") { Description = "Only runs of this strategy." };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only runs recorded at or after this time (ISO 8601, UTC when no offset)." };
        var limit = new Option<int>("--limit") { Description = "At most this many runs.", DefaultValueFactory = _ => 20 };
        var sort = new Option<string?>("--sort") { Description = "Order by this statistic (e.g. sharpe, total_return), best first; newest first when omitted." };
        var ascending = new Option<bool>("--asc") { Description = "Sort ascending (smallest first)." };
        var command = new Command("list", "List recorded runs with their key statistics.") { store, timeout, strategy, since, limit, sort, ascending };
        command.SetAction(parse => CliRunner.Run(() =>
        {
            var results = RunsCommand.Open(parse.GetValue(store), parse.GetValue(timeout));
            var sortBy = parse.GetValue(sort);
            var runs = results.ListRuns(new RunFilter
            {
                Strategy = parse.GetValue(strategy),
                Since = parse.GetValue(since),
                Limit = parse.GetValue(limit),
                SortBy = sortBy,
                Descending = !parse.GetValue(ascending),
            });
            var columns = sortBy is null || Columns.Any(c => CoreStatistics.Normalize(c) == CoreStatistics.Normalize(sortBy))
                ? Columns : [sortBy, .. Columns];
            var table = new Table().Border(TableBorder.Simple)
                .AddColumn(new TableColumn("id").NoWrap()).AddColumn(new TableColumn("UTC").NoWrap())
                .AddColumn("strategy").AddColumn("parameters");
            foreach (var column in columns)
            {
                int known = Array.IndexOf(Columns, column);
                table.AddColumn(new TableColumn(Markup.Escape(known >= 0 ? Headers[known] : column)).RightAligned().NoWrap());
            }
            foreach (var run in runs)
            {
                var cells = new List<string>
                {
                    run.RunId.ToString(CultureInfo.InvariantCulture),
                    run.CreatedAt.UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture),
                    Markup.Escape(run.Info.Strategy), RunsCommand.Clip(RunsCommand.Parameters(run.Info.ParametersJson), 40),
                };
                foreach (var column in columns)
                    cells.Add(RunsCommand.Short(run.Statistic(column)));
                table.AddRow(cells.ToArray());
            }
            AnsiConsole.Write(table);
            AnsiConsole.WriteLine($"{runs.Count} run(s) from {results.Path}");
            return CliRunner.Ok;
        }));
        return command;
    }
}
