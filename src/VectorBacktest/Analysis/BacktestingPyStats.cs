using System.Buffers;

namespace VectorBacktest.Analysis;

/// <summary>
/// The statistics of backtesting.py 0.6.6 (<c>Backtest.run()</c>'s stats Series), computed with its exact rules
/// (<c>shared/reference/btpy/SEMANTICS.md</c> §9, <c>backtesting/_stats.py</c>), risk-free rate configurable.
/// Percent keys are in percent (×100) as in the library; <c>null</c> durations stand for pandas' NaT. Use
/// <see cref="Compute"/> and <see cref="ToKeyValues"/> for the library's key names and order. Where these
/// differ from the empyrical conventions of <see cref="PerformanceSummary"/>: returns are calendar-day returns of
/// the equity resampled to days (weeks, months or years for coarser data), the annualised return is the
/// compounded geometric mean, the volatility is the compounded-variance formula, Sharpe and Sortino use that
/// annualised return, and Avg. Trade is a geometric mean.
/// </summary>
public sealed record BacktestingPyStats
{
    /// <summary>The stats keys in backtesting.py's order ("Commissions [$]" is omitted when the total is 0).</summary>
    public static IReadOnlyList<string> KeyOrder { get; } =
    [
        "Start", "End", "Duration", "Exposure Time [%]", "Equity Final [$]", "Equity Peak [$]", "Commissions [$]",
        "Return [%]", "Buy & Hold Return [%]", "Return (Ann.) [%]", "Volatility (Ann.) [%]", "CAGR [%]",
        "Sharpe Ratio", "Sortino Ratio", "Calmar Ratio", "Alpha [%]", "Beta", "Max. Drawdown [%]",
        "Avg. Drawdown [%]", "Max. Drawdown Duration", "Avg. Drawdown Duration", "# Trades", "Win Rate [%]",
        "Best Trade [%]", "Worst Trade [%]", "Avg. Trade [%]", "Max. Trade Duration", "Avg. Trade Duration",
        "Profit Factor", "Expectancy [%]", "SQN", "Kelly Criterion",
    ];

    /// <summary>First bar's time.</summary>
    public DateTimeOffset Start { get; init; }
    /// <summary>Last bar's time.</summary>
    public DateTimeOffset End { get; init; }
    /// <summary>End − Start.</summary>
    public TimeSpan Duration { get; init; }
    /// <summary>Share of all bars inside some trade's inclusive bar range, × 100.</summary>
    public double ExposureTimePercent { get; init; }
    /// <summary>Last equity value.</summary>
    public double EquityFinal { get; init; }
    /// <summary>Highest equity value.</summary>
    public double EquityPeak { get; init; }
    /// <summary>Σ trade fees (the key is omitted when 0).</summary>
    public double Commissions { get; init; }
    /// <summary><c>(eqN − eq0) / eq0 × 100</c>.</summary>
    public double ReturnPercent { get; init; }
    /// <summary><c>(C[n−1] − C[w]) / C[w] × 100</c>, w the first bar after the indicator warm-up.</summary>
    public double BuyAndHoldReturnPercent { get; init; }
    /// <summary><c>((1 + g)^N − 1) × 100</c>, g the geometric mean of the period returns, N periods per year.</summary>
    public double ReturnAnnualPercent { get; init; }
    /// <summary><c>√((var(r) + (1 + g)²)^N − (1 + g)^(2N)) × 100</c>, var with ddof = 1.</summary>
    public double VolatilityAnnualPercent { get; init; }
    /// <summary><c>((eqN / eq0)^(1 / years) − 1) × 100</c>, years = Duration in days / 365.25.</summary>
    public double CagrPercent { get; init; }
    /// <summary><c>(Return (Ann.) − rf) / Volatility (Ann.)</c>, in percent points; NaN when the volatility is 0.</summary>
    public double SharpeRatio { get; init; }
    /// <summary><c>(annual return − rf) / (√mean(min(r, 0)²) · √N)</c>; +∞ when no period return is negative.</summary>
    public double SortinoRatio { get; init; }
    /// <summary>Annual return / max drawdown (fraction); NaN when there is no drawdown.</summary>
    public double CalmarRatio { get; init; }
    /// <summary><c>Return − rf − β·(Buy &amp; Hold Return − rf)</c>, in percent.</summary>
    public double AlphaPercent { get; init; }
    /// <summary>Sample cov / var of the per-bar log returns of equity and of the close.</summary>
    public double Beta { get; init; }
    /// <summary>−max(1 − equity / running peak) × 100.</summary>
    public double MaxDrawdownPercent { get; init; }
    /// <summary>−mean(episode peak drawdowns) × 100.</summary>
    public double AvgDrawdownPercent { get; init; }
    /// <summary>Longest drawdown episode, rounded up to the data period's resolution; null (NaT) when none.</summary>
    public TimeSpan? MaxDrawdownDuration { get; init; }
    /// <summary>Mean drawdown episode, rounded up to the data period's resolution; null (NaT) when none.</summary>
    public TimeSpan? AvgDrawdownDuration { get; init; }
    /// <summary>Number of trades.</summary>
    public int TradeCount { get; init; }
    /// <summary>Share of trades with PnL &gt; 0, × 100; NaN with no trades.</summary>
    public double WinRatePercent { get; init; }
    /// <summary>Highest trade return × 100.</summary>
    public double BestTradePercent { get; init; }
    /// <summary>Lowest trade return × 100.</summary>
    public double WorstTradePercent { get; init; }
    /// <summary>Geometric mean trade return × 100 (0 when some return is ≤ −100 %).</summary>
    public double AvgTradePercent { get; init; }
    /// <summary>Longest trade, rounded up to the data period's resolution; null with no trades.</summary>
    public TimeSpan? MaxTradeDuration { get; init; }
    /// <summary>Mean trade duration, rounded up to the data period's resolution; null with no trades.</summary>
    public TimeSpan? AvgTradeDuration { get; init; }
    /// <summary>Σ positive trade returns / |Σ negative trade returns| (returns, not cash); NaN without losers.</summary>
    public double ProfitFactor { get; init; }
    /// <summary>Arithmetic mean trade return × 100.</summary>
    public double ExpectancyPercent { get; init; }
    /// <summary><c>√n · mean(PnL) / sd(PnL)</c>, ddof = 1; NaN when sd is 0 or undefined.</summary>
    public double Sqn { get; init; }
    /// <summary><c>W − (1 − W) / (mean winner PnL / mean loser |PnL|)</c>; NaN without winners or losers.</summary>
    public double KellyCriterion { get; init; }

    /// <summary>The data period: median of the last 99 bar-time differences.</summary>
    public TimeSpan DataPeriod { get; init; }
    /// <summary>N: 52 (weekly), 12 (monthly), 1 (yearly), else 365 with weekend bars, 252 without.</summary>
    public int AnnualTradingDays { get; init; }

    /// <summary>
    /// Computes the statistics from the per-bar equity and close and the trades, as backtesting.py does after a run.
    /// </summary>
    /// <param name="timeMs">Bar times (epoch ms UTC), strictly increasing; the equity, close and trades refer to these bars.</param>
    /// <param name="equity">Equity per bar (bar 0 = initial cash; backtesting.py back-fills the warm-up with it).</param>
    /// <param name="close">Close price per bar.</param>
    /// <param name="trades">The trades, with <see cref="TradeSample.Fees"/> = entry + exit commission,
    /// <see cref="TradeSample.Return"/> = the library's <c>ReturnPct</c> (a fraction).</param>
    /// <param name="warmupBars">w, the first bar on which every indicator is defined: the buy-and-hold base bar.</param>
    /// <param name="riskFreeRate">Annual risk-free rate in (−1, 1); the library's default is 0.</param>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="warmupBars"/> is outside the bars,
    /// <paramref name="riskFreeRate"/> outside (−1, 1), or a trade's bar range outside the bars.</exception>
    public static BacktestingPyStats Compute(
        ReadOnlySpan<long> timeMs, ReadOnlySpan<double> equity, ReadOnlySpan<double> close,
        ReadOnlySpan<TradeSample> trades, int warmupBars = 0, double riskFreeRate = 0)
    {
        int n = timeMs.Length;
        if (n == 0) throw new ArgumentException("At least one bar is needed.", nameof(timeMs));
        if (equity.Length != n) AnalysisThrow.LengthMismatch(nameof(equity), n, equity.Length);
        if (close.Length != n) AnalysisThrow.LengthMismatch(nameof(close), n, close.Length);
        if (warmupBars < 0 || warmupBars >= n) AnalysisThrow.OutOfRange(nameof(warmupBars), warmupBars, "The warm-up bar must be one of the bars.");
        if (!(riskFreeRate > -1 && riskFreeRate < 1)) AnalysisThrow.OutOfRange(nameof(riskFreeRate), riskFreeRate, "The risk-free rate must lie in (−1, 1).");

        long periodMs = DataPeriodMs(timeMs);
        long resolutionMs = CeilResolutionMs(periodMs);
        int annualDays = AnnualDays(timeMs, periodMs);
        long duration = timeMs[n - 1] - timeMs[0];

        double eq0 = equity[0], eqN = equity[n - 1], peak = double.NegativeInfinity, maxDd = 0;
        foreach (double e in equity)
        {
            if (e > peak) peak = e;
            double dd = 1 - e / peak;
            if (dd > maxDd) maxDd = dd;
        }
        var episodes = DrawdownEpisodes(timeMs, equity);

        PeriodReturns(timeMs, equity, periodMs, out double g, out double variance, out double downside);
        double annualReturn = Math.Pow(1 + g, annualDays) - 1;
        double volatility = Math.Sqrt(Math.Pow(variance + (1 + g) * (1 + g), annualDays) - Math.Pow(1 + g, 2 * annualDays)) * 100;
        double durationDays = duration / DayMs + duration % DayMs / 1000 / 86400.0;
        double years = durationDays / 365.25;
        double returnPercent = (eqN - eq0) / eq0 * 100;
        double buyHold = (close[n - 1] - close[warmupBars]) / close[warmupBars] * 100;
        double beta = LogReturnBeta(equity, close);

        var tradeStats = TradeStats(trades, n, resolutionMs);
        return new BacktestingPyStats
        {
            Start = DateTimeOffset.FromUnixTimeMilliseconds(timeMs[0]),
            End = DateTimeOffset.FromUnixTimeMilliseconds(timeMs[n - 1]),
            Duration = TimeSpan.FromMilliseconds(duration),
            ExposureTimePercent = TradeStatistics.ExposureOf(trades, n) * 100,
            EquityFinal = eqN,
            EquityPeak = peak,
            Commissions = tradeStats.Commissions,
            ReturnPercent = returnPercent,
            BuyAndHoldReturnPercent = buyHold,
            ReturnAnnualPercent = annualReturn * 100,
            VolatilityAnnualPercent = volatility,
            CagrPercent = years != 0 ? (Math.Pow(eqN / eq0, 1 / years) - 1) * 100 : double.NaN,
            SharpeRatio = (annualReturn * 100 - riskFreeRate * 100) / (volatility == 0 ? double.NaN : volatility),
            SortinoRatio = (annualReturn - riskFreeRate) / (Math.Sqrt(downside) * Math.Sqrt(annualDays)),
            CalmarRatio = annualReturn / (maxDd == 0 ? double.NaN : maxDd),
            AlphaPercent = returnPercent - riskFreeRate * 100 - beta * (buyHold - riskFreeRate * 100),
            Beta = beta,
            MaxDrawdownPercent = -maxDd * 100,
            AvgDrawdownPercent = -episodes.MeanPeak * 100,
            MaxDrawdownDuration = episodes.Count == 0 ? null : CeilTo(episodes.MaxDurationMs, resolutionMs),
            AvgDrawdownDuration = episodes.Count == 0 ? null : CeilTo(episodes.DurationMsSum, episodes.Count, resolutionMs),
            TradeCount = trades.Length,
            WinRatePercent = tradeStats.WinRate * 100,
            BestTradePercent = tradeStats.Best * 100,
            WorstTradePercent = tradeStats.Worst * 100,
            AvgTradePercent = tradeStats.GeometricMean * 100,
            MaxTradeDuration = tradeStats.MaxDuration,
            AvgTradeDuration = tradeStats.AvgDuration,
            ProfitFactor = tradeStats.ProfitFactor,
            ExpectancyPercent = tradeStats.MeanReturn * 100,
            Sqn = tradeStats.Sqn,
            KellyCriterion = tradeStats.Kelly,
            DataPeriod = TimeSpan.FromMilliseconds(periodMs),
            AnnualTradingDays = annualDays,
        };
    }

    /// <summary>
    /// The stats as (key, value) pairs in <see cref="KeyOrder"/>: numbers as <see cref="double"/> (the trade count
    /// as <see cref="int"/>), Start/End as <see cref="DateTimeOffset"/>, durations as <see cref="TimeSpan"/> or null
    /// for NaT. "Commissions [$]" is left out when the total is 0, as backtesting.py does.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, object?>> ToKeyValues()
    {
        var list = new List<KeyValuePair<string, object?>>(KeyOrder.Count);
        foreach (string key in KeyOrder)
        {
            if (key == "Commissions [$]" && Commissions == 0) continue;
            list.Add(new(key, ValueOf(key)));
        }
        return list;
    }

    private object? ValueOf(string key) => key switch
    {
        "Start" => Start,
        "End" => End,
        "Duration" => Duration,
        "Exposure Time [%]" => ExposureTimePercent,
        "Equity Final [$]" => EquityFinal,
        "Equity Peak [$]" => EquityPeak,
        "Commissions [$]" => Commissions,
        "Return [%]" => ReturnPercent,
        "Buy & Hold Return [%]" => BuyAndHoldReturnPercent,
        "Return (Ann.) [%]" => ReturnAnnualPercent,
        "Volatility (Ann.) [%]" => VolatilityAnnualPercent,
        "CAGR [%]" => CagrPercent,
        "Sharpe Ratio" => SharpeRatio,
        "Sortino Ratio" => SortinoRatio,
        "Calmar Ratio" => CalmarRatio,
        "Alpha [%]" => AlphaPercent,
        "Beta" => Beta,
        "Max. Drawdown [%]" => MaxDrawdownPercent,
        "Avg. Drawdown [%]" => AvgDrawdownPercent,
        "Max. Drawdown Duration" => MaxDrawdownDuration,
        "Avg. Drawdown Duration" => AvgDrawdownDuration,
        "# Trades" => TradeCount,
        "Win Rate [%]" => WinRatePercent,
        "Best Trade [%]" => BestTradePercent,
        "Worst Trade [%]" => WorstTradePercent,
        "Avg. Trade [%]" => AvgTradePercent,
        "Max. Trade Duration" => MaxTradeDuration,
        "Avg. Trade Duration" => AvgTradeDuration,
        "Profit Factor" => ProfitFactor,
        "Expectancy [%]" => ExpectancyPercent,
        "SQN" => Sqn,
        "Kelly Criterion" => KellyCriterion,
        _ => throw new KeyNotFoundException(key),
    };

    private const long DayMs = 86_400_000L;

    /// <summary>pandas: median of the differences of the last 100 timestamps (mean of the middle two when even).</summary>
    internal static long DataPeriodMs(ReadOnlySpan<long> timeMs)
    {
        var tail = timeMs[Math.Max(0, timeMs.Length - 100)..];
        if (tail.Length < 2) return 0;
        Span<long> diffs = stackalloc long[tail.Length - 1];
        for (int i = 1; i < tail.Length; i++) diffs[i - 1] = tail[i] - tail[i - 1];
        diffs.Sort();
        int m = diffs.Length;
        return m % 2 == 1 ? diffs[m / 2] : (diffs[m / 2 - 1] + diffs[m / 2]) / 2;
    }

    /// <summary>pandas <c>Timedelta.resolution_string</c>: the finest non-zero component of the period.</summary>
    internal static long CeilResolutionMs(long periodMs) =>
        periodMs % 1000 != 0 ? 1 : periodMs % 60_000 != 0 ? 1000 : periodMs % 3_600_000 != 0 ? 60_000 : periodMs % DayMs != 0 ? 3_600_000 : DayMs;

    private static int AnnualDays(ReadOnlySpan<long> timeMs, long periodMs)
    {
        long days = periodMs / DayMs;
        if (days == 7) return 52;
        if (days == 31) return 12;
        if (days == 365) return 1;
        int weekend = 0;
        foreach (long t in timeMs)
        {
            // 1970-01-01 was a Thursday: (days since the epoch + 3) mod 7 is 0 on Monday … 5 on Saturday, 6 on Sunday.
            long day = Math.DivRem(t, DayMs, out long rest) - (rest < 0 ? 1 : 0);
            long weekday = ((day + 3) % 7 + 7) % 7;
            if (weekday >= 5) weekend++;
        }
        return weekend / (double)timeMs.Length > 2.0 / 7 * .6 ? 365 : 252;
    }

    /// <summary>
    /// The calendar bucket of pandas' <c>resample</c>: days ('D', left-closed), else weeks ending Sunday ('W'),
    /// month ends or year ends, which pandas closes on the right (a bar at the bucket's last day 00:00 belongs to it).
    /// </summary>
    private static long BucketOf(long t, long periodMs)
    {
        long days = periodMs / DayMs;
        if (days is not (7 or 31 or 365)) return Math.DivRem(t, DayMs, out long r) - (r < 0 ? 1 : 0);
        var shifted = DateTimeOffset.FromUnixTimeMilliseconds(t + DayMs - 1);
        return days switch
        {
            7 => (long)Math.Floor((shifted.ToUnixTimeMilliseconds() - 4 * DayMs) / (7.0 * DayMs)),
            31 => shifted.Year * 12L + shifted.Month,
            _ => shifted.Year,
        };
    }

    /// <summary>
    /// Period returns of the equity's last value per calendar bucket (the first bucket only serves as the base):
    /// their geometric mean g (0 when some 1 + r ≤ 0, NaN when there is none), sample variance and mean(min(r, 0)²).
    /// </summary>
    private static void PeriodReturns(ReadOnlySpan<long> timeMs, ReadOnlySpan<double> equity, long periodMs,
        out double geometricMean, out double variance, out double meanSquaredLoss)
    {
        int n = timeMs.Length;
        double[] rented = ArrayPool<double>.Shared.Rent(n);
        try
        {
            int buckets = 0;
            for (int i = 0; i < n; i++)
            {
                bool lastOfBucket = i == n - 1 || BucketOf(timeMs[i + 1], periodMs) != BucketOf(timeMs[i], periodMs);
                if (lastOfBucket) rented[buckets++] = equity[i];
            }
            int m = buckets - 1;
            var r = rented.AsSpan(0, Math.Max(m, 0));
            for (int i = 0; i < m; i++) r[i] = rented[i + 1] / rented[i] - 1;
            double logSum = 0;
            bool nonPositive = false;
            foreach (double x in r)
            {
                if (1 + x <= 0) nonPositive = true;
                logSum += Math.Log(1 + x);
            }
            geometricMean = nonPositive ? 0 : m <= 0 ? double.NaN : Math.Exp(logSum / m) - 1;
            if (m == 0)
            {
                variance = meanSquaredLoss = double.NaN;
                return;
            }
            double mean = 0;
            foreach (double x in r) mean += x;
            mean /= m;
            double ss = 0, loss = 0;
            foreach (double x in r)
            {
                ss += (x - mean) * (x - mean);
                double l = Math.Min(x, 0);
                loss += l * l;
            }
            variance = m < 2 ? double.NaN : ss / (m - 1);
            meanSquaredLoss = loss / m;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>numpy <c>cov(x, y)[0, 1] / cov(x, y)[1, 1]</c> of the log returns of equity (x) and close (y).</summary>
    private static double LogReturnBeta(ReadOnlySpan<double> equity, ReadOnlySpan<double> close)
    {
        int m = equity.Length - 1;
        if (m < 2) return double.NaN;
        double[] rented = ArrayPool<double>.Shared.Rent(2 * m);
        try
        {
            var x = rented.AsSpan(0, m);
            var y = rented.AsSpan(m, m);
            Returns.Log(equity, x);
            Returns.Log(close, y);
            double mx = Moments.Mean(x), my = Moments.Mean(y), cxy = 0, cyy = 0;
            for (int i = 0; i < m; i++)
            {
                double dy = y[i] - my;
                cxy += (x[i] - mx) * dy;
                cyy += dy * dy;
            }
            return cxy / (m - 1) / (cyy / (m - 1));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    private readonly record struct Episodes(int Count, double MeanPeak, long MaxDurationMs, long DurationMsSum);

    /// <summary>
    /// backtesting.py's drawdown episodes: between consecutive bars of zero drawdown (plus the last bar) that are
    /// more than one bar apart; duration in calendar time, depth the peak drawdown in between. With no episode the
    /// mean depth is that of the non-zero drawdowns (NaN when none), as the library's fallback does.
    /// </summary>
    private static Episodes DrawdownEpisodes(ReadOnlySpan<long> timeMs, ReadOnlySpan<double> equity)
    {
        int n = equity.Length, count = 0, previous = -1, nonZero = 0;
        double peak = double.NegativeInfinity, depthSum = 0, episodePeak = 0, nonZeroSum = 0;
        long maxDuration = 0, durationSum = 0;
        for (int i = 0; i < n; i++)
        {
            if (equity[i] > peak) peak = equity[i];
            double dd = 1 - equity[i] / peak;
            if (dd != 0)
            {
                nonZero++;
                nonZeroSum += dd;
            }
            episodePeak = Math.Max(episodePeak, dd);
            bool boundary = dd == 0 || i == n - 1;
            if (!boundary) continue;
            if (previous >= 0 && i > previous + 1)
            {
                count++;
                depthSum += episodePeak;
                long d = timeMs[i] - timeMs[previous];
                durationSum += d;
                maxDuration = Math.Max(maxDuration, d);
            }
            previous = i;
            episodePeak = dd;
        }
        double meanPeak = count > 0 ? depthSum / count : nonZero > 0 ? nonZeroSum / nonZero : double.NaN;
        return new Episodes(count, meanPeak, maxDuration, durationSum);
    }

    private static TimeSpan CeilTo(long ms, long resolutionMs) => CeilTo(ms, 1, resolutionMs);

    /// <summary>pandas: the mean of the durations truncated to whole nanoseconds, then ceiled to the resolution.</summary>
    private static TimeSpan CeilTo(long sumMs, int count, long resolutionMs)
    {
        Int128 sumNs = (Int128)sumMs * 1_000_000;
        Int128 meanNs = sumNs / count;
        Int128 res = (Int128)resolutionMs * 1_000_000;
        Int128 ceiled = (meanNs + res - 1) / res * res;
        return TimeSpan.FromTicks((long)(ceiled / 100));
    }

    private readonly record struct TradeSummary(
        double Commissions, double WinRate, double Best, double Worst, double GeometricMean, TimeSpan? MaxDuration,
        TimeSpan? AvgDuration, double ProfitFactor, double MeanReturn, double Sqn, double Kelly);

    private static TradeSummary TradeStats(ReadOnlySpan<TradeSample> trades, int barCount, long resolutionMs)
    {
        int n = trades.Length, winners = 0, losers = 0;
        double fees = 0, best = double.NaN, worst = double.NaN, returnSum = 0, logSum = 0, posReturns = 0, negReturns = 0;
        double pnlSum = 0, winPnl = 0, lossPnl = 0;
        long maxDuration = 0, durationSum = 0;
        bool nonPositive = false;
        foreach (ref readonly var t in trades)
        {
            if (t.EntryBar < 0 || t.ExitBar < t.EntryBar || t.ExitBar >= barCount)
                AnalysisThrow.OutOfRange(nameof(trades), $"{t.EntryBar}..{t.ExitBar}", $"A trade's bar range must lie within the {barCount} bars.");
            fees += t.Fees;
            best = double.IsNaN(best) ? t.Return : Math.Max(best, t.Return);
            worst = double.IsNaN(worst) ? t.Return : Math.Min(worst, t.Return);
            returnSum += t.Return;
            if (1 + t.Return <= 0) nonPositive = true;
            logSum += Math.Log(1 + t.Return);
            if (t.Return > 0) posReturns += t.Return;
            else if (t.Return < 0) negReturns += t.Return;
            pnlSum += t.PnL;
            if (t.PnL > 0)
            {
                winners++;
                winPnl += t.PnL;
            }
            else if (t.PnL < 0)
            {
                losers++;
                lossPnl += t.PnL;
            }
            long d = t.ExitTimeMs - t.EntryTimeMs;
            durationSum += d;
            maxDuration = Math.Max(maxDuration, d);
        }
        double pnlMean = n == 0 ? double.NaN : pnlSum / n, ss = 0;
        foreach (ref readonly var t in trades) ss += (t.PnL - pnlMean) * (t.PnL - pnlMean);
        double sd = n < 2 ? double.NaN : Math.Sqrt(ss / (n - 1));
        double winRate = n == 0 ? double.NaN : winners / (double)n;
        double lossMagnitude = Math.Abs(negReturns);
        return new TradeSummary(
            fees,
            winRate,
            best,
            worst,
            n == 0 ? double.NaN : nonPositive ? 0 : Math.Exp(logSum / n) - 1,
            n == 0 ? null : CeilTo(maxDuration, resolutionMs),
            n == 0 ? null : CeilTo(durationSum, n, resolutionMs),
            posReturns / (lossMagnitude == 0 ? double.NaN : lossMagnitude),
            n == 0 ? double.NaN : returnSum / n,
            Math.Sqrt(n) * pnlMean / (sd == 0 ? double.NaN : sd),
            winRate - (1 - winRate) / ((winners == 0 ? double.NaN : winPnl / winners) / (losers == 0 ? double.NaN : -lossPnl / losers)));
    }
}
