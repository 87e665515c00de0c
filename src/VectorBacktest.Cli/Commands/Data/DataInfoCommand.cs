using System.CommandLine;
using Spectre.Console;
using VectorBacktest.Data;
using VectorBacktest.Data.Validation;

namespace VectorBacktest.Cli.Commands.Data;

/// <summary><c>vbt data info [file]</c>: rows, span, timeframe, price range, gaps and the validation summary.</summary>
internal static class DataInfoCommand
{
    public static Command Create()
    {
        var file = DataCommand.InputArgument();
        var timeframe = DataCommand.TimeframeOption();
        var command = new Command("info", "Summarise a bar file: rows, span, timeframe, gaps and validation.") { file, timeframe };
        command.SetAction(parse => CliRunner.Run(() =>
        {
            var path = BundledData.OrSample(parse.GetValue(file));
            var result = BarFile.Load(path, DataCommand.ReadOptions(parse.GetValue(timeframe), repair: false));
            using var series = result.Series;
            Print(path, series, result.Report);
            return CliRunner.Ok;
        }));
        return command;
    }

    internal static void Print(string path, BarSeries series, ValidationReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("property").AddColumn("value");
        table.AddRow("file", Markup.Escape(path));
        table.AddRow("symbol", Markup.Escape(series.Symbol));
        table.AddRow("timeframe", series.Timeframe.ToString());
        table.AddRow("bars", series.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        if (series.Length > 0)
        {
            table.AddRow("first bar (UTC)", BarValidator.FormatTime(series.Time[0]));
            table.AddRow("last bar (UTC)", BarValidator.FormatTime(series.Time[^1]));
            table.AddRow("span", (TimeSpan.FromMilliseconds(series.Time[^1] - series.Time[0]) + series.Timeframe.Duration).ToString());
            double low = double.PositiveInfinity, high = double.NegativeInfinity, volume = 0;
            for (int i = 0; i < series.Length; i++)
            {
                low = Math.Min(low, series.Low[i]);
                high = Math.Max(high, series.High[i]);
                volume += series.Volume[i];
            }
            table.AddRow("price range", FormattableString.Invariant($"{low:G10} .. {high:G10}"));
            table.AddRow("first open / last close", FormattableString.Invariant($"{series.Open[0]:G10} / {series.Close[^1]:G10}"));
            table.AddRow("total volume", volume.ToString("G10", System.Globalization.CultureInfo.InvariantCulture));
        }
        table.AddRow("gaps", FormattableString.Invariant($"{report.Gaps.Count} ({report.MissingBars:N0} missing bars)"));
        table.AddRow("validation", report.IsUnchanged
            ? "[green]valid[/] (strict: every bar checked)"
            : Markup.Escape($"repaired: {report.Changes.Count} change(s)"));
        AnsiConsole.Write(table);
        const int shown = 10;
        for (int g = 0; g < Math.Min(shown, report.Gaps.Count); g++)
            Console.WriteLine("  gap: " + report.Gaps[g]);
        if (report.Gaps.Count > shown)
            Console.WriteLine($"  ... and {report.Gaps.Count - shown} more gaps");
    }
}
