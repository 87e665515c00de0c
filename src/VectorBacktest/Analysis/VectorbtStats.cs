using System.Buffers;

namespace VectorBacktest.Analysis;

/// <summary>
/// Statistics in the conventions of vectorbt 0.25 <c>Portfolio.stats()</c> (<c>shared/reference/vbt/SEMANTICS.md</c>):
/// per-bar simple returns of the portfolio value with bar 0 measured against the initial cash, periods per year
/// = 365 days / bar duration, Sharpe, Sortino, Calmar and Omega as in empyrical on those returns
/// (<see cref="RiskAdjustedMetrics"/>), drawdowns as fractions of the running peak, and trade statistics where an
/// open trade counts in the trade total but not in win rate, profit factor, expectancy or the averages. Percent keys
/// are × 100 like vectorbt's; Max Drawdown [%] is reported as a positive number, as vectorbt does.
/// </summary>
public sealed record VectorbtStats
{
    /// <summary>The stats keys in vectorbt's order.</summary>
    public static IReadOnlyList<string> KeyOrder { get; } =
    [
        "Start", "End", "Period", "Start Value", "End Value", "Total Return [%]", "Benchmark Return [%]",
        "Total Fees Paid", "Max Drawdown [%]", "Max Drawdown Duration", "Total Trades", "Total Closed Trades",
        "Total Open Trades", "Open Trade PnL", "Win Rate [%]", "Best Trade [%]", "Worst Trade [%]",
        "Avg Winning Trade [%]", "Avg Losing Trade [%]", "Avg Winning Trade Duration", "Avg Losing Trade Duration",
        "Profit Factor", "Expectancy", "Sharpe Ratio", "Calmar Ratio", "Omega Ratio", "Sortino Ratio",
    ];

    /// <summary>First bar's time.</summary>
    public DateTimeOffset Start { get; init; }
    /// <summary>Last bar's time.</summary>
    public DateTimeOffset End { get; init; }
    /// <summary>Bars × bar duration.</summary>
    public TimeSpan Period { get; init; }
    /// <summary>Initial cash.</summary>
    public double StartValue { get; init; }
    /// <summary>Last portfolio value.</summary>
    public double EndValue { get; init; }
    /// <summary>(End Value / Start Value − 1) × 100.</summary>
    public double TotalReturnPercent { get; init; }
    /// <summary>(last close / first close − 1) × 100.</summary>
    public double BenchmarkReturnPercent { get; init; }
    /// <summary>Σ fees of all trades.</summary>
    public double TotalFeesPaid { get; init; }
    /// <summary>Largest peak-to-trough fall of the value (initial cash included as the first peak), × 100, ≥ 0.</summary>
    public double MaxDrawdownPercent { get; init; }
    /// <summary>Longest drawdown episode, peak to recovery (or to the end), in bars × bar duration.</summary>
    public TimeSpan MaxDrawdownDuration { get; init; }
    /// <summary>All trades, the open one included.</summary>
    public int TotalTrades { get; init; }
    /// <summary>Closed trades.</summary>
    public int TotalClosedTrades { get; init; }
    /// <summary>Open trades.</summary>
    public int TotalOpenTrades { get; init; }
    /// <summary>Σ PnL of the open trades.</summary>
    public double OpenTradePnL { get; init; }
    /// <summary>Closed trades with PnL &gt; 0 / closed trades × 100 (NaN when none closed).</summary>
    public double WinRatePercent { get; init; }
    /// <summary>Highest closed-trade return × 100.</summary>
    public double BestTradePercent { get; init; }
    /// <summary>Lowest closed-trade return × 100.</summary>
    public double WorstTradePercent { get; init; }
    /// <summary>Mean return of the closed winners × 100.</summary>
    public double AvgWinningTradePercent { get; init; }
    /// <summary>Mean return of the closed losers × 100.</summary>
    public double AvgLosingTradePercent { get; init; }
    /// <summary>Mean bars held by the winners × bar duration (zero when none).</summary>
    public TimeSpan AvgWinningTradeDuration { get; init; }
    /// <summary>Mean bars held by the losers × bar duration (zero when none).</summary>
    public TimeSpan AvgLosingTradeDuration { get; init; }
    /// <summary>Gross profit / |gross loss| of the closed trades in cash; +∞ without losers, NaN without either.</summary>
    public double ProfitFactor { get; init; }
    /// <summary>Mean PnL of the closed trades in cash.</summary>
    public double Expectancy { get; init; }
    /// <summary><see cref="RiskAdjustedMetrics.Sharpe"/> of the bar returns.</summary>
    public double SharpeRatio { get; init; }
    /// <summary><see cref="RiskAdjustedMetrics.Calmar"/> of the bar returns.</summary>
    public double CalmarRatio { get; init; }
    /// <summary><see cref="RiskAdjustedMetrics.Omega"/> of the bar returns (threshold 0).</summary>
    public double OmegaRatio { get; init; }
    /// <summary><see cref="RiskAdjustedMetrics.Sortino"/> of the bar returns.</summary>
    public double SortinoRatio { get; init; }

    /// <summary>Computes the statistics.</summary>
    /// <param name="timeMs">Bar times (epoch ms UTC).</param>
    /// <param name="value">Portfolio value per bar (cash + positions at the close).</param>
    /// <param name="close">Close per bar (the benchmark).</param>
    /// <param name="trades">Trades; open ones flagged with <see cref="TradeSample.IsOpen"/>.</param>
    /// <param name="initialCash">Cash before bar 0.</param>
    /// <param name="barDuration">Duration of one bar (vectorbt's <c>freq</c>).</param>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="barDuration"/> is not positive, or a trade's bar
    /// range is outside the bars.</exception>
    public static VectorbtStats Compute(ReadOnlySpan<long> timeMs, ReadOnlySpan<double> value, ReadOnlySpan<double> close,
        ReadOnlySpan<TradeSample> trades, double initialCash, TimeSpan barDuration)
    {
        int n = timeMs.Length;
        if (n == 0) throw new ArgumentException("At least one bar is needed.", nameof(timeMs));
        if (value.Length != n) AnalysisThrow.LengthMismatch(nameof(value), n, value.Length);
        if (close.Length != n) AnalysisThrow.LengthMismatch(nameof(close), n, close.Length);
        double periodsPerYear = Annualization.PeriodsPerYear(barDuration, 365);
        var tradeStats = TradeStatistics.Compute(trades, n);
        double openPnl = 0, winBars = 0, lossBars = 0;
        foreach (ref readonly var t in trades)
        {
            if (t.IsOpen) openPnl += t.PnL;
            else if (t.PnL > 0) winBars += t.Bars;
            else if (t.PnL < 0) lossBars += t.Bars;
        }

        double[] rented = ArrayPool<double>.Shared.Rent(n);
        try
        {
            var r = rented.AsSpan(0, n);
            Returns.Simple(value, initialCash, r);
            int longest = 0, peakBar = -1;
            double peak = initialCash;
            for (int t = 0; t < n; t++)
            {
                if (value[t] >= peak)
                {
                    if (t - peakBar > 1) longest = Math.Max(longest, t - peakBar);
                    peak = value[t];
                    peakBar = t;
                }
                else longest = Math.Max(longest, t - peakBar);
            }
            return new VectorbtStats
            {
                Start = DateTimeOffset.FromUnixTimeMilliseconds(timeMs[0]),
                End = DateTimeOffset.FromUnixTimeMilliseconds(timeMs[n - 1]),
                Period = barDuration * n,
                StartValue = initialCash,
                EndValue = value[n - 1],
                TotalReturnPercent = (value[n - 1] / initialCash - 1) * 100,
                BenchmarkReturnPercent = (close[n - 1] / close[0] - 1) * 100,
                TotalFeesPaid = tradeStats.FeesPaid,
                MaxDrawdownPercent = -Drawdowns.MaxDrawdown(r) * 100,
                MaxDrawdownDuration = barDuration * longest,
                TotalTrades = tradeStats.Count,
                TotalClosedTrades = tradeStats.ClosedCount,
                TotalOpenTrades = tradeStats.OpenCount,
                OpenTradePnL = openPnl,
                WinRatePercent = tradeStats.WinRate * 100,
                BestTradePercent = tradeStats.BestReturn * 100,
                WorstTradePercent = tradeStats.WorstReturn * 100,
                AvgWinningTradePercent = tradeStats.AverageWinnerReturn * 100,
                AvgLosingTradePercent = tradeStats.AverageLoserReturn * 100,
                AvgWinningTradeDuration = tradeStats.Winners == 0 ? TimeSpan.Zero : barDuration * (winBars / tradeStats.Winners),
                AvgLosingTradeDuration = tradeStats.Losers == 0 ? TimeSpan.Zero : barDuration * (lossBars / tradeStats.Losers),
                ProfitFactor = tradeStats.ProfitFactor,
                Expectancy = tradeStats.Expectancy,
                SharpeRatio = RiskAdjustedMetrics.Sharpe(r, periodsPerYear),
                CalmarRatio = RiskAdjustedMetrics.Calmar(r, periodsPerYear),
                OmegaRatio = RiskAdjustedMetrics.Omega(r),
                SortinoRatio = RiskAdjustedMetrics.Sortino(r, periodsPerYear),
            };
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>The stats as (key, value) pairs in <see cref="KeyOrder"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> ToKeyValues() =>
    [
        new("Start", Start), new("End", End), new("Period", Period), new("Start Value", StartValue),
        new("End Value", EndValue), new("Total Return [%]", TotalReturnPercent),
        new("Benchmark Return [%]", BenchmarkReturnPercent), new("Total Fees Paid", TotalFeesPaid),
        new("Max Drawdown [%]", MaxDrawdownPercent), new("Max Drawdown Duration", MaxDrawdownDuration),
        new("Total Trades", TotalTrades), new("Total Closed Trades", TotalClosedTrades),
        new("Total Open Trades", TotalOpenTrades), new("Open Trade PnL", OpenTradePnL),
        new("Win Rate [%]", WinRatePercent), new("Best Trade [%]", BestTradePercent),
        new("Worst Trade [%]", WorstTradePercent), new("Avg Winning Trade [%]", AvgWinningTradePercent),
        new("Avg Losing Trade [%]", AvgLosingTradePercent), new("Avg Winning Trade Duration", AvgWinningTradeDuration),
        new("Avg Losing Trade Duration", AvgLosingTradeDuration), new("Profit Factor", ProfitFactor),
        new("Expectancy", Expectancy), new("Sharpe Ratio", SharpeRatio), new("Calmar Ratio", CalmarRatio),
        new("Omega Ratio", OmegaRatio), new("Sortino Ratio", SortinoRatio),
    ];
}
