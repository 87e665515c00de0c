using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;
using VectorBacktest.Portfolio.Orders;

namespace VectorBacktest.Tests.Portfolio.Orders;

public class LiquidityTests
{
    private static double[] Sizes(int n, params (int Bar, double Size)[] orders) => OrderSimulatorTests.Sizes(n, orders);

    private static readonly SimulationOptions CloseFills = new() { InitialCash = 1_000_000, Timing = FillTiming.SignalClose };

    [Fact]
    public void Volume_share_cap_carries_the_remainder_to_the_next_bars()
    {
        // Volume 1000 per bar, 10 % share: 250 units fill as 100, 100, 50.
        var bars = TestBars.Flat(5, 100);
        var ws = new SimulationWorkspace();
        var summary = OrderSimulator.FromOrders(bars, new OrderInputs(Sizes(5, (0, 250))), CloseFills, default(NoFee), default(NoSlippage), ws,
            new LiquidityLimits { MaxVolumeShare = 0.1, Remainder = RemainderPolicy.Carry });
        Assert.Equal(3, ws.Orders.Length);
        Assert.Equal((OrderStatus.Partial, 100.0, 250.0), (ws.Orders[0].Status, ws.Orders[0].Quantity, ws.Orders[0].RequestedQuantity));
        Assert.Equal((OrderStatus.Partial, 100.0, 150.0, 0), (ws.Orders[1].Status, ws.Orders[1].Quantity, ws.Orders[1].RequestedQuantity, ws.Orders[1].DecisionBar));
        Assert.Equal((OrderStatus.Filled, 50.0, 2), (ws.Orders[2].Status, ws.Orders[2].Quantity, ws.Orders[2].Bar));
        Assert.Equal(250.0, summary.FinalPosition);
    }

    [Fact]
    public void Cancel_policy_drops_the_remainder_and_a_new_order_replaces_a_carried_one()
    {
        var bars = TestBars.Flat(5, 100);
        var ws = new SimulationWorkspace();
        OrderSimulator.FromOrders(bars, new OrderInputs(Sizes(5, (0, 250))), CloseFills, default(NoFee), default(NoSlippage), ws,
            new LiquidityLimits { MaxVolumeShare = 0.1 });
        Assert.Equal(1, ws.Orders.Length);
        Assert.Equal(100.0, ws.Orders[0].PositionAfter);

        OrderSimulator.FromOrders(bars, new OrderInputs(Sizes(5, (0, 250), (1, -30))), CloseFills, default(NoFee), default(NoSlippage), ws,
            new LiquidityLimits { MaxVolumeShare = 0.1, Remainder = RemainderPolicy.Carry });
        Assert.Equal((OrderStatus.Rejected, RejectReason.Cancelled, 150.0, 1), (ws.Orders[1].Status, ws.Orders[1].RejectReason, ws.Orders[1].Quantity, ws.Orders[1].Bar));
        Assert.Equal(70.0, ws.Orders[2].PositionAfter);
    }

    [Fact]
    public void A_remainder_left_at_the_end_is_recorded_and_zero_volume_fills_nothing()
    {
        var bars = TestBars.Flat(2, 100);
        var ws = new SimulationWorkspace();
        OrderSimulator.FromOrders(bars, new OrderInputs(Sizes(2, (0, 500))), CloseFills, default(NoFee), default(NoSlippage), ws,
            new LiquidityLimits { MaxVolumeShare = 0.1, Remainder = RemainderPolicy.Carry });
        Assert.Equal((OrderStatus.Rejected, RejectReason.EndOfData, 300.0), (ws.Orders[^1].Status, ws.Orders[^1].RejectReason, ws.Orders[^1].Quantity));

        var quiet = VectorBacktest.Data.BarSeries.FromArrays("Q", null, [0L, 60_000], [100.0, 100], [100.0, 100], [100.0, 100], [100.0, 100], [0.0, 0]);
        OrderSimulator.FromOrders(quiet, new OrderInputs(Sizes(2, (0, 5))), CloseFills, default(NoFee), default(NoSlippage), ws,
            new LiquidityLimits { MaxVolumeShare = 0.1 });
        Assert.Equal((OrderStatus.Rejected, RejectReason.NoLiquidity), (ws.Orders[0].Status, ws.Orders[0].RejectReason));
    }

    private static OrderBookDepth Book(int bars) =>
        // Every bar: bids 99 × 2, 98 × 3, 97 × 5; asks 101 × 2, 102 × 3, 103 × 5.
        new(3, Repeat(bars, 99, 98, 97), Repeat(bars, 2, 3, 5), Repeat(bars, 101, 102, 103), Repeat(bars, 2, 3, 5));

    private static double[] Repeat(int bars, params double[] levels)
    {
        var result = new double[bars * levels.Length];
        for (int b = 0; b < bars; b++) levels.CopyTo(result, b * levels.Length);
        return result;
    }

    [Fact]
    public void Walks_the_book_level_by_level_for_the_fill_price()
    {
        var book = Book(1);
        Assert.Equal(4.0, book.Walk(0, OrderSide.Buy, 4, double.NaN, out double buy));
        Assert.Equal((2 * 101 + 2 * 102) / 4.0, buy, 12);
        Assert.Equal(5.0, book.Walk(0, OrderSide.Sell, 20, 98, out double sell));
        Assert.Equal((2 * 99 + 3 * 98) / 5.0, sell, 12);
        Assert.Equal(10.0, book.Walk(0, OrderSide.Sell, 20, double.NaN, out _));
    }

    [Fact]
    public void Depth_caps_the_fill_and_prices_it_without_slippage()
    {
        var bars = TestBars.Flat(3, 100);
        var ws = new SimulationWorkspace();
        OrderSimulator.FromOrders(bars, new OrderInputs(Sizes(3, (0, 15))), CloseFills, default(NoFee), new FixedFractionSlippage(0.01), ws,
            new LiquidityLimits { Depth = Book(3), Remainder = RemainderPolicy.Carry });
        Assert.Equal((OrderStatus.Partial, 10.0, (2 * 101 + 3 * 102 + 5 * 103) / 10.0), (ws.Orders[0].Status, ws.Orders[0].Quantity, ws.Orders[0].Price));
        Assert.Equal((OrderStatus.Filled, 5.0, (2 * 101 + 3 * 102) / 5.0), (ws.Orders[1].Status, ws.Orders[1].Quantity, ws.Orders[1].Price));
    }

    [Fact]
    public void Depth_validation_names_the_column_and_bar()
    {
        var error = Assert.Throws<ArgumentException>(() => new OrderBookDepth(2, [99.0, 100], [1.0, 1], [101.0, 102], [1.0, 1]));
        Assert.Equal("bidPrice", error.ParamName);
        Assert.Contains("bar 0, level 1", error.Message);
        Assert.Throws<ArgumentException>(() => new OrderBookDepth(2, [99.0, 98, 97], [1.0, 1, 1], [101.0, 102, 103], [1.0, 1, 1]));
        var cover = Assert.Throws<ArgumentException>(() => OrderSimulator.FromOrders(TestBars.Flat(3, 100), new OrderInputs(new double[3]),
            CloseFills, default(NoFee), default(NoSlippage), new SimulationWorkspace(), new LiquidityLimits { Depth = Book(2) }));
        Assert.Equal("Depth", cover.ParamName);
    }
}
