using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Indicators.Smc;
using VectorBacktest.Strategies;

namespace VectorBacktest.Tests.Strategies;

public sealed class FairValueGapRetracementTests
{
    // Higher lows and higher highs (bullish BOS known at bar 21), a bullish gap on bar 16 (103.5..106), and a
    // retracement whose bar 23 is the first to touch the gap's top (low 105.3) and closes inside it (105.5).
    private static List<(double O, double H, double L, double C)> Rally()
    {
        var rows = ScenarioBars.Walk(3, 100, 96, 104, 99, 108, 103);
        rows.Add((103, 103.5, 102.6, 103.2));
        rows.Add((103.2, 110.5, 103, 110.3));
        rows.Add((110.3, 112, 106, 111.6));
        rows.AddRange(ScenarioBars.Walk(3, 111.6, 114, 105.5, 104.6, 112));
        return rows;
    }

    [Fact]
    public void A_retracement_into_a_bullish_gap_after_a_bullish_break_enters_long_with_the_stop_below_the_order_block()
    {
        var bars = ScenarioBars.Series(Rally());
        var signals = new FairValueGapRetracement(swingLength: 1, rewardRisk: 3).Generate(bars);
        Assert.Equal([23], Bars(signals.LongEntries));
        Assert.Empty(Bars(signals.ShortEntries));
        // The order block under the gap sits on bar 15 (low 102.6, stored as float32).
        Assert.Equal((double)102.6f, signals.StopLoss[23]);
        Assert.Equal(bars.Close[23] + 3 * (bars.Close[23] - (double)102.6f), signals.TakeProfit[23]);
        var inputs = signals.ToInputs();
        Assert.Equal(signals.StopLoss[23], inputs.StopLossPrice[23]);
        Assert.Equal(signals.TakeProfit[23], inputs.TakeProfitPrice[23]);
        Assert.True(inputs.Atr.IsEmpty);
        Assert.True(double.IsNaN(signals.StopLoss[22]) && double.IsNaN(signals.TakeProfit[22]));
    }

    [Fact]
    public void The_mirrored_decline_enters_short_with_the_stop_above_the_order_block()
    {
        var bars = ScenarioBars.Series(ScenarioBars.Mirror(Rally(), 220));
        var signals = new FairValueGapRetracement(swingLength: 1).Generate(bars);
        Assert.Equal([23], Bars(signals.ShortEntries));
        Assert.Empty(Bars(signals.LongEntries));
        Assert.True(signals.StopLoss[23] > bars.Close[23]);
        Assert.Equal(220 - 102.6, signals.StopLoss[23], 4);
        Assert.Empty(Bars(new FairValueGapRetracement(swingLength: 1, shorts: false).Generate(bars).LongEntries));
    }

    [Fact]
    public void A_gap_older_than_maxGapAge_is_not_traded()
    {
        var bars = ScenarioBars.Series(Rally());
        // The gap is known at bar 17 and touched at bar 23: six bars later.
        Assert.Equal([23], Bars(new FairValueGapRetracement(swingLength: 1, maxGapAge: 6).Generate(bars).LongEntries));
        Assert.Empty(Bars(new FairValueGapRetracement(swingLength: 1, maxGapAge: 5).Generate(bars).LongEntries));
    }

    [Fact]
    public void Entries_and_stops_equal_a_plain_reference_of_the_rule()
    {
        int fromBlock = 0, fromGap = 0;
        foreach (ulong seed in (ulong[])[3, 8, 21])
        {
            var bars = StrategyTestData.Synthetic(3000, "15m", seed);
            var strategy = new FairValueGapRetracement(swingLength: 4, stopBuffer: 0.001, maxGapAge: 40);
            var signals = strategy.Generate(bars);
            var (longs, shorts, stops, blockStops) = Reference(bars, strategy);
            Assert.Equal(longs, signals.LongEntries.ToArray());
            Assert.Equal(shorts, signals.ShortEntries.ToArray());
            Assert.Equal(stops, signals.StopLoss.ToArray());
            fromBlock += blockStops;
            fromGap += longs.Count(b => b) + shorts.Count(b => b) - blockStops;
        }
        Assert.True(fromBlock > 0 && fromGap > 0, $"{fromBlock} stops at order blocks, {fromGap} at gap edges");
    }

    [Fact]
    public void Signals_on_a_prefix_equal_the_first_rows_on_the_whole_series() =>
        StrategyTestData.AssertNoLookAhead(new FairValueGapRetracement(swingLength: 3), StrategyTestData.Synthetic(3000, "15m", 17), cuts: 20, seed: 3);

    [Fact]
    public void It_trades_on_the_bundled_sample()
    {
        var result = StrategyBacktest.Run(StrategyTestData.BundledSample15m, StrategyRegistry.Create("fvg-retracement"), new() { Fees = 0.001 });
        Assert.True(result.Trades.Count >= 20, $"{result.Trades.Count} trades");
        Assert.Contains(result.Trades, t => t.ExitReason == ExitReason.StopLoss);
        Assert.Contains(result.Trades, t => t.ExitReason == ExitReason.TakeProfit);
        Assert.Contains(result.Trades, t => t.Side == PositionSide.Short);
    }

    // The rule of the strategy's remarks, evaluated bar by bar from scratch.
    private static (bool[] Longs, bool[] Shorts, double[] Stops, int BlockStops) Reference(BarSeries bars, FairValueGapRetracement s)
    {
        int n = bars.Length;
        var swings = Swings.Find(bars, s.SwingLength);
        var breaks = StructureBreaks.Find(swings, bars.High, bars.Low, bars.Close);
        var gaps = FairValueGaps.Find(bars);
        var blocks = OrderBlocks.Find(bars.Open, bars.High, bars.Low, bars.Close, bars.Volume, swings);
        var longs = new bool[n];
        var shorts = new bool[n];
        var stops = Enumerable.Repeat(double.NaN, n).ToArray();
        int blockStops = 0;
        for (int t = 0; t < n; t++)
        {
            int direction = 0;
            for (int e = 0; e < breaks.Count; e++)
                if (breaks.KnownAt[e] <= t) direction = breaks.Bos[e] + breaks.Choch[e];
            if (direction == 0) continue;
            int gap = -1;
            for (int g = 0; g < gaps.Count; g++)
                if (gaps.MitigatedAt[g] == t && t - gaps.KnownAt[g] <= s.MaxGapAge && gaps.Direction[g] == direction) gap = g;
            if (gap < 0) continue;
            double close = bars.Close[t];
            double edge = direction > 0 ? gaps.Bottom[gap] : gaps.Top[gap];
            if (direction > 0 ? !(close > edge) : !(close < edge)) continue;
            int block = -1;
            for (int b = 0; b < blocks.Count; b++)
                if (blocks.KnownAt[b] <= t && blocks.Direction[b] == direction && (blocks.MitigatedAt[b] < 0 || blocks.MitigatedAt[b] > t)) block = b;
            double level = edge;
            if (block >= 0 && (direction > 0 ? blocks.Bottom[block] < close : blocks.Top[block] > close))
            {
                level = direction > 0 ? blocks.Bottom[block] : blocks.Top[block];
                blockStops++;
            }
            double stop = direction > 0 ? level * (1 - s.StopBuffer) : level * (1 + s.StopBuffer);
            if (direction > 0 ? !(stop > 0 && stop < close) : !(stop > close)) continue;
            (direction > 0 ? longs : shorts)[t] = true;
            stops[t] = stop;
        }
        return (longs, shorts, stops, blockStops);
    }

    private static int[] Bars(ReadOnlySpan<bool> column)
    {
        var list = new List<int>();
        for (int i = 0; i < column.Length; i++) if (column[i]) list.Add(i);
        return [.. list];
    }
}
