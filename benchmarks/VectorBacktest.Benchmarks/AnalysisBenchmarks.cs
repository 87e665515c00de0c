using BenchmarkDotNet.Attributes;
using VectorBacktest.Analysis;
using VectorBacktest.Data;

namespace VectorBacktest.Benchmarks;

/// <summary>
/// Statistics of a 1,000,000-bar equity curve (the <c>Bars1M</c> closes scaled to 10,000 of capital, one-minute
/// bars, 525,600 periods per year) with the close as the buy-and-hold benchmark.
/// </summary>
[MemoryDiagnoser]
public class AnalysisBenchmarks
{
    private const double PeriodsPerYear = 525_600;
    private long[] _time = [];
    private double[] _equity = [];
    private double[] _close = [];
    private double[] _returns = [];
    private double[] _column = [];

    /// <summary>Builds the equity curve and checks the summary is finite before timing.</summary>
    [GlobalSetup]
    public void Setup()
    {
        BarSeries bars = BenchmarkInputs.Bars1M;
        _time = bars.Time.ToArray();
        _close = bars.Close.ToArray();
        _equity = new double[_close.Length];
        for (int i = 0; i < _equity.Length; i++) _equity[i] = _close[i] * 100;
        _returns = new double[_equity.Length - 1];
        Returns.Simple(_equity, _returns);
        _column = new double[_returns.Length];
        var check = PerformanceSummary.Compute(_equity, PeriodsPerYear, _close);
        if (!double.IsFinite(check.Sharpe) || !double.IsFinite(check.MaxDrawdown))
            throw new InvalidOperationException("The benchmark equity curve gave a non-finite summary.");
    }

    /// <summary>The whole empyrical-convention summary (returns, ratios, drawdowns, VaR/CVaR, moments, alpha/beta).</summary>
    [Benchmark]
    public PerformanceSummary Summary1M() => PerformanceSummary.Compute(_equity, PeriodsPerYear, _close);

    /// <summary>The backtesting.py statistics (daily resampling of the 1M minutes).</summary>
    [Benchmark]
    public BacktestingPyStats BacktestingPy1M() => BacktestingPyStats.Compute(_time, _equity, _close, [], warmupBars: 0);

    /// <summary>Sharpe ratio alone (one vectorised sum and one vectorised sum of squares).</summary>
    [Benchmark]
    public double Sharpe1M() => RiskAdjustedMetrics.Sharpe(_returns, PeriodsPerYear);

    /// <summary>Drawdown episodes summary (one pass).</summary>
    [Benchmark]
    public DrawdownStatistics Drawdowns1M() => Drawdowns.Summarize(_equity);

    /// <summary>Rolling one-day (1440-bar) Sharpe ratio column.</summary>
    [Benchmark]
    public double RollingSharpe1M()
    {
        RollingMetrics.Sharpe(_returns, 1440, PeriodsPerYear, _column);
        return _column[^1];
    }
}
