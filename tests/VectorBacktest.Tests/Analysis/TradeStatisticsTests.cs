using VectorBacktest.Analysis;
using static VectorBacktest.Tests.Analysis.AnalysisTestData;

namespace VectorBacktest.Tests.Analysis;

public class TradeStatisticsTests
{
    private const long H = 3_600_000;

    private static TradeSample Trade(int entry, int exit, double size, double pnl, double ret, double fees, bool open = false) =>
        new(entry, exit, entry * H, exit * H, size, 100, 100 * (1 + ret), fees, pnl, ret, open);

    private static readonly TradeSample[] Sample =
    [
        Trade(0, 2, 1, 100, 0.10, 2),
        Trade(3, 4, -1, -50, -0.05, 1),
        Trade(4, 6, 1, -20, -0.02, 1),
        Trade(8, 9, -1, 30, 0.03, 1),
        Trade(9, 9, 1, 5, 0.05, 0.5, open: true),
    ];

    [Fact]
    public void Hand_example()
    {
        var s = TradeStatistics.Compute(Sample, 10);
        Assert.Equal((5, 1, 4, 2, 2), (s.Count, s.OpenCount, s.ClosedCount, s.Winners, s.Losers));
        Assert.Equal(0.5, s.WinRate);
        Assert.Equal((0.10, -0.05), (s.BestReturn, s.WorstReturn));
        AssertClose(0.015, s.AverageReturn, 1e-14);
        AssertClose(0.065, s.AverageWinnerReturn, 1e-14);
        AssertClose(-0.035, s.AverageLoserReturn, 1e-14);
        Assert.Equal((65.0, -35.0, 60.0, 130.0, -70.0), (s.AverageWinnerPnL, s.AverageLoserPnL, s.TotalPnL, s.GrossProfit, s.GrossLoss));
        AssertClose(130.0 / 70, s.ProfitFactor, 1e-14);
        Assert.Equal(15.0, s.Expectancy);
        // PnL 100, −50, −20, 30: mean 15, Σd² = 12900 → sd = √4300; SQN = √4 · 15 / √4300.
        AssertClose(2 * 15 / Math.Sqrt(4300), s.Sqn, 1e-14);
        AssertClose(0.5 - 0.5 / (65.0 / 35), s.Kelly, 1e-14);
        Assert.Equal(TimeSpan.FromHours(1.5), s.AverageDuration);
        Assert.Equal(TimeSpan.FromHours(2), s.MaxDuration);
        Assert.Equal(1.5, s.AverageBars);
        // Bars 0–6, 8 and 9 are covered: 9 of 10.
        Assert.Equal(0.9, s.ExposureTime);
        Assert.Equal(5.5, s.FeesPaid);
        Assert.Equal((1, 2), (s.MaxConsecutiveWins, s.MaxConsecutiveLosses));
        Assert.Equal(new TradeSideStatistics(2, 0.5, 80, 0.04, 5), s.Long);
        Assert.Equal(2, s.Short.Count);
        AssertClose(-0.01, s.Short.AverageReturn, 1e-14);
        AssertClose(0.6, s.Short.ProfitFactor, 1e-14);
    }

    [Fact]
    public void No_trades()
    {
        var s = TradeStatistics.Compute([], 100);
        Assert.Equal(0, s.Count);
        Assert.True(double.IsNaN(s.WinRate) && double.IsNaN(s.ProfitFactor) && double.IsNaN(s.Sqn) && double.IsNaN(s.Kelly));
        Assert.True(double.IsNaN(s.BestReturn) && double.IsNaN(s.Expectancy) && double.IsNaN(s.AverageBars));
        Assert.Equal(0.0, s.ExposureTime);
        Assert.Equal(TimeSpan.Zero, s.MaxDuration);
        Assert.Equal(0, s.Long.Count);
        Assert.Equal(0.0, TradeStatistics.Compute([], 0).ExposureTime);
    }

    [Fact]
    public void All_losing_and_all_winning()
    {
        var losing = TradeStatistics.Compute([Trade(0, 1, 1, -10, -0.1, 0), Trade(2, 3, 1, -5, -0.05, 0)], 5);
        Assert.Equal(0.0, losing.WinRate);
        Assert.Equal(0.0, losing.ProfitFactor);
        Assert.True(double.IsNaN(losing.Kelly));
        Assert.Equal(2, losing.MaxConsecutiveLosses);
        var winning = TradeStatistics.Compute([Trade(0, 1, 1, 10, 0.1, 0), Trade(2, 3, 1, 10, 0.1, 0)], 5);
        Assert.Equal(double.PositiveInfinity, winning.ProfitFactor);
        Assert.True(double.IsNaN(winning.Sqn));
    }

    [Fact]
    public void Bad_ranges_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>("trades", () => TradeStatistics.Compute([Trade(3, 12, 1, 1, 0.01, 0)], 10));
        Assert.Throws<ArgumentOutOfRangeException>("barCount", () => TradeStatistics.Compute([], -1));
    }

    [Fact]
    public void Excursions_from_high_and_low()
    {
        double[] high = [103, 101, 108, 200], low = [98, 95, 99, 1];
        var longTrade = new TradeSample(0, 2, 0, 0, 2, 100, 105, 0, 10, 0.05);
        Assert.Equal(new TradeExcursion(95.0 / 100 - 1, 108.0 / 100 - 1), TradeExcursions.Compute(longTrade, high, low));
        var shortTrade = longTrade with { Size = -2 };
        Assert.Equal(new TradeExcursion(1 - 108.0 / 100, 1 - 95.0 / 100), TradeExcursions.Compute(shortTrade, high, low));
        var neverAdverse = new TradeSample(0, 0, 0, 0, 1, 90, 95, 0, 5, 0.05);
        Assert.Equal(0.0, TradeExcursions.Compute(neverAdverse, high, low).Mae);
        var all = new TradeExcursion[2];
        TradeExcursions.Compute([longTrade, shortTrade], high, low, all);
        Assert.Equal(TradeExcursions.Compute(shortTrade, high, low), all[1]);
        Assert.Throws<ArgumentOutOfRangeException>("trade", () => TradeExcursions.Compute(longTrade with { ExitBar = 4 }, high, low));
    }
}

public class TradeStatisticsPropertyTests
{
    [FsCheck.Xunit.Property(MaxTest = 150)]
    public void Random_trades_match_a_linq_reference(byte count, ulong seed)
    {
        var rng = new VectorBacktest.Data.SampleData.SplitMix64(seed);
        const int bars = 300;
        var trades = new TradeSample[count];
        for (int i = 0; i < count; i++)
        {
            int entry = (int)(rng.Next() % bars), exit = Math.Min(bars - 1, entry + (int)(rng.Next() % 20));
            double ret = Math.Round((rng.NextDouble() - 0.45) * 0.2, 3);
            double size = rng.Next() % 2 == 0 ? 1 : -1;
            trades[i] = new TradeSample(entry, exit, entry * 60_000L, exit * 60_000L, size, 100, 100, 0.1, ret * 1000, ret, rng.Next() % 10 == 0);
        }
        var s = TradeStatistics.Compute(trades, bars);
        var closed = trades.Where(t => !t.IsOpen).ToList();
        var pnl = closed.Select(t => t.PnL).ToList();
        double profit = pnl.Where(p => p > 0).Sum(), loss = pnl.Where(p => p < 0).Sum();
        Assert.Equal(closed.Count, s.ClosedCount);
        Assert.Equal(pnl.Count(p => p > 0), s.Winners);
        AssertClose(closed.Count == 0 ? double.NaN : pnl.Count(p => p > 0) / (double)closed.Count, s.WinRate);
        AssertClose(closed.Count == 0 ? double.NaN : closed.Average(t => t.Return), s.AverageReturn, 1e-12);
        AssertClose(loss < 0 ? profit / -loss : profit > 0 ? double.PositiveInfinity : double.NaN, s.ProfitFactor, 1e-12);
        double sd = ReferenceMetrics.Sd(pnl);
        AssertClose(sd > 0 ? Math.Sqrt(pnl.Count) * ReferenceMetrics.Mean(pnl) / sd : double.NaN, s.Sqn, 1e-10);
        var covered = new bool[bars];
        foreach (var t in trades) for (int b = t.EntryBar; b <= t.ExitBar; b++) covered[b] = true;
        AssertClose(covered.Count(c => c) / (double)bars, s.ExposureTime, 1e-15);
        int bestWin = 0, bestLoss = 0, w = 0, l = 0;
        foreach (double p in pnl)
        {
            w = p > 0 ? w + 1 : 0;
            l = p < 0 ? l + 1 : 0;
            bestWin = Math.Max(bestWin, w);
            bestLoss = Math.Max(bestLoss, l);
        }
        Assert.Equal((bestWin, bestLoss), (s.MaxConsecutiveWins, s.MaxConsecutiveLosses));
        Assert.Equal(closed.Count(t => t.IsLong), s.Long.Count);
        AssertClose(closed.Where(t => t.IsShort).Sum(t => t.PnL), s.Short.TotalPnL, 1e-12, 1e-9);
        AssertClose(trades.Sum(t => t.Fees), s.FeesPaid, 1e-12, 1e-12);
    }
}
