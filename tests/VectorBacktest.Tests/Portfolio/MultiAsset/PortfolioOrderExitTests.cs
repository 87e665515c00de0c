using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;
using VectorBacktest.Portfolio.MultiAsset;
using static VectorBacktest.Tests.Portfolio.MultiAsset.PortfolioOrderTests;

namespace VectorBacktest.Tests.Portfolio.MultiAsset;

// Exits attached to the positions of the multi-asset order path, per symbol, hand-computed (no fees, no slippage).
public class PortfolioOrderExitTests
{
    private static void AssertOrder(OrderRecord o, int asset, int bar, OrderSide side, double quantity, double price, ExitReason reason)
    {
        Assert.Equal((asset, bar, side, OrderStatus.Filled, quantity, reason), (o.Asset, o.Bar, o.Side, o.Status, o.Quantity, o.Reason));
        Assert.Equal(price, o.Price, 9);
    }

    [Fact]
    public void A_stopped_out_symbol_leaves_the_other_symbols_orders_alone()
    {
        // A (symbol 0) opens 10 at bar 1's open 100 with its stop at 90; bar 2 trades down to 85, the stop fills at 90. B (symbol 1)
        // keeps its position and its add on bar 3; A's row of bar 2 opens a new position at 85 (stop 76.5, not reached).
        var u = Universe.Create(
            PortfolioSimulatorTests.Series("A", (100, 100), (100, 100), (100, 85), (85, 85), (85, 85)),
            PortfolioSimulatorTests.Series("B", Flat(5, 50)));
        var ws = new PortfolioWorkspace();
        var options = new PortfolioOptions { InitialCash = 10_000, Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.1) } };
        var summary = PortfolioSimulator.FromOrders(u, new PortfolioOrders(Sizes(2, 5, (0, 0, 10), (1, 0, 20), (0, 2, 5), (1, 2, 10))),
            options, default(NoFee), default(NoSlippage), ws);
        Assert.Equal(5, ws.Orders.Length);
        AssertOrder(ws.Orders[0], 0, 1, OrderSide.Buy, 10, 100, ExitReason.None);
        AssertOrder(ws.Orders[1], 1, 1, OrderSide.Buy, 20, 50, ExitReason.None);
        AssertOrder(ws.Orders[2], 0, 2, OrderSide.Sell, 10, 90, ExitReason.StopLoss);
        AssertOrder(ws.Orders[3], 0, 3, OrderSide.Buy, 5, 85, ExitReason.None);
        AssertOrder(ws.Orders[4], 1, 3, OrderSide.Buy, 10, 50, ExitReason.None);
        var stopped = ws.Trades[0];
        Assert.Equal((0, ExitReason.StopLoss, 10.0), (stopped.Asset, stopped.ExitReason, stopped.Quantity));
        Assert.Equal(-100, stopped.Pnl, 9);
        Assert.Equal(90, stopped.StopLoss, 9);
        Assert.Equal(9_900, summary.FinalEquity, 9);
        Assert.Equal(30, ws.Orders[4].PositionAfter);
    }

    [Fact]
    public void An_add_re_resolves_the_levels_from_the_new_average_entry()
    {
        // Signal-close: A buys 10 at bar 0's close 100 (stop 90, target 120), adds 10 at bar 1's close 110: average 105, stop
        // 94.5, target 126. Bar 2 (open 100, low 93) reaches 94.5 but not the first stop 90; A's row of bar 2 still buys 1 at
        // its close 93, and B's sale on bar 2 fills before it.
        var u = Universe.Create(
            PortfolioSimulatorTests.Series("A", (100, 100), (100, 110), (100, 93), (93, 93)),
            PortfolioSimulatorTests.Series("B", Flat(4, 50)));
        var ws = new PortfolioWorkspace();
        var options = new PortfolioOptions
        {
            InitialCash = 10_000, Timing = FillTiming.SignalClose,
            Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.1), TakeProfit = ExitLevel.Fraction(0.2) },
        };
        var summary = PortfolioSimulator.FromOrders(u, new PortfolioOrders(Sizes(2, 4, (0, 0, 10), (1, 0, 20), (0, 1, 10), (0, 2, 1), (1, 2, -10))),
            options, default(NoFee), default(NoSlippage), ws);
        Assert.Equal(6, ws.Orders.Length);
        AssertOrder(ws.Orders[2], 0, 1, OrderSide.Buy, 10, 110, ExitReason.None);
        Assert.Equal(105, ws.Orders[2].EntryPriceAfter, 9);
        AssertOrder(ws.Orders[3], 0, 2, OrderSide.Sell, 20, 94.5, ExitReason.StopLoss);
        AssertOrder(ws.Orders[4], 1, 2, OrderSide.Sell, 10, 50, ExitReason.Order);
        AssertOrder(ws.Orders[5], 0, 2, OrderSide.Buy, 1, 93, ExitReason.None);
        var stopped = ws.Trades[0];
        Assert.Equal((0, 20.0), (stopped.Asset, stopped.Quantity));
        Assert.Equal((94.5, 126.0, -210.0), (Math.Round(stopped.StopLoss, 9), Math.Round(stopped.TakeProfit, 9), Math.Round(stopped.Pnl, 9)));
        Assert.Equal(9_790, summary.FinalEquity, 9);
    }

    [Fact]
    public void A_missing_bar_skips_the_levels_and_defers_the_time_stop()
    {
        // A lacks bar 2. Its stop (90) is not checked there; bar 3 opens at 85, below it: filled at that open (gap rule).
        var u = Universe.Create(
            PortfolioSimulatorTests.Series("A", (100, 100), (100, 100), null, (85, 85), (85, 85)),
            PortfolioSimulatorTests.Series("B", Flat(5, 50)));
        var ws = new PortfolioWorkspace();
        var orders = new PortfolioOrders(Sizes(2, 5, (0, 0, 10), (1, 0, 20)));
        var summary = PortfolioSimulator.FromOrders(u, orders, new PortfolioOptions { InitialCash = 10_000, Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.1) } },
            default(NoFee), default(NoSlippage), ws);
        Assert.Equal(3, ws.Orders.Length);
        AssertOrder(ws.Orders[2], 0, 3, OrderSide.Sell, 10, 85, ExitReason.StopLoss);
        Assert.Equal(9_850, summary.FinalEquity, 9);

        // A two-bar time stop is decided on bar 2 (fill bar 1 + 2 − 1): B closes at bar 3's open; A has no bar 2, so its time
        // stop is decided on its next bar, 3, and fills at bar 4's open 96.
        u = Universe.Create(
            PortfolioSimulatorTests.Series("A", (100, 100), (100, 100), null, (95, 95), (96, 96), (96, 96)),
            PortfolioSimulatorTests.Series("B", Flat(6, 50)));
        summary = PortfolioSimulator.FromOrders(u, new PortfolioOrders(Sizes(2, 6, (0, 0, 10), (1, 0, 20))),
            new PortfolioOptions { InitialCash = 10_000, Exits = new ExitRules { TimeStopBars = 2 } }, default(NoFee), default(NoSlippage), ws);
        Assert.Equal(4, ws.Orders.Length);
        AssertOrder(ws.Orders[2], 1, 3, OrderSide.Sell, 20, 50, ExitReason.TimeStop);
        Assert.Equal(2, ws.Orders[2].DecisionBar);
        AssertOrder(ws.Orders[3], 0, 4, OrderSide.Sell, 10, 96, ExitReason.TimeStop);
        Assert.Equal(3, ws.Orders[3].DecisionBar);
        Assert.Equal(9_960, summary.FinalEquity, 9);
    }

    [Fact]
    public void An_exit_cancels_the_symbols_carried_remainder_and_atr_exits_read_the_orders_column()
    {
        // Signal-close: A's buy of 40 is capped to 10 per bar (1 % of volume 1000) and carried; on bar 3 the ATR stop (100 − 2 × 5 =
        // 90) closes the 30 held before the bar's fills and cancels the 10 still carried.
        var u = Universe.Create(
            PortfolioSimulatorTests.Series("A", (100, 100), (100, 100), (100, 100), (95, 85), (85, 85)),
            PortfolioSimulatorTests.Series("B", Flat(5, 50)));
        var atr = new double[10];
        Array.Fill(atr, 5);
        var ws = new PortfolioWorkspace();
        PortfolioSimulator.FromOrders(u, new PortfolioOrders(Sizes(2, 5, (0, 0, 40)), atr: atr),
            new PortfolioOptions { InitialCash = 10_000, Timing = FillTiming.SignalClose, Exits = new ExitRules { StopLoss = ExitLevel.AtrMultiple(2) } },
            default(NoFee), default(NoSlippage), ws, new LiquidityLimits { MaxVolumeShare = 0.01, Remainder = RemainderPolicy.Carry });
        Assert.Equal(5, ws.Orders.Length);
        for (int k = 0; k < 3; k++) Assert.Equal((k, OrderStatus.Partial, 10.0), (ws.Orders[k].Bar, ws.Orders[k].Status, ws.Orders[k].Quantity));
        AssertOrder(ws.Orders[3], 0, 3, OrderSide.Sell, 30, 90, ExitReason.StopLoss);
        Assert.Equal((3, OrderStatus.Rejected, RejectReason.Cancelled, 10.0),
            (ws.Orders[4].Bar, ws.Orders[4].Status, ws.Orders[4].RejectReason, ws.Orders[4].Quantity));
        Assert.Equal("orders", Assert.Throws<ArgumentException>(() => PortfolioSimulator.FromOrders(u,
            new PortfolioOrders(Sizes(2, 5, (0, 0, 30)), atr: new double[10] { double.NaN, 5, 5, 5, 5, 5, 5, 5, 5, 5 }),
            new PortfolioOptions { Exits = new ExitRules { StopLoss = ExitLevel.AtrMultiple(2) } }, default(NoFee), default(NoSlippage), ws,
            new LiquidityLimits { MaxVolumeShare = 0.01, Remainder = RemainderPolicy.Carry })).ParamName);
    }

    [Fact]
    public void Empty_and_one_bar_universes_run_with_exits()
    {
        var options = new PortfolioOptions { Exits = new ExitRules { StopLoss = ExitLevel.AtrMultiple(1), TimeStopBars = 1 } };
        var ws = new PortfolioWorkspace();
        var one = Universe.Create(PortfolioSimulatorTests.Series("A", Flat(1, 10)));
        var summary = PortfolioSimulator.FromOrders(one, new PortfolioOrders([5.0], atr: [1.0]), options, default(NoFee), default(NoSlippage), ws);
        Assert.Equal((0, 1), (summary.FilledOrders, summary.RejectedOrders));
        Assert.Equal(RejectReason.EndOfData, ws.Orders[0].RejectReason);
    }
}
