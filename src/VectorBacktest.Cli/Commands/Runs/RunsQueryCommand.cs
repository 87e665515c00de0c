using System.CommandLine;
using System.Globalization;
using DuckDB.NET.Data;
using Spectre.Console;

namespace VectorBacktest.Cli.Commands.Runs;

/// <summary><c>vbt runs query "&lt;sql&gt;"</c>: any SQL over the store's tables, printed as a table.</summary>
internal static class RunsQueryCommand
{
    public static Command Create()
    {
        var sql = new Argument<string>("sql") { Description = "One SQL statement over runs, stats, stat_values, trades, equity (DuckDB dialect)." };
        var limit = new Option<int>("--limit") { Description = "Print at most this many rows.", DefaultValueFactory = _ => 50 };
        var store = RunsCommand.StoreOption();
        var timeout = RunsCommand.LockTimeoutOption();
        var command = new Command("query", "Run SQL against the result store and print the result.") { sql, limit, store, timeout };
        command.SetAction(parse => CliRunner.Run(() =>
        {
            var results = RunsCommand.Open(parse.GetValue(store), parse.GetValue(timeout));
            Microsoft.Data.Analysis.DataFrame frame;
            try
            {
                frame = results.Query(parse.GetValue(sql)!);
            }
            catch (DuckDBException e)
            {
                throw new ArgumentException("SQL failed: " + e.Message, "sql", e);
            }
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var column in frame.Columns)
                table.AddColumn(Markup.Escape(column.Name));
            long shown = Math.Min(frame.Rows.Count, Math.Max(0, parse.GetValue(limit)));
            for (long r = 0; r < shown; r++)
            {
                var cells = new string[frame.Columns.Count];
                for (int c = 0; c < cells.Length; c++)
                    cells[c] = Markup.Escape(frame.Columns[c][r] switch
                    {
                        null => "",
                        double d => RunsCommand.Format(d),
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        var other => other.ToString() ?? "",
                    });
                table.AddRow(cells);
            }
            if (frame.Columns.Count > 0)
                AnsiConsole.Write(table);
            AnsiConsole.WriteLine($"{frame.Rows.Count} row(s)" + (shown < frame.Rows.Count ? $", first {shown} shown" : ""));
            return CliRunner.Ok;
        }));
        return command;
    }
}
