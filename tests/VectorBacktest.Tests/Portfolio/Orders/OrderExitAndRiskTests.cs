using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;
using VectorBacktest.Portfolio.MultiAsset;
using VectorBacktest.Portfolio.Orders;

namespace VectorBacktest.Tests.Portfolio.Orders;

/// <summary>Attached exits and risk limits on the single-asset order path, hand-computed.</summary>
public class OrderExitAndRiskTests
{
    private static double[] Sizes(int n, params (int Bar, double Size)[] orders) => OrderSimulatorTests.Sizes(n, orders);

    private static SimulationSummary Run(VectorBacktest.Data.BarSeries bars, double[] size, SimulationOptions options, SimulationWorkspace ws) =>
        OrderSimulator.FromOrders(bars, new OrderInputs(size), options, default(NoFee), default(NoSlippage), ws);

    [Fact]
    public void Exit_levels_follow_the_average_price_on_adds_stay_on_reductions_and_renew_on_a_flip()
    {
        var bars = TestBars.From((100, 100, 100, 100), (100, 100, 100, 100), (110, 110, 110, 110), (110, 110, 110, 110),
            (120, 120, 120, 120), (118, 127, 117, 125));
        var ws = new SimulationWorkspace();
        var options = new SimulationOptions
        {
            InitialCash = 10_000, Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.05), TakeProfit = ExitLevel.Fraction(0.10) },
        };
        var summary = Run(bars, Sizes(6, (0, 10), (1, 10), (2, -5), (3, -35)), options, ws);
        // Buy 10 @ 100 (stop 95), add 10 @ 110: average 105, stop 99.75, target 115.5; sell 5 @ 110 (+25), levels kept; sell 35
        // @ 120: closes 15 (+225) and opens 20 short at 120 (stop 126, target 108); bar 5's high 127 reaches the stop: −120.
        Assert.Equal(5, ws.Orders.Length);
        Assert.Equal((105.0, 20.0), (ws.Orders[1].EntryPriceAfter, ws.Orders[1].PositionAfter));
        Assert.Equal((-20.0, 120.0), (ws.Orders[3].PositionAfter, ws.Orders[3].EntryPriceAfter));
        var stop = ws.Orders[4];
        Assert.Equal((5, OrderSide.Buy, ExitReason.StopLoss, 20.0), (stop.Bar, stop.Side, stop.Reason, stop.Quantity));
        Assert.Equal(126.0, stop.Price, 9);
        Assert.Equal((5.0, 25.0, ExitReason.Order), (ws.Trades[0].Quantity, ws.Trades[0].Pnl, ws.Trades[0].ExitReason));
        Assert.Equal(99.75, ws.Trades[0].StopLoss, 9);
        Assert.Equal((15.0, 225.0), (ws.Trades[1].Quantity, ws.Trades[1].Pnl));
        Assert.Equal((99.75, 115.5), (Math.Round(ws.Trades[1].StopLoss, 9), Math.Round(ws.Trades[1].TakeProfit, 9)));
        Assert.Equal((PositionSide.Short, 20.0, ExitReason.StopLoss), (ws.Trades[2].Side, ws.Trades[2].Quantity, ws.Trades[2].ExitReason));
        Assert.Equal((126.0, 108.0), (Math.Round(ws.Trades[2].StopLoss, 9), Math.Round(ws.Trades[2].TakeProfit, 9)));
        Assert.Equal(-120.0, ws.Trades[2].Pnl, 9);
        Assert.Equal(10_130.0, summary.FinalEquity, 9);
        Assert.Equal(0.0, summary.FinalPosition);
    }

    [Fact]
    public void Atr_multiple_exits_read_the_atr_of_the_row_that_sets_the_levels()
    {
        // Next-open: buy 10 on bar 0 (ATR 2, stop 1.5 ATR, target 3 ATR from the fill 100: 97 / 106); add 10 on bar 1 (ATR 4)
        // filled at bar 2's open 102: average 101, levels 95 / 113 from the add's ATR. Bar 3 falls to 94: stopped at 95.
        var bars = TestBars.From((100, 100, 100, 100), (100, 100, 100, 100), (102, 102, 102, 102), (99, 99, 94, 96), (96, 96, 96, 96));
        var ws = new SimulationWorkspace();
        var options = new SimulationOptions
        {
            InitialCash = 10_000, Exits = new ExitRules { StopLoss = ExitLevel.AtrMultiple(1.5), TakeProfit = ExitLevel.AtrMultiple(3) },
        };
        double[] atr = [2, 4, 9, 9, 9];
        OrderSimulator.FromOrders(bars, new OrderInputs(Sizes(5, (0, 10), (1, 10)), atr: atr), options, default(NoFee), default(NoSlippage), ws);
        Assert.Equal(3, ws.Orders.Length);
        Assert.Equal((101.0, 20.0), (ws.Orders[1].EntryPriceAfter, ws.Orders[1].PositionAfter));
        Assert.Equal((3, ExitReason.StopLoss, 95.0, 20.0), (ws.Orders[2].Bar, ws.Orders[2].Reason, ws.Orders[2].Price, ws.Orders[2].Quantity));
        Assert.Equal((95.0, 113.0), (ws.Trades[0].StopLoss, ws.Trades[0].TakeProfit));

        atr[1] = double.NaN;
        var bad = Assert.Throws<ArgumentException>(() =>
            OrderSimulator.FromOrders(bars, new OrderInputs(Sizes(5, (0, 10), (1, 10)), atr: atr), options, default(NoFee), default(NoSlippage), ws));
        Assert.Equal("orders", bad.ParamName);
        Assert.Contains("orders.Atr is NaN on decision bar 1", bad.Message);
    }

    [Fact]
    public void Take_profit_and_trailing_stop_close_the_whole_position()
    {
        // Signal-close: buy 10 @ 100 on bar 0's close; levels from bar 1. Bar 1 gaps up through the 5 % target: filled at the open.
        var bars = TestBars.From((100, 100, 100, 100), (106, 107, 105, 106), (100, 100, 100, 100), (100, 104, 99, 103), (103, 103, 100, 101));
        var ws = new SimulationWorkspace();
        var target = new SimulationOptions { Timing = FillTiming.SignalClose, Exits = new ExitRules { TakeProfit = ExitLevel.Fraction(0.05) } };
        Run(bars, Sizes(5, (0, 10)), target, ws);
        Assert.Equal((1, ExitReason.TakeProfit, 106.0, 10.0), (ws.Orders[1].Bar, ws.Orders[1].Reason, ws.Orders[1].Price, ws.Orders[1].Quantity));

        // A 2 % trailing stop on 10 bought at bar 2's close (100): bar 3 moves the best price to 104 after its check, bar 4 opens
        // at 103 above the trail (101.92) and falls to 100.
        var trailing = target with { Exits = new ExitRules { TrailingFraction = 0.02 } };
        Run(bars, Sizes(5, (2, 10)), trailing, ws);
        Assert.Equal((4, ExitReason.TrailingStop), (ws.Orders[1].Bar, ws.Orders[1].Reason));
        Assert.Equal(104 * 0.98, ws.Orders[1].Price, 12);
    }

    [Fact]
    public void Time_stop_runs_from_the_opening_and_is_rejected_on_the_last_bar_under_next_open()
    {
        var bars = TestBars.Flat(6, 100);
        var ws = new SimulationWorkspace();
        var options = new SimulationOptions { Timing = FillTiming.SignalClose, Exits = new ExitRules { TimeStopBars = 3 } };
        Run(bars, Sizes(6, (0, 10), (1, 5)), options, ws);
        // Opened on bar 0's close, added to on bar 1's: the 15 held close on bar 3's close.
        Assert.Equal(3, ws.Orders.Length);
        Assert.Equal((3, ExitReason.TimeStop, 15.0, 0.0), (ws.Orders[2].Bar, ws.Orders[2].Reason, ws.Orders[2].Quantity, ws.Orders[2].PositionAfter));

        Run(TestBars.Flat(4, 100), Sizes(4, (0, 10)), options with { Timing = FillTiming.NextOpen }, ws);
        // Filled at bar 1's open, decided out on bar 3 = the last bar: nothing is left to fill it.
        Assert.Equal((OrderStatus.Rejected, RejectReason.EndOfData, ExitReason.TimeStop, 10.0),
            (ws.Orders[1].Status, ws.Orders[1].RejectReason, ws.Orders[1].Reason, ws.Orders[1].Quantity));
    }

    [Fact]
    public void An_exit_cancels_a_carried_remainder_and_later_rows_still_execute()
    {
        var bars = TestBars.From((100, 100, 100, 100), (100, 100, 100, 100), (100, 100, 90, 95), (95, 95, 95, 95), (95, 95, 95, 95));
        var ws = new SimulationWorkspace();
        var options = new SimulationOptions
        {
            InitialCash = 100_000, Timing = FillTiming.SignalClose, Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.05) },
            Liquidity = new LiquidityLimits { MaxVolumeShare = 0.1, Remainder = RemainderPolicy.Carry },
        };
        Run(bars, Sizes(5, (0, 250), (3, 10)), options, ws);
        // 100 on bar 0, 100 more on bar 1; bar 2 reaches the stop (95) before its remainder works: the remaining 50 are cancelled.
        Assert.Equal((2, ExitReason.StopLoss, 200.0), (ws.Orders[2].Bar, ws.Orders[2].Reason, ws.Orders[2].Quantity));
        Assert.Equal((OrderStatus.Rejected, RejectReason.Cancelled, 50.0), (ws.Orders[3].Status, ws.Orders[3].RejectReason, ws.Orders[3].Quantity));
        Assert.Equal((3, OrderSide.Buy, 10.0), (ws.Orders[4].Bar, ws.Orders[4].Side, ws.Orders[4].PositionAfter));
    }

    [Fact]
    public void Position_and_exposure_caps_cut_the_added_part_only()
    {
        var bars = TestBars.Flat(6, 100);
        var ws = new SimulationWorkspace();
        var options = new SimulationOptions { InitialCash = 10_000, Risk = new RiskLimits { MaxPositionQuantity = 15 } };
        Run(bars, Sizes(6, (0, 10), (1, 10), (2, 1), (3, -20)), options, ws);
        Assert.Equal((OrderStatus.Partial, 5.0, 10.0), (ws.Orders[1].Status, ws.Orders[1].Quantity, ws.Orders[1].RequestedQuantity));
        Assert.Equal((OrderStatus.Rejected, RejectReason.PositionLimit), (ws.Orders[2].Status, ws.Orders[2].RejectReason));
        // The flip reduces 15 (never capped) and opens 5 short, inside the cap.
        Assert.Equal((OrderStatus.Filled, -5.0), (ws.Orders[3].Status, ws.Orders[3].PositionAfter));

        // Exposure 0.5 of 1000 at 100: at most 5 units; a second buy has no room left.
        Run(bars, Sizes(6, (0, 8), (1, 1)), new SimulationOptions { InitialCash = 1000, Risk = new RiskLimits { MaxAssetExposure = 0.5 } }, ws);
        Assert.Equal((OrderStatus.Partial, 5.0), (ws.Orders[0].Status, ws.Orders[0].Quantity));
        Assert.Equal((OrderStatus.Rejected, RejectReason.ExposureLimit), (ws.Orders[1].Status, ws.Orders[1].RejectReason));
    }

    [Fact]
    public void Daily_loss_limit_blocks_additions_and_spares_reductions()
    {
        var bars = TestBars.From((100, 100, 100, 100), (100, 100, 90, 90), (90, 90, 90, 90), (90, 90, 90, 90), (90, 90, 90, 90));
        var ws = new SimulationWorkspace();
        var options = new SimulationOptions { InitialCash = 1000, Risk = new RiskLimits { DailyLossLimit = 0.05 } };
        Run(bars, Sizes(5, (0, 10), (1, 1), (2, -5)), options, ws);
        // Bar 1 closes equity at 900 ≤ 950: the buy decided there is refused, the sale on bar 3 fills.
        Assert.Equal((OrderStatus.Rejected, RejectReason.DailyLossLimit, 2), (ws.Orders[1].Status, ws.Orders[1].RejectReason, ws.Orders[1].Bar));
        Assert.Equal((OrderStatus.Filled, 5.0, 3), (ws.Orders[2].Status, ws.Orders[2].PositionAfter, ws.Orders[2].Bar));
    }

    [Fact]
    public void Drawdown_stop_flattens_at_the_next_open_and_rejects_later_additions()
    {
        var bars = TestBars.From((100, 100, 100, 100), (100, 100, 100, 100), (100, 100, 80, 80), (82, 82, 82, 82), (82, 82, 82, 82), (82, 82, 82, 82));
        var ws = new SimulationWorkspace();
        var options = new SimulationOptions { InitialCash = 1000, Risk = new RiskLimits { MaxDrawdown = 0.1 } };
        var summary = Run(bars, Sizes(6, (0, 10), (3, 1)), options, ws);
        // Bar 2 closes equity at 800 (20 % drawdown): the 10 held close at bar 3's open (82); bar 4's buy is refused.
        Assert.Equal((3, ExitReason.DrawdownHalt, 82.0, 0.0), (ws.Orders[1].Bar, ws.Orders[1].Reason, ws.Orders[1].Price, ws.Orders[1].PositionAfter));
        Assert.Equal(ExitReason.DrawdownHalt, ws.Trades[0].ExitReason);
        Assert.Equal((OrderStatus.Rejected, RejectReason.DrawdownHalt, 4), (ws.Orders[2].Status, ws.Orders[2].RejectReason, ws.Orders[2].Bar));
        Assert.Equal(820.0, summary.FinalEquity);
    }

    [Fact]
    public void Zero_and_one_bar_runs_with_exits_and_risk()
    {
        var options = new SimulationOptions
        {
            Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.01), TimeStopBars = 1 }, Risk = new RiskLimits { MaxDrawdown = 0.1 },
        };
        var ws = new SimulationWorkspace();
        var empty = Run(TestBars.Flat(0, 100), [], options, ws);
        Assert.Equal((options.InitialCash, 0), (empty.FinalEquity, ws.Orders.Length));
        Run(TestBars.Flat(1, 100), [5], options, ws);
        Assert.Equal((OrderStatus.Rejected, RejectReason.EndOfData), (ws.Orders[0].Status, ws.Orders[0].RejectReason));
        Run(TestBars.Flat(1, 100), [5], options with { Timing = FillTiming.SignalClose }, ws);
        Assert.Equal((1, OrderStatus.Filled, 5.0), (ws.Orders.Length, ws.Orders[0].Status, ws.Orders[0].PositionAfter));
    }

    [Fact]
    public void Leverage_caps_additions_by_margin_and_liquidates_from_the_average_price()
    {
        var bars = TestBars.From((100, 100, 100, 100), (100, 100, 100, 100), (110, 110, 110, 110), (110, 110, 110, 110), (90, 90, 81, 85));
        var ws = new SimulationWorkspace();
        var options = new SimulationOptions { InitialCash = 1000, Leverage = 5 };
        // Margin 1000 buys up to 5000 of notional: 100 units at 100 are cut to 50.
        Run(bars, Sizes(5, (0, 100)), options, ws);
        Assert.Equal((OrderStatus.Partial, 50.0, 100.0), (ws.Orders[0].Status, ws.Orders[0].Quantity, ws.Orders[0].RequestedQuantity));

        // 30 @ 100 (margin 600, liquidation 80), 10 @ 110 (margin 220 of the 400 free): average 102.5, liquidation 82; selling 20
        // @ 110 (+150) keeps it; bar 4's low 81 reaches it: the 20 left close at 82 (−410).
        var summary = Run(bars, Sizes(5, (0, 30), (1, 10), (2, -20)), options, ws);
        Assert.Equal((OrderStatus.Filled, 40.0, 102.5), (ws.Orders[1].Status, ws.Orders[1].PositionAfter, ws.Orders[1].EntryPriceAfter));
        var liquidation = ws.Orders[3];
        Assert.Equal((4, ExitReason.Liquidation, 20.0), (liquidation.Bar, liquidation.Reason, liquidation.Quantity));
        Assert.Equal(82.0, liquidation.Price, 9);
        Assert.Equal(740.0, summary.FinalEquity, 9);
    }

    [Fact]
    public void Funding_is_settled_at_each_fill_and_shared_pro_rata_by_the_trades()
    {
        var bars = TestBars.Flat(6, 100);
        var funding = new double[6];
        funding[2] = 0.001;
        funding[4] = 0.001;
        var ws = new SimulationWorkspace();
        var summary = OrderSimulator.FromOrders(bars, new OrderInputs(Sizes(6, (0, 10), (2, 10), (3, -5)), fundingRate: funding),
            new SimulationOptions { InitialCash = 10_000 }, default(NoFee), default(NoSlippage), ws);
        // 10 held through bar 2's open pay 10 × 100 × 0.001 = 1, settled when bar 3's open adds 10; selling 5 of the 20 on bar 4's
        // open takes a quarter of it; the 15 left pay bar 4's 1.5, accrued in the open trade with the remaining 0.75.
        Assert.Equal(9999.0, ws.Orders[1].BalanceAfter, 12);
        Assert.Equal((5.0, 0.25, -0.25), (ws.Trades[0].Quantity, ws.Trades[0].Funding, ws.Trades[0].Pnl));
        Assert.True(ws.Trades[1].IsOpen);
        Assert.Equal((2.25, -2.25), (ws.Trades[1].Funding, ws.Trades[1].Pnl));
        Assert.Equal((9997.5, 2.5), (summary.FinalEquity, summary.TotalFunding));
        var curve = EquityCurve.Build(bars, ws.Orders, 10_000, funding);
        Assert.Equal([10_000.0, 10_000, 9999, 9999, 9997.5, 9997.5], curve.Equity);

        // An exit settles the rest: a 2-bar time stop under signal-close timing closes the position opened on bar 1 on bar 3; the
        // funding of bar 2 (10 units), settled by the add on bar 2's close, goes to its trade.
        OrderSimulator.FromOrders(bars, new OrderInputs(Sizes(6, (1, 10), (2, 10)), fundingRate: funding),
            new SimulationOptions { InitialCash = 10_000, Timing = FillTiming.SignalClose, Exits = new ExitRules { TimeStopBars = 2 } },
            default(NoFee), default(NoSlippage), ws);
        Assert.Equal((3, ExitReason.TimeStop, 20.0), (ws.Orders[2].Bar, ws.Orders[2].Reason, ws.Orders[2].Quantity));
        Assert.Equal((1.0, -1.0), (ws.Trades[0].Funding, ws.Trades[0].Pnl));
    }
}
