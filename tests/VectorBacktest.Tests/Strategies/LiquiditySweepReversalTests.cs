using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Indicators.Smc;
using VectorBacktest.Portfolio;
using VectorBacktest.Strategies;
using Liquidity = VectorBacktest.Indicators.Smc.Liquidity;

namespace VectorBacktest.Tests.Strategies;

public sealed class LiquiditySweepReversalTests
{
    // Two equal lows (99.8 on bar 4, 99.85 on bar 12; the pool is known at bar 16), then bar 20 runs down to 98.5 and
    // closes back up at 103 (or, with closeAfterSweep = 99.5, below the pool).
    private static List<(double O, double H, double L, double C)> Sweep(double closeAfterSweep = 103)
    {
        var rows = ScenarioBars.Walk(4, 110, 100, 108, 100.05, 107, 104);
        rows.Add((104, 104.5, 98.5, closeAfterSweep));
        rows.AddRange(ScenarioBars.Walk(4, closeAfterSweep, 109));
        return rows;
    }

    [Fact]
    public void A_sweep_of_equal_lows_that_closes_back_above_enters_long_with_the_stop_below_the_sweep_low()
    {
        var bars = ScenarioBars.Series(Sweep());
        var signals = new LiquiditySweepReversal(swingLength: 1, rewardRisk: 1.5).Generate(bars);
        Assert.Equal([20], Bars(signals.LongEntries));
        Assert.Empty(Bars(signals.ShortEntries));
        Assert.Equal(98.5, signals.StopLoss[20]);
        Assert.Equal(103 + 1.5 * (103 - 98.5), signals.TakeProfit[20]);
        Assert.Equal(1.5, signals.RewardRisk);

        var withBuffer = new LiquiditySweepReversal(swingLength: 1, stopBuffer: 0.01).Generate(bars);
        Assert.Equal(98.5 * 0.99, withBuffer.StopLoss[20]);
    }

    [Fact]
    public void The_simulator_attaches_the_strategys_stop_and_target_prices_and_risk_sizes_from_the_stop()
    {
        var bars = ScenarioBars.Series(Sweep());
        var signals = new LiquiditySweepReversal(swingLength: 1, rewardRisk: 1.5).Generate(bars);
        var ws = new SimulationWorkspace();
        SignalSimulator.FromSignals(bars, signals.ToInputs(), new SimulationOptions { Sizing = OrderSizing.RiskFraction(0.01) }, ws);
        var trade = ws.Trades[0];
        // Decided on bar 20 (close 103), filled at bar 21's open: the levels are exactly the strategy's prices.
        Assert.Equal((21, 98.5, 103 + 1.5 * (103 - 98.5)), (trade.EntryBar, trade.StopLoss, trade.TakeProfit));
        Assert.Equal(0.01 * 10_000 / (bars.Open[21] - 98.5), trade.Quantity, 9);
        // The ATR column is free for volatility-target sizing next to the strategy's own stops.
        var atr = new double[bars.Length];
        Array.Fill(atr, 2.0);
        SignalSimulator.FromSignals(bars, signals.ToInputs(atr), new SimulationOptions { Sizing = OrderSizing.VolatilityTarget(0.01) }, ws);
        Assert.Equal((0.01 * 10_000 / 2.0, 98.5), (ws.Trades[0].Quantity, ws.Trades[0].StopLoss));
    }

    [Fact]
    public void A_sweep_that_closes_below_the_pool_is_a_breakdown_not_a_reversal()
    {
        var bars = ScenarioBars.Series(Sweep(closeAfterSweep: 99.5));
        var pools = Liquidity.Find(bars.High, bars.Low, Swings.Find(bars, 1), 0.01);
        Assert.Contains(20, pools.SweptAt.ToArray());
        Assert.Empty(Bars(new LiquiditySweepReversal(swingLength: 1).Generate(bars).LongEntries));
    }

    [Fact]
    public void The_mirrored_sweep_of_equal_highs_enters_short()
    {
        var bars = ScenarioBars.Series(ScenarioBars.Mirror(Sweep(), 220));
        var signals = new LiquiditySweepReversal(swingLength: 1).Generate(bars);
        Assert.Equal([20], Bars(signals.ShortEntries));
        Assert.Equal(220 - 98.5, signals.StopLoss[20], 9);
        Assert.True(new LiquiditySweepReversal(swingLength: 1, shorts: false).Generate(bars).ShortEntries.IsEmpty);
    }

    [Fact]
    public void Entries_and_stops_equal_a_plain_reference_of_the_rule()
    {
        int entries = 0;
        foreach (ulong seed in (ulong[])[4, 9, 30])
        {
            var bars = StrategyTestData.Synthetic(3000, "15m", seed);
            var strategy = new LiquiditySweepReversal(swingLength: 3, rangePercent: 0.02, stopBuffer: 0.0005);
            var signals = strategy.Generate(bars);
            var (longs, shorts, stops) = Reference(bars, strategy);
            Assert.Equal(longs, signals.LongEntries.ToArray());
            Assert.Equal(shorts, signals.ShortEntries.ToArray());
            Assert.Equal(stops, signals.StopLoss.ToArray());
            entries += longs.Count(b => b) + shorts.Count(b => b);
        }
        Assert.True(entries >= 10, $"{entries} entries");
    }

    [Fact]
    public void Signals_on_a_prefix_equal_the_first_rows_on_the_whole_series() =>
        StrategyTestData.AssertNoLookAhead(new LiquiditySweepReversal(swingLength: 3), StrategyTestData.Synthetic(3000, "15m", 23), cuts: 20, seed: 4);

    [Fact]
    public void It_trades_on_the_bundled_sample()
    {
        var result = StrategyBacktest.Run(StrategyTestData.BundledSample15m, StrategyRegistry.Create("liquidity-sweep"), new() { Fees = 0.001 });
        Assert.True(result.Trades.Count >= 10, $"{result.Trades.Count} trades");
        Assert.Contains(result.Trades, t => t.ExitReason == ExitReason.StopLoss);
        Assert.Contains(result.Trades, t => t.ExitReason == ExitReason.TakeProfit);
    }

    // The rule of the strategy's remarks, evaluated bar by bar from scratch.
    private static (bool[] Longs, bool[] Shorts, double[] Stops) Reference(BarSeries bars, LiquiditySweepReversal s)
    {
        int n = bars.Length;
        var pools = Liquidity.Find(bars.High, bars.Low, Swings.Find(bars, s.SwingLength), s.RangePercent);
        var longs = new bool[n];
        var shorts = new bool[n];
        var stops = Enumerable.Repeat(double.NaN, n).ToArray();
        for (int t = 0; t < n; t++)
        {
            var swept = Enumerable.Range(0, pools.Count).Where(v => pools.SweptAt[v] == t && pools.KnownAt[v] <= t).ToArray();
            var lows = swept.Where(v => pools.Direction[v] < 0).Select(v => pools.Level[v]).ToArray();
            var highs = swept.Where(v => pools.Direction[v] > 0).Select(v => pools.Level[v]).ToArray();
            if ((lows.Length > 0) == (highs.Length > 0)) continue;
            double close = bars.Close[t];
            if (lows.Length > 0 && close > lows.Max() && bars.Low[t] * (1 - s.StopBuffer) < close)
            {
                longs[t] = true;
                stops[t] = bars.Low[t] * (1 - s.StopBuffer);
            }
            else if (highs.Length > 0 && close < highs.Min() && bars.High[t] * (1 + s.StopBuffer) > close)
            {
                shorts[t] = true;
                stops[t] = bars.High[t] * (1 + s.StopBuffer);
            }
        }
        return (longs, shorts, stops);
    }

    private static int[] Bars(ReadOnlySpan<bool> column)
    {
        var list = new List<int>();
        for (int i = 0; i < column.Length; i++) if (column[i]) list.Add(i);
        return [.. list];
    }
}
