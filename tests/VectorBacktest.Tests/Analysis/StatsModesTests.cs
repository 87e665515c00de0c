using VectorBacktest.Analysis;
using static VectorBacktest.Tests.Analysis.AnalysisTestData;

namespace VectorBacktest.Tests.Analysis;

public class StatsModesTests
{
    private const long Day = 86_400_000;

    [Fact]
    public void Summary_agrees_with_the_individual_metrics()
    {
        var equity = RandomEquity(500, 3);
        var close = RandomEquity(500, 4);
        var s = PerformanceSummary.Compute(equity, 365, close, initialCapital: 1000);
        var r = new double[500];
        Returns.Simple(equity, 1000, r);
        var b = new double[500];
        Returns.Simple(close, b.AsSpan(1));
        Assert.Equal(ReturnMetrics.AnnualReturn(r, 365), s.AnnualReturn);
        Assert.Equal(RiskAdjustedMetrics.Sharpe(r, 365), s.Sharpe);
        Assert.Equal(Drawdowns.MaxDrawdown(r), s.MaxDrawdown);
        Assert.Equal(TailRisk.HistoricalCVaR(r, 0.01), s.ConditionalValueAtRisk99);
        Assert.Equal(TailRisk.HistoricalVaR(r, 0.05), s.ValueAtRisk95);
        Assert.Equal(RiskAdjustedMetrics.TailRatio(r), s.TailRatio);
        Assert.Equal(RiskAdjustedMetrics.Beta(r, b), s.Beta);
        Assert.Equal(RiskAdjustedMetrics.Alpha(r, b, 365), s.Alpha);
        AssertClose(close[^1] / close[0] - 1, s.BenchmarkReturn, 1e-12);
        AssertClose(equity[^1] / 1000 - 1, s.TotalReturn, 1e-12);
        Assert.Null(s.Trades);
    }

    [Fact]
    public void Summary_of_degenerate_curves_never_throws()
    {
        var empty = PerformanceSummary.Compute([], 365);
        Assert.True(double.IsNaN(empty.TotalReturn) && double.IsNaN(empty.Sharpe) && double.IsNaN(empty.MaxDrawdown));
        var one = PerformanceSummary.Compute([1000.0], 365);
        Assert.True(double.IsNaN(one.TotalReturn) && double.IsNaN(one.AnnualVolatility));
        var oneFromCapital = PerformanceSummary.Compute([1100.0], 365, initialCapital: 1000);
        AssertClose(0.1, oneFromCapital.TotalReturn, 1e-14);
        Assert.True(double.IsNaN(oneFromCapital.Sharpe));
        var flat = PerformanceSummary.Compute([5.0, 5, 5, 5], 365, [1.0, 2, 3, 4], trades: []);
        Assert.Equal(0.0, flat.TotalReturn);
        Assert.Equal(0.0, flat.AnnualVolatility);
        Assert.True(double.IsNaN(flat.Sharpe) && double.IsNaN(flat.Sortino) && double.IsNaN(flat.Calmar) && double.IsNaN(flat.Omega));
        Assert.Equal(0.0, flat.MaxDrawdown);
        Assert.Equal(0, flat.Drawdowns.Count);
        Assert.True(double.IsNaN(flat.Skewness));
        Assert.Equal(0.0, flat.Beta);
        Assert.Throws<ArgumentException>("benchmarkPrices", () => PerformanceSummary.Compute([1.0, 2], 365, [1.0]));
    }

    [Fact]
    public void Vectorbt_hand_example()
    {
        long[] time = [0, Day, 2 * Day, 3 * Day];
        double[] value = [100, 110, 99, 121], close = [10, 11, 9, 12];
        TradeSample[] trades =
        [
            new(0, 1, 0, Day, 10, 10, 11, 0.5, 9.5, 0.095),
            new(2, 3, 2 * Day, 3 * Day, 11, 9, 12, 0.1, 11, 0.33, IsOpen: true),
        ];
        var s = VectorbtStats.Compute(time, value, close, trades, 100, TimeSpan.FromDays(1));
        AssertClose(21, s.TotalReturnPercent, 1e-12);
        AssertClose(20, s.BenchmarkReturnPercent, 1e-12);
        // Peak 110 on bar 1, trough 99 on bar 2, recovered on bar 3.
        AssertClose(10, s.MaxDrawdownPercent, 1e-12);
        Assert.Equal(TimeSpan.FromDays(2), s.MaxDrawdownDuration);
        Assert.Equal(TimeSpan.FromDays(4), s.Period);
        Assert.Equal((2, 1, 1), (s.TotalTrades, s.TotalClosedTrades, s.TotalOpenTrades));
        Assert.Equal(11, s.OpenTradePnL);
        Assert.Equal(100, s.WinRatePercent);
        Assert.Equal(double.PositiveInfinity, s.ProfitFactor);
        Assert.Equal(9.5, s.Expectancy);
        Assert.Equal(TimeSpan.FromDays(1), s.AvgWinningTradeDuration);
        AssertClose(0.6, s.TotalFeesPaid, 1e-14);
        double[] r = [0, 0.1, -0.1, 121.0 / 99 - 1];
        AssertClose(ReferenceMetrics.Sharpe(r, 365), s.SharpeRatio, 1e-12);
        AssertClose(ReferenceMetrics.Sortino(r, 365), s.SortinoRatio, 1e-12);
        AssertClose(ReferenceMetrics.Calmar(r, 365), s.CalmarRatio, 1e-12);
        Assert.Equal(VectorbtStats.KeyOrder, s.ToKeyValues().Select(kv => kv.Key));
    }

    [Fact]
    public void Backtesting_py_mode_without_trades_on_a_flat_curve()
    {
        long[] time = Enumerable.Range(0, 10).Select(i => i * Day).ToArray();
        double[] equity = Enumerable.Repeat(10_000.0, 10).ToArray();
        double[] close = Enumerable.Range(0, 10).Select(i => 100.0 + i).ToArray();
        var s = BacktestingPyStats.Compute(time, equity, close, [], warmupBars: 2);
        Assert.Equal(0, s.TradeCount);
        Assert.Equal(0.0, s.ReturnPercent);
        AssertClose((109.0 - 102) / 102 * 100, s.BuyAndHoldReturnPercent, 1e-12);
        Assert.Equal(0.0, s.MaxDrawdownPercent);
        Assert.True(double.IsNaN(s.SharpeRatio) && double.IsNaN(s.CalmarRatio) && double.IsNaN(s.WinRatePercent));
        Assert.True(double.IsNaN(s.AvgDrawdownPercent) && double.IsNaN(s.ProfitFactor) && double.IsNaN(s.Sqn));
        Assert.Null(s.MaxDrawdownDuration);
        Assert.Null(s.AvgTradeDuration);
        Assert.Equal(365, s.AnnualTradingDays);
        Assert.DoesNotContain(s.ToKeyValues(), kv => kv.Key == "Commissions [$]");

        var single = BacktestingPyStats.Compute([0L], [100.0], [5.0], []);
        Assert.True(double.IsNaN(single.CagrPercent) && double.IsNaN(single.Beta));
        Assert.Throws<ArgumentOutOfRangeException>("warmupBars", () => BacktestingPyStats.Compute(time, equity, close, [], 10));
    }

    [Fact]
    public void Backtesting_py_calendar_rules()
    {
        long h = 3_600_000;
        Assert.Equal(h, BacktestingPyStats.DataPeriodMs([0, h, 2 * h, 5 * h, 6 * h]));
        Assert.Equal(3 * h / 2, BacktestingPyStats.DataPeriodMs([0, h, 3 * h]));
        Assert.Equal(Day, BacktestingPyStats.CeilResolutionMs(Day));
        Assert.Equal(h, BacktestingPyStats.CeilResolutionMs(4 * h));
        Assert.Equal(60_000, BacktestingPyStats.CeilResolutionMs(90 * 60_000));
    }
}

public class SummaryWithTimesTests
{
    [Fact]
    public void Bar_duration_and_calendar_cagr_come_from_the_times()
    {
        long h = 3_600_000;
        long[] time = Enumerable.Range(0, 25).Select(i => i * h).ToArray();
        double[] equity = Enumerable.Range(0, 25).Select(i => 1000.0 + i).ToArray();
        var s = PerformanceSummary.Compute(time, equity);
        Assert.Equal(8760.0, s.PeriodsPerYear);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(24 * h), s.End);
        AnalysisTestData.AssertClose(Math.Pow(1.024, 365) - 1, s.CalendarCagr, 1e-9);
        var daily = PerformanceSummary.Compute([0L, 86_400_000, 2 * 86_400_000], [1.0, 1.1, 1.2], daysPerYear: 252);
        Assert.Equal(252.0, daily.PeriodsPerYear);
        var single = PerformanceSummary.Compute([0L], [5.0]);
        Assert.True(double.IsNaN(single.CalendarCagr));
        Assert.Throws<ArgumentException>("timeMs", () => PerformanceSummary.Compute([0L], [1.0, 2.0]));
    }
}
