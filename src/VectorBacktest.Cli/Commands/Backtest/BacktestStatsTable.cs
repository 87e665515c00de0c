using System.Globalization;
using Spectre.Console;
using VectorBacktest.Data;
using VectorBacktest.Results;

namespace VectorBacktest.Cli.Commands.Backtest;

/// <summary>Prints the key statistics of a result (and the preset's own statistics, when one was used) as tables.</summary>
internal static class BacktestStatsTable
{
    public static void Print(BacktestResult result)
    {
        var run = result.Run;
        var stats = result.Stats;
        var p = stats.Performance;
        var t = stats.Trades;
        var table = new Table().Border(TableBorder.Rounded).AddColumn("statistic").AddColumn(new TableColumn("value").RightAligned());
        table.Title = new TableTitle(Markup.Escape($"{run.Strategy} on {run.Data.Symbol} {run.Data.Timeframe}"));
        Row(table, "parameters", string.Join(" ", run.Parameters.Select(kv => $"{kv.Key}={kv.Value}")));
        var e = run.Execution;
        Row(table, "execution", FormattableString.Invariant(
            $"{e.PresetName ?? "library conventions"}, fees {e.Fees * 100:0.####} %, slippage {e.Slippage * 100:0.####} %"));
        if (run.Data.Bars > 0)
            Row(table, "period (UTC)", $"{BarValidator.FormatTime(run.Data.FirstBarTime)} .. {BarValidator.FormatTime(run.Data.LastBarTime)}");
        Row(table, "bars", run.Data.Bars.ToString("N0", CultureInfo.InvariantCulture));
        Row(table, "initial cash", Money(stats.InitialCash));
        Row(table, "final equity", Money(stats.FinalEquity));
        Row(table, "total return", Percent(stats.TotalReturn));
        Row(table, "buy & hold return", Percent(p.BenchmarkReturn));
        Row(table, "annual return", Percent(p.AnnualReturn));
        Row(table, "annual volatility", Percent(p.AnnualVolatility));
        Row(table, "Sharpe", Ratio(p.Sharpe));
        Row(table, "Sortino", Ratio(p.Sortino));
        Row(table, "Calmar", Ratio(p.Calmar));
        Row(table, "max drawdown", Percent(p.MaxDrawdown));
        Row(table, "trades (open)", FormattableString.Invariant($"{t.Count} ({t.OpenCount})"));
        Row(table, "win rate", Percent(t.WinRate));
        Row(table, "profit factor", Ratio(t.ProfitFactor));
        Row(table, "average trade return", Percent(t.AverageReturn));
        Row(table, "best / worst trade", $"{Percent(t.BestReturn)} / {Percent(t.WorstReturn)}");
        Row(table, "exposure", Percent(t.ExposureTime));
        Row(table, "fees paid", Money(stats.TotalFees));
        Row(table, "orders filled / rejected", FormattableString.Invariant($"{stats.FilledOrders} / {stats.RejectedOrders}"));
        AnsiConsole.Write(table);
        if (stats.FilledOrders == 0 && stats.RejectedOrders > 0) WarnAllRejected(result);

        var preset = stats.BacktestingPy?.ToKeyValues() ?? stats.Vectorbt?.ToKeyValues();
        if (preset is null) return;
        var presetTable = new Table().Border(TableBorder.Rounded).AddColumn("key").AddColumn(new TableColumn("value").RightAligned());
        presetTable.Title = new TableTitle(Markup.Escape($"{run.Execution.PresetName} statistics"));
        foreach (var (key, value) in preset) Row(presetTable, key, Format(value));
        AnsiConsole.Write(presetTable);
    }

    // A run whose every order was rejected usually means whole-unit lots (backtesting.py) or cash below one lot.
    private static void WarnAllRejected(BacktestResult result)
    {
        var reasons = result.Orders.GroupBy(o => o.RejectReason).Select(g => $"{g.Key} x{g.Count()}");
        string hint = result.Run.Execution.PresetName == Presets.BacktestingPyPreset.PresetName
            ? "The backtesting-py preset trades whole units: raise --cash above one unit's price, or choose another preset."
            : "Check the cash and the sizing settings.";
        AnsiConsole.MarkupLine("[yellow]note:[/] " + Markup.Escape($"every order was rejected ({string.Join(", ", reasons)}). {hint}"));
    }

    private static void Row(Table table, string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));

    private static string Money(double value) => value.ToString("N2", CultureInfo.InvariantCulture);

    private static string Percent(double value) => double.IsFinite(value) ? (value * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %" : Ratio(value);

    private static string Ratio(double value) => double.IsNaN(value) ? "-" : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Format(object? value) => value switch
    {
        null => "-",
        double d => Ratio(d),
        DateTimeOffset d => d.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "-",
    };
}
