using System.Buffers;
using VectorBacktest.Data;

namespace VectorBacktest.Analysis;

/// <summary>
/// The default statistics summary of a backtest, every value following the empyrical 0.5.5 conventions of
/// <c>shared/reference/empyrical/FORMULAS.md</c> (see <see cref="ReturnMetrics"/>, <see cref="RiskAdjustedMetrics"/>,
/// <see cref="Drawdowns"/>, <see cref="TailRisk"/>). The per-bar simple returns of the equity curve are the input of
/// every return statistic; the benchmark is buy and hold of the given prices. Ratios are fractions, not percent.
/// Degenerate input (one bar, constant equity, no trades) gives the NaN/±∞/0 values documented on each metric.
/// </summary>
public sealed record PerformanceSummary
{
    /// <summary>First bar's time; null when the summary was computed without timestamps.</summary>
    public DateTimeOffset? Start { get; init; }
    /// <summary>Last bar's time; null when the summary was computed without timestamps.</summary>
    public DateTimeOffset? End { get; init; }
    /// <summary>
    /// CAGR over calendar time, <c>(end / start)^(1 / years) − 1</c> with years = (End − Start) in days / days per
    /// year (<see cref="ReturnMetrics.CagrFromEquity"/>), start = the initial capital when given, else the first
    /// equity; NaN without timestamps or when End = Start.
    /// </summary>
    public double CalendarCagr { get; init; } = double.NaN;
    /// <summary>Bars in the equity curve.</summary>
    public int Bars { get; init; }
    /// <summary>P, the periods per year used for annualisation.</summary>
    public double PeriodsPerYear { get; init; }
    /// <summary>First equity value.</summary>
    public double StartEquity { get; init; }
    /// <summary>Last equity value.</summary>
    public double EndEquity { get; init; }
    /// <summary><see cref="ReturnMetrics.TotalReturn"/> of the bar returns.</summary>
    public double TotalReturn { get; init; }
    /// <summary><see cref="ReturnMetrics.AnnualReturn"/> (CAGR over n / P years).</summary>
    public double AnnualReturn { get; init; }
    /// <summary><see cref="ReturnMetrics.AnnualVolatility"/>.</summary>
    public double AnnualVolatility { get; init; }
    /// <summary><see cref="RiskAdjustedMetrics.Sharpe"/>.</summary>
    public double Sharpe { get; init; }
    /// <summary><see cref="RiskAdjustedMetrics.Sortino"/>.</summary>
    public double Sortino { get; init; }
    /// <summary><see cref="RiskAdjustedMetrics.DownsideRisk"/>.</summary>
    public double DownsideRisk { get; init; }
    /// <summary><see cref="RiskAdjustedMetrics.Calmar"/>.</summary>
    public double Calmar { get; init; }
    /// <summary><see cref="RiskAdjustedMetrics.Omega"/> with threshold 0.</summary>
    public double Omega { get; init; }
    /// <summary><see cref="RiskAdjustedMetrics.TailRatio(ReadOnlySpan{double})"/>.</summary>
    public double TailRatio { get; init; }
    /// <summary><see cref="RiskAdjustedMetrics.Stability"/>.</summary>
    public double Stability { get; init; }
    /// <summary><see cref="Drawdowns.MaxDrawdown"/> of the returns (≤ 0).</summary>
    public double MaxDrawdown { get; init; }
    /// <summary>Episode statistics of the equity curve (<see cref="Drawdowns.Summarize"/>), lengths in bars.</summary>
    public DrawdownStatistics Drawdowns { get; init; }
    /// <summary>Historical 95 % VaR (α = 0.05), a return.</summary>
    public double ValueAtRisk95 { get; init; }
    /// <summary>Historical 99 % VaR (α = 0.01), a return.</summary>
    public double ValueAtRisk99 { get; init; }
    /// <summary>Historical 95 % CVaR, a return.</summary>
    public double ConditionalValueAtRisk95 { get; init; }
    /// <summary>Historical 99 % CVaR, a return.</summary>
    public double ConditionalValueAtRisk99 { get; init; }
    /// <summary>Gaussian 95 % VaR.</summary>
    public double GaussianValueAtRisk95 { get; init; }
    /// <summary>Cornish–Fisher 95 % VaR.</summary>
    public double CornishFisherValueAtRisk95 { get; init; }
    /// <summary>Population skewness of the returns.</summary>
    public double Skewness { get; init; }
    /// <summary>Population excess kurtosis of the returns.</summary>
    public double ExcessKurtosis { get; init; }
    /// <summary>Total return of the benchmark (buy and hold); NaN without benchmark prices.</summary>
    public double BenchmarkReturn { get; init; }
    /// <summary><see cref="RiskAdjustedMetrics.Alpha(ReadOnlySpan{double}, ReadOnlySpan{double}, double)"/> against the benchmark; NaN without one.</summary>
    public double Alpha { get; init; }
    /// <summary><see cref="RiskAdjustedMetrics.Beta"/> against the benchmark; NaN without one.</summary>
    public double Beta { get; init; }
    /// <summary><see cref="RiskAdjustedMetrics.InformationRatio"/> (per period) against the benchmark; NaN without one.</summary>
    public double InformationRatio { get; init; }
    /// <summary>Trade statistics; null when no trades were given.</summary>
    public TradeStatistics? Trades { get; init; }

    /// <summary>
    /// Computes the summary of an equity curve with bar times: P is derived from the bar duration (the most common
    /// step between bar times, else the median step; one day for a single bar) and <paramref name="daysPerYear"/>
    /// (365 for 24/7 crypto, 252 for exchange trading days), and <see cref="Start"/>, <see cref="End"/> and
    /// <see cref="CalendarCagr"/> are filled in. Other parameters as in
    /// <see cref="Compute(ReadOnlySpan{double}, double, ReadOnlySpan{double}, double, ReadOnlySpan{TradeSample})"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="timeMs"/> is not as long as <paramref name="equity"/>, or
    /// <paramref name="benchmarkPrices"/> is neither empty nor as long.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="daysPerYear"/> is not positive, the bar times do
    /// not increase, or a trade's bar range is outside the bars.</exception>
    public static PerformanceSummary Compute(ReadOnlySpan<long> timeMs, ReadOnlySpan<double> equity,
        ReadOnlySpan<double> benchmarkPrices = default, double initialCapital = double.NaN,
        ReadOnlySpan<TradeSample> trades = default, double daysPerYear = Annualization.CalendarDaysPerYear)
    {
        if (timeMs.Length != equity.Length) AnalysisThrow.LengthMismatch(nameof(timeMs), equity.Length, timeMs.Length);
        long barMs = BarDurationMs(timeMs);
        double periodsPerYear = Annualization.PeriodsPerYear(TimeSpan.FromMilliseconds(barMs), daysPerYear);
        var summary = Compute(equity, periodsPerYear, benchmarkPrices, initialCapital, trades);
        if (timeMs.IsEmpty) return summary;
        double start = double.IsNaN(initialCapital) ? equity[0] : initialCapital;
        var elapsed = TimeSpan.FromMilliseconds(timeMs[^1] - timeMs[0]);
        return summary with
        {
            Start = DateTimeOffset.FromUnixTimeMilliseconds(timeMs[0]),
            End = DateTimeOffset.FromUnixTimeMilliseconds(timeMs[^1]),
            CalendarCagr = ReturnMetrics.CagrFromEquity(start, equity[^1], elapsed, daysPerYear),
        };
    }

    private static long BarDurationMs(ReadOnlySpan<long> timeMs)
    {
        if (timeMs.Length < 2) return 86_400_000L;
        if (Timeframe.Infer(timeMs) is { } timeframe) return timeframe.Milliseconds;
        long median = BacktestingPyStats.DataPeriodMs(timeMs);
        if (median <= 0) AnalysisThrow.OutOfRange(nameof(timeMs), median, "Bar times must be strictly increasing.");
        return median;
    }

    /// <summary>Computes the summary of an equity curve.</summary>
    /// <param name="equity">Portfolio value per bar.</param>
    /// <param name="periodsPerYear">P (<see cref="Annualization.PeriodsPerYear(TimeSpan, double)"/>).</param>
    /// <param name="benchmarkPrices">Prices per bar of the buy-and-hold benchmark (usually the close); empty for none.</param>
    /// <param name="initialCapital">When given, bar 0's return is measured against it and the benchmark's bar 0
    /// return is 0; when NaN, returns start at bar 1.</param>
    /// <param name="trades">Trades for <see cref="Trades"/>; empty gives no trade statistics.</param>
    /// <exception cref="ArgumentException"><paramref name="benchmarkPrices"/> is neither empty nor as long as <paramref name="equity"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periodsPerYear"/> is not positive, or a trade's bar range is outside the bars.</exception>
    public static PerformanceSummary Compute(ReadOnlySpan<double> equity, double periodsPerYear,
        ReadOnlySpan<double> benchmarkPrices = default, double initialCapital = double.NaN, ReadOnlySpan<TradeSample> trades = default)
    {
        if (!(periodsPerYear > 0)) AnalysisThrow.OutOfRange(nameof(periodsPerYear), periodsPerYear, "Periods per year must be positive.");
        bool hasBenchmark = !benchmarkPrices.IsEmpty;
        if (hasBenchmark && benchmarkPrices.Length != equity.Length)
            AnalysisThrow.LengthMismatch(nameof(benchmarkPrices), equity.Length, benchmarkPrices.Length);
        bool fromCapital = !double.IsNaN(initialCapital);
        int m = fromCapital ? equity.Length : Math.Max(equity.Length - 1, 0);
        double[] rented = ArrayPool<double>.Shared.Rent(Math.Max(2 * m, 1));
        Span<int> boundaries = stackalloc int[16];
        scoped var order = default(OrderStatistics);
        try
        {
            var r = rented.AsSpan(0, m);
            var b = rented.AsSpan(m, m);
            if (fromCapital) Returns.Simple(equity, initialCapital, r);
            else Returns.Simple(equity, r);
            if (hasBenchmark)
            {
                if (fromCapital && m > 0)
                {
                    b[0] = 0;
                    Returns.Simple(benchmarkPrices, b[1..]);
                }
                else Returns.Simple(benchmarkPrices, b);
            }
            double beta = hasBenchmark ? RiskAdjustedMetrics.Beta(r, b) : double.NaN;
            // One partially ordered copy serves every order statistic (VaR, CVaR, tail ratio).
            using var finite = new FiniteValues(r);
            order = new OrderStatistics(finite.Values, boundaries);
            return new PerformanceSummary
            {
                Bars = equity.Length,
                PeriodsPerYear = periodsPerYear,
                StartEquity = equity.IsEmpty ? double.NaN : equity[0],
                EndEquity = equity.IsEmpty ? double.NaN : equity[^1],
                TotalReturn = ReturnMetrics.TotalReturn(r),
                AnnualReturn = ReturnMetrics.AnnualReturn(r, periodsPerYear),
                AnnualVolatility = ReturnMetrics.AnnualVolatility(r, periodsPerYear),
                Sharpe = RiskAdjustedMetrics.Sharpe(r, periodsPerYear),
                Sortino = RiskAdjustedMetrics.Sortino(r, periodsPerYear),
                DownsideRisk = RiskAdjustedMetrics.DownsideRisk(r, periodsPerYear),
                Calmar = RiskAdjustedMetrics.Calmar(r, periodsPerYear),
                Omega = RiskAdjustedMetrics.Omega(r),
                TailRatio = RiskAdjustedMetrics.TailRatioOf(ref order),
                Stability = RiskAdjustedMetrics.Stability(r),
                MaxDrawdown = Analysis.Drawdowns.MaxDrawdown(r),
                Drawdowns = Analysis.Drawdowns.Summarize(equity),
                ValueAtRisk95 = TailRisk.HistoricalVaR(ref order, m, 0.05),
                ValueAtRisk99 = TailRisk.HistoricalVaR(ref order, m, 0.01),
                ConditionalValueAtRisk95 = TailRisk.HistoricalCVaR(ref order, m, 0.05),
                ConditionalValueAtRisk99 = TailRisk.HistoricalCVaR(ref order, m, 0.01),
                GaussianValueAtRisk95 = TailRisk.GaussianVaR(r, 0.05),
                CornishFisherValueAtRisk95 = TailRisk.CornishFisherVaR(r, 0.05),
                Skewness = TailRisk.Skewness(r),
                ExcessKurtosis = TailRisk.ExcessKurtosis(r),
                BenchmarkReturn = hasBenchmark ? ReturnMetrics.TotalReturn(b) : double.NaN,
                Beta = beta,
                Alpha = hasBenchmark ? RiskAdjustedMetrics.Alpha(r, b, periodsPerYear, beta) : double.NaN,
                InformationRatio = hasBenchmark ? RiskAdjustedMetrics.InformationRatio(r, b) : double.NaN,
                Trades = trades.IsEmpty ? null : TradeStatistics.Compute(trades, equity.Length),
            };
        }
        finally
        {
            order.Dispose();
            ArrayPool<double>.Shared.Return(rented);
        }
    }
}
