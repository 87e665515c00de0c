using VectorBacktest.Data;
using VectorBacktest.Data.Alignment;
using VectorBacktest.Data.Resampling;
using VectorBacktest.Indicators.Smc;
using VectorBacktest.Execution;
using VectorBacktest.Strategies;

namespace VectorBacktest.Tests.Strategies;

public sealed class BreakOfStructureContinuationTests
{
    private static readonly Timeframe Hour = Timeframe.Parse("1h");

    // A staircase: a slow wave (period 64 bars) and a fast wave (period 8 bars) on a drift, so both timeframes form
    // higher highs and higher lows (or lower ones for a negative drift).
    internal static BarSeries Staircase(int n, double drift)
    {
        var t = new long[n]; var o = new double[n]; var h = new double[n]; var l = new double[n]; var c = new double[n]; var v = new double[n];
        double Price(double i) => 3000 + drift * i + 40 * Math.Sin(2 * Math.PI * i / 64) + 8 * Math.Sin(2 * Math.PI * i / 8);
        for (int i = 0; i < n; i++)
        {
            t[i] = 1_700_000_000_000L - 1_700_000_000_000L % 3_600_000 + i * 900_000L;
            o[i] = Price(i);
            c[i] = Price(i + 1);
            h[i] = Math.Max(o[i], c[i]) + 0.5;
            l[i] = Math.Min(o[i], c[i]) - 0.5;
            v[i] = 1;
        }
        return BarSeries.FromArrays("STAIRS", Timeframe.Parse("15m"), t, o, h, l, c, v);
    }

    [Fact]
    public void A_rising_staircase_enters_long_on_bullish_breaks_with_the_stop_at_the_last_swing_low()
    {
        var bars = Staircase(1600, drift: 1.0);
        var strategy = new BreakOfStructureContinuation(Hour, higherSwingLength: 2, swingLength: 2, rewardRisk: 1.5);
        var signals = strategy.Generate(bars);
        Assert.True(StrategyTestData.Count(signals.LongEntries) >= 5);
        Assert.Equal(0, StrategyTestData.Count(signals.ShortEntries));

        var swings = Swings.Find(bars, 2);
        var breaks = StructureBreaks.Find(swings, bars.High, bars.Low, bars.Close);
        for (int t = 0; t < bars.Length; t++)
        {
            if (!signals.LongEntries[t]) continue;
            int e = breaks.KnownAt.IndexOf(t);
            Assert.True(e >= 0 && breaks.Bos[e] == 1, $"bar {t} has no bullish BOS known at it");
            double lastLow = double.NaN;
            for (int s = 0; s < swings.Count && swings.KnownAt[s] <= t; s++)
                if (swings.HighLow[s] < 0) lastLow = swings.Level[s];
            Assert.Equal(lastLow, signals.StopLoss[t]);
            Assert.Equal(bars.Close[t] + 1.5 * (bars.Close[t] - lastLow), signals.TakeProfit[t]);
        }
        Assert.Equal(1.5, signals.RewardRisk);
    }

    [Fact]
    public void A_falling_staircase_enters_short_only_when_shorts_are_allowed()
    {
        var bars = Staircase(1600, drift: -1.0);
        var signals = new BreakOfStructureContinuation(Hour, 2, 2).Generate(bars);
        Assert.True(StrategyTestData.Count(signals.ShortEntries) >= 5);
        Assert.Equal(0, StrategyTestData.Count(signals.LongEntries));
        for (int t = 0; t < bars.Length; t++)
            if (signals.ShortEntries[t]) Assert.True(signals.StopLoss[t] > bars.Close[t]);

        var longOnly = new BreakOfStructureContinuation(Hour, 2, 2, shorts: false).Generate(bars);
        Assert.Equal(0, StrategyTestData.Count(longOnly.LongEntries));
        Assert.True(longOnly.ShortEntries.IsEmpty);
    }

    [Fact]
    public void No_entry_before_the_first_higher_timeframe_break_is_visible()
    {
        var bars = Staircase(1600, drift: 1.0);
        var signals = new BreakOfStructureContinuation(Hour, 2, 2).Generate(bars);
        var higher = Resampler.Resample(bars, Hour).Bars;
        int firstKnown = StructureBreaks.Find(higher, 2).KnownAt[0];
        var map = TimeframeAlignment.Map(bars, higher, HigherBarVisibility.AtLowerBarClose);
        int firstVisible = Array.FindIndex(map, k => k >= firstKnown);
        Assert.True(firstVisible > 0);
        Assert.Equal(-1, signals.LongEntries[..firstVisible].IndexOf(true));
        Assert.True(signals.LongEntries[firstVisible..].IndexOf(true) >= 0);
        // The higher bar is visible on the traded bar closing with it, never earlier.
        Assert.True(bars.Time[firstVisible] + bars.Timeframe.Milliseconds >= higher.Time[firstKnown] + Hour.Milliseconds);
    }

    [Fact]
    public void Signals_on_a_prefix_equal_the_first_rows_on_the_whole_series() =>
        StrategyTestData.AssertNoLookAhead(new BreakOfStructureContinuation(Hour, 2, 3), StrategyTestData.Synthetic(4000, "15m", 11), cuts: 20, seed: 2);

    [Fact]
    public void It_trades_on_the_bundled_sample()
    {
        var result = StrategyBacktest.Run(StrategyTestData.BundledSample15m, StrategyRegistry.Create("bos-continuation"), new());
        Assert.True(result.Trades.Count >= 10, $"{result.Trades.Count} trades");
        Assert.Contains(result.Trades, t => t.ExitReason == ExitReason.StopLoss);
        Assert.Contains(result.Trades, t => t.ExitReason == ExitReason.TakeProfit);
    }

    [Fact]
    public void The_higher_timeframe_must_be_longer_than_the_bars()
    {
        var e = Assert.Throws<ArgumentException>(() => new BreakOfStructureContinuation(Timeframe.Parse("15m")).Generate(Staircase(100, 1)));
        Assert.Equal("higherTimeframe", e.ParamName);
        Assert.Throws<ArgumentException>(() => new BreakOfStructureContinuation(Timeframe.Parse("20m")).Generate(Staircase(100, 1)));
    }
}
