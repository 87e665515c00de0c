using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;
using VectorBacktest.Portfolio.MultiAsset;

namespace VectorBacktest.Tests.Portfolio;

/// <summary>Risk limits on the single-asset signal drivers; every case runs both drivers and requires identical records.</summary>
public class RiskLimitTests
{
    private const long Midnight = 1_700_006_400_000L; // 2023-11-15T00:00:00Z
    private const long Hour = 3_600_000L;

    private struct Replay(bool[] le, bool[] lx) : IBarStrategy
    {
        public void OnBar(ref StrategyContext context)
        {
            if (le[context.Bar]) context.EnterLong();
            if (lx[context.Bar]) context.ExitLong();
        }
    }

    // Hourly bars from midnight UTC, each at one price (open = high = low = close).
    private static BarSeries Hourly(params double[] prices)
    {
        int n = prices.Length;
        var t = new long[n]; var v = new double[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = Midnight + i * Hour;
            v[i] = 1000;
        }
        return BarSeries.FromArrays("TEST", null, t, prices, prices, prices, prices, v);
    }

    private static OrderRecord[] Run(BarSeries bars, bool[] le, bool[] lx, SimulationOptions options)
    {
        var vectorWs = new SimulationWorkspace();
        var eventWs = new SimulationWorkspace();
        var vector = SignalSimulator.FromSignals(bars, new SignalInputs(le, lx), options, vectorWs);
        var strategy = new Replay(le, lx);
        var events = EventDrivenSimulator.Run(bars, ref strategy, options, default(PessimisticFillModel), default(NoFee), default(NoSlippage), eventWs);
        Assert.Equal(vector, events);
        Assert.Equal(vectorWs.Orders.ToArray(), eventWs.Orders.ToArray());
        Assert.Equal(vectorWs.Trades.ToArray(), eventWs.Trades.ToArray());
        return vectorWs.Orders.ToArray();
    }

    private static SimulationOptions With(RiskLimits risk, FillTiming timing = FillTiming.NextOpen) =>
        new() { InitialCash = 1000, Timing = timing, Risk = risk };

    [Fact]
    public void Max_position_quantity_cuts_the_entry_and_records_a_partial_fill()
    {
        var bars = Hourly(10, 10, 10, 10);
        var orders = Run(bars, TestBars.At(4, 0), new bool[4], With(new RiskLimits { MaxPositionQuantity = 30 }));
        var entry = Assert.Single(orders);
        Assert.Equal((OrderStatus.Partial, 30.0, 100.0), (entry.Status, entry.Quantity, entry.RequestedQuantity));
    }

    [Fact]
    public void Position_cap_below_the_lot_step_rejects_with_its_reason()
    {
        var bars = Hourly(10, 10, 10, 10);
        var options = With(new RiskLimits { MaxPositionQuantity = 0.5 }) with { Lots = new LotRules { QuantityStep = 1 } };
        var entry = Assert.Single(Run(bars, TestBars.At(4, 0), new bool[4], options));
        Assert.Equal((OrderStatus.Rejected, RejectReason.PositionLimit), (entry.Status, entry.RejectReason));
    }

    [Fact]
    public void Exposure_caps_bound_the_notional_as_a_fraction_of_equity()
    {
        var bars = Hourly(10, 10, 10, 10);
        var asset = Assert.Single(Run(bars, TestBars.At(4, 0), new bool[4], With(new RiskLimits { MaxAssetExposure = 0.5, MaxTotalExposure = 0.8 })));
        Assert.Equal((OrderStatus.Partial, 50.0), (asset.Status, asset.Quantity));
        // With leverage 5 all-cash sizing buys 500 units; a 2x exposure cap leaves 200.
        var levered = With(new RiskLimits { MaxTotalExposure = 2 }) with { Leverage = 5 };
        var total = Assert.Single(Run(bars, TestBars.At(4, 0), new bool[4], levered));
        Assert.Equal((OrderStatus.Partial, 200.0, 500.0), (total.Status, total.Quantity, total.RequestedQuantity));
    }

    [Fact]
    public void Exposure_cap_that_leaves_nothing_rejects_with_exposure_limit()
    {
        var bars = Hourly(10, 10, 10, 10);
        var options = With(new RiskLimits { MaxAssetExposure = 0.001 }) with { Lots = new LotRules { QuantityStep = 1 } };
        var entry = Assert.Single(Run(bars, TestBars.At(4, 0), new bool[4], options));
        Assert.Equal(RejectReason.ExposureLimit, entry.RejectReason);
    }

    [Fact]
    public void Daily_loss_limit_blocks_entries_for_the_rest_of_the_utc_day_only()
    {
        // Long from bar 1 at 100; bar 3 closes at 90 (−10 % of the day's start); exit at bar 5; a re-entry filling at bar 7
        // (same day) is rejected, one filling at bar 24 (next day) fills.
        var prices = new double[30];
        Array.Fill(prices, 100);
        for (int i = 3; i < 30; i++) prices[i] = 90;
        var le = TestBars.At(30, 0, 6, 23);
        var lx = TestBars.At(30, 4, 25);
        var orders = Run(Hourly(prices), le, lx, With(new RiskLimits { DailyLossLimit = 0.05 }));
        Assert.Equal(5, orders.Length);
        Assert.Equal((7, OrderStatus.Rejected, RejectReason.DailyLossLimit), (orders[2].Bar, orders[2].Status, orders[2].RejectReason));
        Assert.Equal((24, OrderStatus.Filled), (orders[3].Bar, orders[3].Status));
        // Exits are never blocked.
        Assert.Equal((5, OrderStatus.Filled), (orders[1].Bar, orders[1].Status));
    }

    [Fact]
    public void Daily_loss_below_the_limit_blocks_nothing()
    {
        var prices = new double[12];
        Array.Fill(prices, 100);
        for (int i = 3; i < 12; i++) prices[i] = 97;
        var orders = Run(Hourly(prices), TestBars.At(12, 0, 6), TestBars.At(12, 4), With(new RiskLimits { DailyLossLimit = 0.05 }));
        Assert.All(orders, o => Assert.Equal(OrderStatus.Filled, o.Status));
        Assert.Equal(3, orders.Length);
    }

    [Theory]
    [InlineData(FillTiming.NextOpen, 4, true)]
    [InlineData(FillTiming.SignalClose, 3, false)]
    public void Drawdown_stop_flattens_at_the_next_fill_and_halts(FillTiming timing, int haltBar, bool atOpen)
    {
        // Long from 100; bar 3 closes at 85 (15 % drawdown ≥ 10 %): flattened, and the entries at bars 6 and 8 are rejected.
        var prices = new double[10];
        Array.Fill(prices, 100);
        for (int i = 3; i < 10; i++) prices[i] = 85;
        var orders = Run(Hourly(prices), TestBars.At(10, 0, 6, 8), TestBars.At(10, 7), With(new RiskLimits { MaxDrawdown = 0.1 }, timing));
        Assert.Equal(4, orders.Length);
        Assert.Equal((haltBar, 3, ExitReason.DrawdownHalt, atOpen), (orders[1].Bar, orders[1].DecisionBar, orders[1].Reason, orders[1].AtOpen));
        Assert.Equal(0.0, orders[1].PositionAfter);
        Assert.All(orders[2..], o => Assert.Equal((OrderStatus.Rejected, RejectReason.DrawdownHalt), (o.Status, o.RejectReason)));
    }

    [Fact]
    public void Drawdown_stop_on_the_last_bar_under_next_open_keeps_the_position()
    {
        var orders = Run(Hourly(100, 100, 100, 80), TestBars.At(4, 0), new bool[4], With(new RiskLimits { MaxDrawdown = 0.1 }));
        Assert.Equal(OrderStatus.Filled, Assert.Single(orders).Status);
    }

    [Theory]
    [InlineData("MaxDrawdown")]
    [InlineData("DailyLossLimit")]
    [InlineData("MaxPositionQuantity")]
    [InlineData("MaxAssetExposure")]
    [InlineData("MaxTotalExposure")]
    public void Out_of_range_limits_throw_naming_the_limit(string name)
    {
        var risk = name switch
        {
            "MaxDrawdown" => new RiskLimits { MaxDrawdown = 1 },
            "DailyLossLimit" => new RiskLimits { DailyLossLimit = -0.1 },
            "MaxPositionQuantity" => new RiskLimits { MaxPositionQuantity = double.NaN },
            "MaxAssetExposure" => new RiskLimits { MaxAssetExposure = -1 },
            _ => new RiskLimits { MaxTotalExposure = double.PositiveInfinity },
        };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            SignalSimulator.FromSignals(Hourly(10, 10), new SignalInputs(new bool[2], new bool[2]), With(risk), new SimulationWorkspace()));
        Assert.Equal(name, ex.ParamName);
    }
}
