using FsCheck;
using FsCheck.Fluent;
using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;

namespace VectorBacktest.Tests.Portfolio;

/// <summary>Liquidity limits on the entries of the signal drivers; every case runs both drivers and requires identical records.</summary>
public class SignalLiquidityTests
{
    private struct Replay(bool[] le, bool[] lx) : IBarStrategy
    {
        public void OnBar(ref StrategyContext context)
        {
            if (le[context.Bar]) context.EnterLong();
            if (lx[context.Bar]) context.ExitLong();
        }
    }

    private static (OrderRecord[] Orders, TradeRecord[] Trades) Run(BarSeries bars, bool[] le, bool[] lx, SimulationOptions options)
    {
        var vectorWs = new SimulationWorkspace();
        var eventWs = new SimulationWorkspace();
        var fee = new FractionFee(0.001);
        var slippage = new FixedFractionSlippage(0.0005);
        var vector = SignalSimulator.FromSignals(bars, new SignalInputs(le, lx), options, default(PessimisticFillModel), fee, slippage, vectorWs);
        var strategy = new Replay(le, lx);
        var events = EventDrivenSimulator.Run(bars, ref strategy, options, default(PessimisticFillModel), fee, slippage, eventWs);
        Assert.Equal(vector, events);
        Assert.Equal(vectorWs.Orders.ToArray(), eventWs.Orders.ToArray());
        Assert.Equal(vectorWs.Trades.ToArray(), eventWs.Trades.ToArray());
        return (vectorWs.Orders.ToArray(), vectorWs.Trades.ToArray());
    }

    private static BarSeries WithVolume(BarSeries bars, double[] volume) =>
        BarSeries.FromArrays("TEST", null, bars.Time.ToArray(), bars.Open.ToArray(), bars.High.ToArray(), bars.Low.ToArray(),
            bars.Close.ToArray(), volume);

    [Fact]
    public void Volume_share_cuts_the_entry_and_the_stop_loss_closes_the_filled_quantity()
    {
        // Volume 1000, share 1 %: 10 of the ~100 units all-cash sizing asks for; the stop at −5 % closes those 10.
        var bars = TestBars.From((10, 10, 10, 10), (10, 10, 10, 10), (10, 10, 9, 9), (9, 9, 9, 9));
        var options = new SimulationOptions
        {
            InitialCash = 1000, Liquidity = new LiquidityLimits { MaxVolumeShare = 0.01 },
            Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.05) },
        };
        var (orders, trades) = Run(bars, TestBars.At(4, 0), new bool[4], options);
        Assert.Equal((OrderStatus.Partial, 10.0), (orders[0].Status, orders[0].Quantity));
        Assert.True(orders[0].RequestedQuantity > 99);
        var trade = Assert.Single(trades);
        Assert.Equal((10.0, ExitReason.StopLoss), (trade.Quantity, trade.ExitReason));
        Assert.Equal((10.0, OrderStatus.Filled), (orders[1].Quantity, orders[1].Status));
    }

    [Fact]
    public void Zero_volume_rejects_the_entry_with_no_liquidity()
    {
        var bars = WithVolume(TestBars.Flat(3, 10), [1000, 0, 1000]);
        var options = new SimulationOptions { InitialCash = 1000, Liquidity = new LiquidityLimits { MaxVolumeShare = 0.5 } };
        var (orders, _) = Run(bars, TestBars.At(3, 0), new bool[3], options);
        Assert.Equal((OrderStatus.Rejected, RejectReason.NoLiquidity), (Assert.Single(orders).Status, orders[0].RejectReason));
    }

    [Fact]
    public void Depth_walk_fills_at_the_average_of_the_levels_taken_without_slippage()
    {
        // Bar 1's asks: 5 @ 10, 5 @ 11, then nothing: a quantity order of 8 takes 5 @ 10 + 3 @ 11.
        var bars = TestBars.Flat(3, 10);
        double[] bid = [9, 0, 9, 0, 9, 0], bidQ = [100, 0, 100, 0, 100, 0], ask = [10, 11, 10, 11, 10, 11], askQ = [5, 5, 5, 5, 5, 5];
        var depth = new OrderBookDepth(2, bid, bidQ, ask, askQ);
        var options = new SimulationOptions
        {
            InitialCash = 1000, Sizing = OrderSizing.Quantity(8), Liquidity = new LiquidityLimits { Depth = depth },
        };
        var (orders, _) = Run(bars, TestBars.At(3, 0), new bool[3], options);
        Assert.Equal((OrderStatus.Filled, 8.0), (orders[0].Status, orders[0].Quantity));
        Assert.Equal((5 * 10.0 + 3 * 11.0) / 8, orders[0].Price, 12);
        // Twelve units: the book holds ten.
        var (cut, _) = Run(bars, TestBars.At(3, 0), new bool[3], options with { Sizing = OrderSizing.Quantity(12) });
        Assert.Equal((OrderStatus.Partial, 10.0, 12.0), (cut[0].Status, cut[0].Quantity, cut[0].RequestedQuantity));
        Assert.Equal(10.5, cut[0].Price, 12);
    }

    [Fact]
    public void Carry_with_leverage_is_rejected_naming_the_options()
    {
        var options = new SimulationOptions
        {
            Leverage = 2, Liquidity = new LiquidityLimits { MaxVolumeShare = 0.1, Remainder = RemainderPolicy.Carry },
        };
        var error = Assert.Throws<ArgumentException>(() =>
            SignalSimulator.FromSignals(TestBars.Flat(3, 10), new SignalInputs(new bool[3], new bool[3]), options, new SimulationWorkspace()));
        Assert.Equal("options", error.ParamName);
        Assert.Contains("Carry", error.Message);
    }

    [Theory]
    [InlineData(FillTiming.NextOpen)]
    [InlineData(FillTiming.SignalClose)]
    public void Carried_remainders_fill_on_the_following_bars_entry_and_exit_alike(FillTiming timing)
    {
        // 25 units at 10 units a bar (1 % of 1000): 10, then 10 and 5 on the next two bars' default prices; the exit likewise.
        var bars = TestBars.Flat(10, 10);
        var options = new SimulationOptions
        {
            InitialCash = 1000, Timing = timing, Sizing = OrderSizing.Quantity(25),
            Liquidity = new LiquidityLimits { MaxVolumeShare = 0.01, Remainder = RemainderPolicy.Carry },
        };
        var (orders, trades) = Run(bars, TestBars.At(10, 0), TestBars.At(10, 5), options);
        Assert.Equal([10.0, 10.0, 5.0, 10.0, 10.0, 5.0], orders.Select(o => o.Quantity));
        Assert.Equal([OrderStatus.Partial, OrderStatus.Partial, OrderStatus.Filled, OrderStatus.Partial, OrderStatus.Partial, OrderStatus.Filled],
            orders.Select(o => o.Status));
        Assert.Equal(25.0, orders[2].PositionAfter);
        Assert.Equal([25.0, 15.0, 0.0], orders[3..].Select(o => o.RequestedQuantity));
        Assert.Equal([15.0, 5.0, 0.0], orders[3..].Select(o => o.PositionAfter));
        Assert.Equal([10.0, 10.0, 5.0], trades.Select(t => t.Quantity));
        Assert.All(trades, t => Assert.Equal(ExitReason.Signal, t.ExitReason));
    }

    [Fact]
    public void Carried_remainder_is_cancelled_when_its_position_closes_and_ends_with_the_data()
    {
        var bars = TestBars.Flat(6, 10);
        var options = new SimulationOptions
        {
            InitialCash = 1000, Sizing = OrderSizing.Quantity(50),
            Liquidity = new LiquidityLimits { MaxVolumeShare = 0.01, Remainder = RemainderPolicy.Carry },
        };
        // Entry filled 10 on bar 1; the exit decided on bar 1 closes at bar 2's open, before the carry works.
        var (orders, _) = Run(bars, TestBars.At(6, 0), TestBars.At(6, 1), options);
        Assert.Equal((OrderStatus.Partial, 10.0), (orders[0].Status, orders[0].Quantity));
        Assert.Equal((ExitReason.Signal, 10.0), (orders[1].Reason, orders[1].Quantity));
        Assert.Equal((OrderStatus.Rejected, RejectReason.Cancelled, 40.0), (orders[2].Status, orders[2].RejectReason, orders[2].Quantity));
        // 70 held to the end: 10 on each of bars 1–5, the remaining 20 is EndOfData.
        var (held, _) = Run(bars, TestBars.At(6, 0), new bool[6], options with { Sizing = OrderSizing.Quantity(70) });
        Assert.Equal((RejectReason.EndOfData, 20.0), (held[^1].RejectReason, held[^1].Quantity));
        Assert.Equal(50.0, held[^2].PositionAfter);
    }

    [Fact]
    public void Depth_not_covering_the_bars_throws_naming_it()
    {
        var depth = new OrderBookDepth(1, [9.0], [1.0], [10.0], [1.0]);
        var options = new SimulationOptions { Liquidity = new LiquidityLimits { Depth = depth } };
        var error = Assert.Throws<ArgumentException>(() =>
            SignalSimulator.FromSignals(TestBars.Flat(3, 10), new SignalInputs(new bool[3], new bool[3]), options, new SimulationWorkspace()));
        Assert.Equal("Depth", error.ParamName);
    }

    // Reference: every entry fills min(quantity the unlimited sizing asks for, share × volume rounded down to the step), every
    // exit min(position held, that cap), and a run whose cap never binds equals the run without it.
    private static bool CapHolds(int n, int seed)
    {
        var rng = new Random(seed);
        var raw = TestBars.Random(n, seed);
        var volume = new double[n];
        for (int i = 0; i < n; i++) volume[i] = rng.Next(5) == 0 ? 0 : rng.NextDouble() * 2000;
        var bars = WithVolume(raw, volume);
        var le = new bool[n]; var lx = new bool[n];
        for (int i = 0; i < n; i++) { le[i] = rng.Next(4) == 0; lx[i] = rng.Next(4) == 0; }
        double share = 0.001 + rng.NextDouble() * 0.2;
        var options = new SimulationOptions
        {
            InitialCash = 1000 + rng.Next(10_000), Timing = rng.Next(2) == 0 ? FillTiming.NextOpen : FillTiming.SignalClose,
            Lots = rng.Next(2) == 0 ? default : new LotRules { QuantityStep = 0.01 },
            Liquidity = new LiquidityLimits { MaxVolumeShare = share },
        };
        var (orders, _) = Run(bars, le, lx, options);
        foreach (var o in orders)
        {
            if (o.Status == OrderStatus.Rejected && o.RejectReason != RejectReason.NoLiquidity) continue;
            double cap = options.Lots.RoundDown(share * volume[o.Bar]);
            if (o.Status == OrderStatus.Rejected) { if (cap > 0) return false; continue; }
            if (o.Quantity > cap) return false;
            if (o.Status == OrderStatus.Partial && (o.Quantity != cap || !(o.RequestedQuantity > cap))) return false;
            if (!o.IsEntry && o.Status == OrderStatus.Partial && o.PositionAfter != o.RequestedQuantity - o.Quantity) return false;
        }
        var loose = options with { Liquidity = new LiquidityLimits { MaxVolumeShare = 1 } };
        var huge = WithVolume(raw, Enumerable.Repeat(1e12, n).ToArray());
        var plain = Run(huge, le, lx, options with { Liquidity = default });
        var capped = Run(huge, le, lx, loose);
        return plain.Orders.SequenceEqual(capped.Orders) && plain.Trades.SequenceEqual(capped.Trades);
    }

    [Fact]
    public void Volume_cap_equals_the_reference_on_random_data()
    {
        Prop.ForAll(Gen.Choose(0, 200).ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(), CapHolds)
            .Check(Config.QuickThrowOnFailure.WithQuietOnSuccess(true).WithMaxTest(100));
    }
}
