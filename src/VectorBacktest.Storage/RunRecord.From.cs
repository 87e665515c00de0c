using System.Text.Json;
using VectorBacktest.Results;

namespace VectorBacktest.Storage;

public sealed partial record RunRecord
{
    // The result file format's converters, on one line: the runs table is read by SQL and printed in tables.
    private static readonly JsonSerializerOptions Compact = new(ResultJson.Options) { WriteIndented = false };

    /// <summary>
    /// The store's form of a <see cref="BacktestResult"/>: its description flattened to <see cref="RunInfo"/> (parameters,
    /// execution settings and data description as JSON), every number of its <see cref="BacktestStats"/> as a statistic
    /// and, optionally, its trades and equity tables.
    /// </summary>
    /// <remarks>
    /// Statistic names: the <see cref="CoreStatistics.Names"/> (<c>total_return</c>, <c>end_equity</c>, <c>trade_count</c>,
    /// <c>win_rate</c>, <c>profit_factor</c>, <c>expectancy</c> from the trade statistics), then the
    /// <see cref="BacktestStats.Performance"/> members in snake_case (<c>sharpe</c>, <c>max_drawdown</c>,
    /// <c>drawdowns.…</c>), the remaining top-level members (<c>initial_cash</c>, <c>total_fees</c>, …), and the prefixed
    /// groups <c>trades.…</c>, <c>btpy.…</c> (backtesting.py preset) and <c>vbt.…</c> (vectorbt preset). Durations are in days.
    /// </remarks>
    /// <param name="result">The result to record.</param>
    /// <param name="includeTrades">Store the trades table (one row per trade).</param>
    /// <param name="includeEquity">Store the equity table (one row per bar: time, cash, position value, equity, drawdown).</param>
    /// <returns>The record.</returns>
    public static RunRecord From(BacktestResult result, bool includeTrades = true, bool includeEquity = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        var run = result.Run;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in run.Parameters)
            parameters[key] = value;
        var stats = result.Stats;
        var values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["total_return"] = stats.TotalReturn,
            ["end_equity"] = stats.FinalEquity,
            ["trade_count"] = stats.Trades.Count,
            ["win_rate"] = stats.Trades.WinRate,
            ["profit_factor"] = stats.Trades.ProfitFactor,
            ["expectancy"] = stats.Trades.Expectancy,
        };
        StatisticsFlattener.Add(values, stats.Performance, "", name => name == nameof(Analysis.PerformanceSummary.Trades));
        StatisticsFlattener.Add(values, stats, "", name => name is nameof(BacktestStats.Performance) or nameof(BacktestStats.Trades)
            or nameof(BacktestStats.BacktestingPy) or nameof(BacktestStats.Vectorbt));
        StatisticsFlattener.Add(values, stats.Trades, "trades.");
        StatisticsFlattener.Add(values, stats.BacktestingPy, "btpy.");
        StatisticsFlattener.Add(values, stats.Vectorbt, "vbt.");
        return new RunRecord
        {
            Info = new RunInfo
            {
                DataHash = run.Data.Sha256,
                DataSource = run.Data.Source,
                DataJson = JsonSerializer.Serialize(run.Data, Compact),
                Strategy = run.Strategy,
                ParametersJson = JsonSerializer.Serialize(parameters, Compact),
                ExecutionConfigJson = JsonSerializer.Serialize(run.Execution, Compact),
                LibraryVersion = run.LibraryVersion,
                StartTime = run.StartedAt,
                EndTime = run.FinishedAt,
            },
            Statistics = values,
            Trades = includeTrades ? result.ToRecordBatch(ResultTable.Trades) : null,
            Equity = includeEquity ? result.ToRecordBatch(ResultTable.Equity) : null,
        };
    }
}
