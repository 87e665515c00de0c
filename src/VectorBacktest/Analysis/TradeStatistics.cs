using System.Buffers;

namespace VectorBacktest.Analysis;

/// <summary>
/// Trade statistics of a backtest, computed by <see cref="Compute"/> from <see cref="TradeSample"/> records. Win,
/// loss, return, PnL and duration statistics use the <b>closed</b> trades only; <see cref="Count"/>,
/// <see cref="OpenCount"/>, <see cref="FeesPaid"/> and <see cref="ExposureTime"/> include open ones. A winner has
/// PnL &gt; 0 and a loser PnL &lt; 0 (net of fees); a trade with PnL exactly 0 is neither. Returns are fractions.
/// With no closed trades every ratio and average is NaN and every count 0.
/// </summary>
public sealed record TradeStatistics
{
    /// <summary>All trades, open ones included.</summary>
    public int Count { get; init; }
    /// <summary>Trades still open at the end (marked to market).</summary>
    public int OpenCount { get; init; }
    /// <summary>Closed trades.</summary>
    public int ClosedCount { get; init; }
    /// <summary>Closed trades with PnL &gt; 0.</summary>
    public int Winners { get; init; }
    /// <summary>Closed trades with PnL &lt; 0.</summary>
    public int Losers { get; init; }
    /// <summary>Winners / closed trades (NaN when none closed).</summary>
    public double WinRate { get; init; }
    /// <summary>Highest trade return (NaN when none).</summary>
    public double BestReturn { get; init; }
    /// <summary>Lowest trade return (NaN when none).</summary>
    public double WorstReturn { get; init; }
    /// <summary>Arithmetic mean trade return (NaN when none).</summary>
    public double AverageReturn { get; init; }
    /// <summary>Mean return of the winners (NaN when none).</summary>
    public double AverageWinnerReturn { get; init; }
    /// <summary>Mean return of the losers (NaN when none).</summary>
    public double AverageLoserReturn { get; init; }
    /// <summary>Mean PnL of the winners in cash (NaN when none).</summary>
    public double AverageWinnerPnL { get; init; }
    /// <summary>Mean PnL of the losers in cash, ≤ 0 (NaN when none).</summary>
    public double AverageLoserPnL { get; init; }
    /// <summary>Σ PnL of the closed trades.</summary>
    public double TotalPnL { get; init; }
    /// <summary>Σ PnL of the winners (≥ 0).</summary>
    public double GrossProfit { get; init; }
    /// <summary>Σ PnL of the losers (≤ 0).</summary>
    public double GrossLoss { get; init; }
    /// <summary>
    /// <see cref="GrossProfit"/> / |<see cref="GrossLoss"/>|: +∞ with winners but no losers, 0 with losers but no
    /// winners, NaN with neither.
    /// </summary>
    public double ProfitFactor { get; init; }
    /// <summary>Expected PnL per trade in cash: the mean PnL of the closed trades (NaN when none).</summary>
    public double Expectancy { get; init; }
    /// <summary>
    /// Van Tharp's system quality number <c>√N · mean(PnL) / sd(PnL)</c>, sd with ddof = 1. Fewer than 2 trades or
    /// sd = 0 → NaN.
    /// </summary>
    public double Sqn { get; init; }
    /// <summary>
    /// Kelly fraction <c>W − (1 − W) / R</c>, W the win rate and R = mean winner PnL / |mean loser PnL|
    /// (backtesting.py's form). No winners or no losers → NaN.
    /// </summary>
    public double Kelly { get; init; }
    /// <summary>Mean holding time (exit time − entry time); <see cref="TimeSpan.Zero"/> when none.</summary>
    public TimeSpan AverageDuration { get; init; }
    /// <summary>Longest holding time; <see cref="TimeSpan.Zero"/> when none.</summary>
    public TimeSpan MaxDuration { get; init; }
    /// <summary>Mean bars held (exit bar − entry bar); NaN when none.</summary>
    public double AverageBars { get; init; }
    /// <summary>
    /// Share of all bars covered by some trade's inclusive range <c>[EntryBar, ExitBar]</c>, in [0, 1]
    /// (backtesting.py's "Exposure Time"); 0 with no bars.
    /// </summary>
    public double ExposureTime { get; init; }
    /// <summary>Σ fees of all trades in cash.</summary>
    public double FeesPaid { get; init; }
    /// <summary>Longest run of consecutive winners, in the order given (a zero-PnL trade ends a run).</summary>
    public int MaxConsecutiveWins { get; init; }
    /// <summary>Longest run of consecutive losers, in the order given (a zero-PnL trade ends a run).</summary>
    public int MaxConsecutiveLosses { get; init; }
    /// <summary>Statistics of the closed long trades.</summary>
    public TradeSideStatistics Long { get; init; }
    /// <summary>Statistics of the closed short trades.</summary>
    public TradeSideStatistics Short { get; init; }

    /// <summary>Computes the statistics of <paramref name="trades"/> over a series of <paramref name="barCount"/> bars.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="barCount"/> is negative, or a trade's bar range
    /// is empty or not inside <c>[0, barCount)</c>.</exception>
    public static TradeStatistics Compute(ReadOnlySpan<TradeSample> trades, int barCount)
    {
        if (barCount < 0) AnalysisThrow.OutOfRange(nameof(barCount), barCount, "The bar count cannot be negative.");
        int closed = 0, open = 0, winners = 0, losers = 0, runWin = 0, runLoss = 0, maxWin = 0, maxLoss = 0;
        double best = double.NegativeInfinity, worst = double.PositiveInfinity, returnSum = 0, winReturn = 0, lossReturn = 0;
        double pnlSum = 0, grossProfit = 0, grossLoss = 0, fees = 0, barsSum = 0;
        long durationMsSum = 0, maxDurationMs = 0;
        SideAccumulator longs = default, shorts = default;
        foreach (ref readonly var t in trades)
        {
            if (t.EntryBar < 0 || t.ExitBar < t.EntryBar || t.ExitBar >= barCount)
                AnalysisThrow.OutOfRange(nameof(trades), $"{t.EntryBar}..{t.ExitBar}", $"A trade's bar range must lie within the {barCount} bars.");
            fees += t.Fees;
            if (t.IsOpen)
            {
                open++;
                continue;
            }
            closed++;
            returnSum += t.Return;
            pnlSum += t.PnL;
            barsSum += t.Bars;
            best = Math.Max(best, t.Return);
            worst = Math.Min(worst, t.Return);
            long durationMs = t.ExitTimeMs - t.EntryTimeMs;
            durationMsSum += durationMs;
            maxDurationMs = Math.Max(maxDurationMs, durationMs);
            if (t.PnL > 0)
            {
                winners++;
                grossProfit += t.PnL;
                winReturn += t.Return;
                runWin++;
                runLoss = 0;
            }
            else if (t.PnL < 0)
            {
                losers++;
                grossLoss += t.PnL;
                lossReturn += t.Return;
                runLoss++;
                runWin = 0;
            }
            else runWin = runLoss = 0;
            maxWin = Math.Max(maxWin, runWin);
            maxLoss = Math.Max(maxLoss, runLoss);
            if (t.IsLong) longs.Add(t);
            else if (t.IsShort) shorts.Add(t);
        }

        double pnlMean = closed == 0 ? double.NaN : pnlSum / closed, pnlSs = 0;
        foreach (ref readonly var t in trades)
            if (!t.IsOpen)
            {
                double d = t.PnL - pnlMean;
                pnlSs += d * d;
            }
        double pnlSd = closed < 2 ? double.NaN : Math.Sqrt(pnlSs / (closed - 1));
        double winRate = closed == 0 ? double.NaN : winners / (double)closed;
        double avgWinPnl = winners == 0 ? double.NaN : grossProfit / winners;
        double avgLossPnl = losers == 0 ? double.NaN : grossLoss / losers;

        return new TradeStatistics
        {
            Count = trades.Length,
            OpenCount = open,
            ClosedCount = closed,
            Winners = winners,
            Losers = losers,
            WinRate = winRate,
            BestReturn = closed == 0 ? double.NaN : best,
            WorstReturn = closed == 0 ? double.NaN : worst,
            AverageReturn = closed == 0 ? double.NaN : returnSum / closed,
            AverageWinnerReturn = winners == 0 ? double.NaN : winReturn / winners,
            AverageLoserReturn = losers == 0 ? double.NaN : lossReturn / losers,
            AverageWinnerPnL = avgWinPnl,
            AverageLoserPnL = avgLossPnl,
            TotalPnL = pnlSum,
            GrossProfit = grossProfit,
            GrossLoss = grossLoss,
            ProfitFactor = ProfitFactorOf(grossProfit, grossLoss),
            Expectancy = pnlMean,
            Sqn = pnlSd > 0 ? Math.Sqrt(closed) * pnlMean / pnlSd : double.NaN,
            Kelly = winRate - (1 - winRate) / (avgWinPnl / -avgLossPnl),
            AverageDuration = closed == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(durationMsSum / (double)closed),
            MaxDuration = TimeSpan.FromMilliseconds(maxDurationMs),
            AverageBars = closed == 0 ? double.NaN : barsSum / closed,
            ExposureTime = ExposureOf(trades, barCount),
            FeesPaid = fees,
            MaxConsecutiveWins = maxWin,
            MaxConsecutiveLosses = maxLoss,
            Long = longs.ToStatistics(),
            Short = shorts.ToStatistics(),
        };
    }

    internal static double ProfitFactorOf(double grossProfit, double grossLoss) =>
        grossLoss < 0 ? grossProfit / -grossLoss : grossProfit > 0 ? double.PositiveInfinity : double.NaN;

    /// <summary>Share of bars inside at least one trade's inclusive bar range; ranges must be valid.</summary>
    internal static double ExposureOf(ReadOnlySpan<TradeSample> trades, int barCount)
    {
        if (barCount == 0) return 0;
        // +1/−1 marks at range edges, then a running sum: O(bars + trades) and correct for overlapping trades.
        int[] marks = ArrayPool<int>.Shared.Rent(barCount + 1);
        try
        {
            Array.Clear(marks, 0, barCount + 1);
            foreach (ref readonly var t in trades)
            {
                marks[t.EntryBar]++;
                marks[t.ExitBar + 1]--;
            }
            int depth = 0, covered = 0;
            for (int i = 0; i < barCount; i++)
            {
                depth += marks[i];
                if (depth > 0) covered++;
            }
            return covered / (double)barCount;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(marks);
        }
    }

    private struct SideAccumulator
    {
        private int _count, _winners;
        private double _pnl, _return, _profit, _loss;

        public void Add(in TradeSample t)
        {
            _count++;
            _pnl += t.PnL;
            _return += t.Return;
            if (t.PnL > 0)
            {
                _winners++;
                _profit += t.PnL;
            }
            else if (t.PnL < 0) _loss += t.PnL;
        }

        public readonly TradeSideStatistics ToStatistics() => new(
            _count,
            _count == 0 ? double.NaN : _winners / (double)_count,
            _pnl,
            _count == 0 ? double.NaN : _return / _count,
            ProfitFactorOf(_profit, _loss));
    }
}
