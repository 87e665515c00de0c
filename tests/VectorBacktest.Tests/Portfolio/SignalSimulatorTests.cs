using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;
using VectorBacktest.Tests.Infrastructure;

namespace VectorBacktest.Tests.Portfolio;

public class SignalSimulatorTests
{
    private static readonly SimulationOptions Base = new() { InitialCash = 1000 };

    private static SimulationSummary Run(VectorBacktest.Data.BarSeries bars, SignalInputs signals, SimulationOptions options,
        SimulationWorkspace workspace) =>
        SignalSimulator.FromSignals(bars, signals, options, default(PessimisticFillModel), default(NoFee), default(NoSlippage), workspace);

    [Fact]
    public void Next_open_timing_fills_at_the_next_bars_open()
    {
        var bars = TestBars.From((10, 11, 9, 10), (12, 13, 11, 12), (14, 15, 13, 14), (16, 17, 15, 16));
        var ws = new SimulationWorkspace();
        var summary = Run(bars, new SignalInputs(TestBars.At(4, 0), TestBars.At(4, 1)), Base, ws);
        var trade = Assert.Single(ws.Trades.ToArray());
        Assert.Equal((1, 2, 12.0, 14.0), (trade.EntryBar, trade.ExitBar, trade.EntryPrice, trade.ExitPrice));
        Assert.Equal(1000.0 / 12, trade.Quantity, 12);
        Assert.Equal(1000.0 / 12 * 14, summary.FinalEquity, 9);
        Assert.Equal(0, ws.Orders[0].DecisionBar);
        Assert.Equal(1, ws.Orders[0].Bar);
    }

    [Fact]
    public void Signal_close_timing_fills_at_the_signal_bars_close()
    {
        var bars = TestBars.From((10, 11, 9, 10), (12, 13, 11, 12), (14, 15, 13, 14), (16, 17, 15, 16));
        var ws = new SimulationWorkspace();
        Run(bars, new SignalInputs(TestBars.At(4, 0), TestBars.At(4, 1)), Base with { Timing = FillTiming.SignalClose }, ws);
        var trade = Assert.Single(ws.Trades.ToArray());
        Assert.Equal((0, 1, 10.0, 12.0), (trade.EntryBar, trade.ExitBar, trade.EntryPrice, trade.ExitPrice));
    }

    [Fact]
    public void Entry_and_exit_on_the_same_bar_cancel()
    {
        var bars = TestBars.Flat(5, 10);
        var ws = new SimulationWorkspace();
        var summary = Run(bars, new SignalInputs(TestBars.At(5, 1), TestBars.At(5, 1)), Base, ws);
        Assert.Equal(0, summary.FilledOrders);
        Assert.True(ws.Orders.IsEmpty);
    }

    [Fact]
    public void Opposite_entry_reverses_at_one_fill()
    {
        var bars = TestBars.From((10, 10, 10, 10), (10, 10, 10, 10), (12, 12, 12, 12), (12, 12, 12, 12), (9, 9, 9, 9));
        var ws = new SimulationWorkspace();
        var summary = Run(bars, new SignalInputs(TestBars.At(5, 0), default, TestBars.At(5, 1), default), Base, ws);
        var orders = ws.Orders.ToArray();
        Assert.Equal(3, orders.Length);
        Assert.Equal((OrderSide.Sell, ExitReason.Reverse, 2), (orders[1].Side, orders[1].Reason, orders[1].Bar));
        Assert.Equal((OrderSide.Sell, ExitReason.None, 2), (orders[2].Side, orders[2].Reason, orders[2].Bar));
        Assert.Equal(-1200.0 / 12, summary.FinalPosition, 9);
        Assert.Equal(1200 + 100 * 3, summary.FinalEquity, 9);
    }

    [Fact]
    public void Gap_through_a_stop_fills_at_the_open()
    {
        // Entry at 100 (bar 1 open); bar 2 opens at 90, below the 5 % stop at 95.
        var bars = TestBars.From((100, 100, 100, 100), (100, 101, 99, 100), (90, 92, 88, 91), (91, 91, 91, 91));
        var ws = new SimulationWorkspace();
        var options = Base with { Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.05) } };
        Run(bars, new SignalInputs(TestBars.At(4, 0), default), options, ws);
        var trade = ws.Trades[0];
        Assert.Equal((2, 90.0, ExitReason.StopLoss, 95.0), (trade.ExitBar, trade.ExitPrice, trade.ExitReason, trade.StopLoss));
    }

    [Fact]
    public void A_stop_inside_the_range_fills_at_the_level()
    {
        var bars = TestBars.From((100, 100, 100, 100), (100, 101, 99, 100), (99, 99.5, 94, 96), (96, 96, 96, 96));
        var ws = new SimulationWorkspace();
        var options = Base with { Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.05) } };
        Run(bars, new SignalInputs(TestBars.At(4, 0), default), options, ws);
        Assert.Equal((2, 95.0), (ws.Trades[0].ExitBar, ws.Trades[0].ExitPrice));
    }

    // Entry at 100; bar 2 reaches both the 95 stop and the 105 target. Its open is 103: nearer the high.
    private static readonly VectorBacktest.Data.BarSeries BothLevels =
        TestBars.From((100, 100, 100, 100), (100, 100.5, 99.5, 100), (103, 106, 94, 100), (100, 100, 100, 100));

    private static readonly SimulationOptions BothLevelOptions = Base with
    {
        Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.05), TakeProfit = ExitLevel.Fraction(0.05) },
    };

    [Fact]
    public void Stop_loss_wins_by_default_when_both_levels_are_in_one_bar()
    {
        var ws = new SimulationWorkspace();
        Run(BothLevels, new SignalInputs(TestBars.At(4, 0), default), BothLevelOptions, ws);
        Assert.Equal((ExitReason.StopLoss, 95.0), (ws.Trades[0].ExitReason, ws.Trades[0].ExitPrice));
    }

    [Fact]
    public void Optimistic_and_path_models_pick_the_take_profit()
    {
        var ws = new SimulationWorkspace();
        var signals = new SignalInputs(TestBars.At(4, 0), default);
        SignalSimulator.FromSignals(BothLevels, signals, BothLevelOptions, default(OptimisticFillModel), default(NoFee), default(NoSlippage), ws);
        Assert.Equal((ExitReason.TakeProfit, 105.0), (ws.Trades[0].ExitReason, ws.Trades[0].ExitPrice));
        SignalSimulator.FromSignals(BothLevels, signals, BothLevelOptions, default(IntraBarPathFillModel), default(NoFee), default(NoSlippage), ws);
        Assert.Equal((ExitReason.TakeProfit, 105.0), (ws.Trades[0].ExitReason, ws.Trades[0].ExitPrice));
    }

    [Fact]
    public void Short_levels_mirror_long_levels()
    {
        var bars = TestBars.From((100, 100, 100, 100), (100, 100.5, 99.5, 100), (99, 99.5, 89, 92), (92, 92, 92, 92));
        var ws = new SimulationWorkspace();
        var options = Base with { Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.05), TakeProfit = ExitLevel.Fraction(0.1) } };
        Run(bars, new SignalInputs(default, default, TestBars.At(4, 0), default), options, ws);
        var trade = ws.Trades[0];
        Assert.Equal((PositionSide.Short, ExitReason.TakeProfit, 90.0, 105.0), (trade.Side, trade.ExitReason, trade.ExitPrice, trade.StopLoss));
        Assert.Equal(10.0 * 10, trade.Pnl, 9);
    }

    [Fact]
    public void Trailing_stop_follows_the_high()
    {
        var bars = TestBars.From((100, 100, 100, 100), (100, 101, 99.5, 100), (101, 110, 100.5, 109), (109, 109.5, 104, 105), (105, 105, 105, 105));
        var ws = new SimulationWorkspace();
        var options = Base with { Exits = new ExitRules { TrailingFraction = 0.05 } };
        Run(bars, new SignalInputs(TestBars.At(5, 0), default), options, ws);
        var trade = ws.Trades[0];
        Assert.Equal((3, ExitReason.TrailingStop), (trade.ExitBar, trade.ExitReason));
        Assert.Equal(110 * 0.95, trade.ExitPrice, 12);
    }

    [Fact]
    public void Time_stop_holds_the_given_number_of_bars()
    {
        var bars = TestBars.Random(20, 3);
        var ws = new SimulationWorkspace();
        var options = Base with { Exits = new ExitRules { TimeStopBars = 3 } };
        Run(bars, new SignalInputs(TestBars.At(20, 2), default), options, ws);
        Assert.Equal((3, 6, ExitReason.TimeStop), (ws.Trades[0].EntryBar, ws.Trades[0].ExitBar, ws.Trades[0].ExitReason));
        Run(bars, new SignalInputs(TestBars.At(20, 2), default), options with { Timing = FillTiming.SignalClose }, ws);
        Assert.Equal((2, 5, ExitReason.TimeStop), (ws.Trades[0].EntryBar, ws.Trades[0].ExitBar, ws.Trades[0].ExitReason));
    }

    [Fact]
    public void Atr_multiple_levels_use_the_decision_bar_atr()
    {
        var bars = TestBars.From((100, 100, 100, 100), (100, 100.5, 99.5, 100), (100, 100.5, 96, 99), (99, 99, 99, 99));
        var atr = new double[] { 2, 3, 3, 3 };
        var ws = new SimulationWorkspace();
        var options = Base with { Exits = new ExitRules { StopLoss = ExitLevel.AtrMultiple(1.5) } };
        Run(bars, new SignalInputs(TestBars.At(4, 0), default, default, default, atr), options, ws);
        Assert.Equal((2, 97.0, ExitReason.StopLoss), (ws.Trades[0].ExitBar, ws.Trades[0].ExitPrice, ws.Trades[0].ExitReason));
    }

    [Fact]
    public void Lot_step_rounds_down_and_minimum_notional_rejects_with_a_reason()
    {
        var bars = TestBars.Flat(4, 30);
        var ws = new SimulationWorkspace();
        var options = Base with { Lots = new LotRules { QuantityStep = 0.5 } };
        Run(bars, new SignalInputs(TestBars.At(4, 0), default), options, ws);
        Assert.Equal(33.0, ws.Orders[0].Quantity);
        var summary = Run(bars, new SignalInputs(TestBars.At(4, 0), default), options with { Lots = new LotRules { MinNotional = 5000 } }, ws);
        Assert.Equal((0, 1), (summary.FilledOrders, summary.RejectedOrders));
        Assert.Equal((OrderStatus.Rejected, RejectReason.BelowMinNotional), (ws.Orders[0].Status, ws.Orders[0].RejectReason));
    }

    [Fact]
    public void Fixed_quantity_beyond_cash_is_rejected_as_insufficient_funds()
    {
        var ws = new SimulationWorkspace();
        var summary = Run(TestBars.Flat(4, 30), new SignalInputs(TestBars.At(4, 0), default), Base with { Sizing = OrderSizing.Quantity(40) }, ws);
        Assert.Equal(RejectReason.InsufficientFunds, Assert.Single(ws.Orders.ToArray()).RejectReason);
        Assert.Equal(1000, summary.FinalEquity);
    }

    [Fact]
    public void A_decision_on_the_last_bar_is_recorded_as_rejected_under_next_open()
    {
        var ws = new SimulationWorkspace();
        Run(TestBars.Flat(4, 30), new SignalInputs(TestBars.At(4, 3), default), Base, ws);
        Assert.Equal(RejectReason.EndOfData, Assert.Single(ws.Orders.ToArray()).RejectReason);
    }

    [Fact]
    public void Open_position_at_the_end_is_kept_or_closed_by_policy()
    {
        var bars = TestBars.From((10, 10, 10, 10), (10, 11, 10, 11), (12, 13, 12, 13));
        var ws = new SimulationWorkspace();
        var entries = TestBars.At(3, 0);
        var keep = Run(bars, new SignalInputs(entries, default), Base, ws);
        Assert.True(ws.Trades[0].IsOpen);
        Assert.Equal(1300, keep.FinalEquity, 9);
        Assert.Equal(0, keep.ClosedTrades);
        var atOpen = Run(bars, new SignalInputs(entries, default), Base with { EndOfData = EndOfData.CloseAtLastOpen }, ws);
        Assert.Equal((ExitReason.EndOfData, 12.0), (ws.Trades[0].ExitReason, ws.Trades[0].ExitPrice));
        Assert.Equal(1200, atOpen.FinalEquity, 9);
        var atClose = Run(bars, new SignalInputs(entries, default), Base with { EndOfData = EndOfData.CloseAtLastClose }, ws);
        Assert.Equal(1300, atClose.FinalEquity, 9);
    }

    [Fact]
    public void Fees_and_slippage_are_charged_on_both_sides()
    {
        var bars = TestBars.From((100, 100, 100, 100), (100, 100, 100, 100), (110, 110, 110, 110), (110, 110, 110, 110));
        var ws = new SimulationWorkspace();
        var summary = SignalSimulator.FromSignals(bars, new SignalInputs(TestBars.At(4, 0), TestBars.At(4, 1)), Base,
            default(PessimisticFillModel), new FractionFee(0.001), new FixedFractionSlippage(0.01), ws);
        var trade = ws.Trades[0];
        double q = 1000 / 1.001 / 101;
        Assert.Equal(q, trade.Quantity, 12);
        Assert.Equal((101.0, 108.9), (trade.EntryPrice, trade.ExitPrice));
        Assert.Equal(q * 101 * 0.001, trade.EntryFee, 12);
        Assert.Equal(q * 108.9 * 0.001, trade.ExitFee, 12);
        Assert.Equal(1000 - trade.EntryFee - q * 101 + q * 108.9 - trade.ExitFee, summary.FinalEquity, 9);
        Assert.Equal(trade.Pnl, summary.FinalEquity - 1000, 9);
    }

    [Fact]
    public void Summary_only_records_nothing_and_gives_the_same_summary()
    {
        var bars = TestBars.Random(500, 5);
        var rng = new Random(5);
        var entries = new bool[500]; var exits = new bool[500];
        for (int i = 0; i < 500; i++) { entries[i] = rng.Next(20) == 0; exits[i] = rng.Next(20) == 0; }
        var options = Base with { Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.03), TakeProfit = ExitLevel.Fraction(0.05) } };
        var ws = new SimulationWorkspace();
        var full = Run(bars, new SignalInputs(entries, exits), options, ws);
        var summary = Run(bars, new SignalInputs(entries, exits), options with { RecordLevel = RecordLevel.SummaryOnly }, ws);
        Assert.Equal(full, summary);
        Assert.True(ws.Orders.IsEmpty && ws.Trades.IsEmpty);
        Assert.True(full.ClosedTrades > 5);
    }

    [Fact]
    public void Risk_limits_and_liquidity_caps_allocate_nothing_on_a_grown_workspace()
    {
        var bars = TestBars.Random(2000, 11);
        var rng = new Random(11);
        var entries = new bool[2000]; var exits = new bool[2000];
        for (int i = 0; i < 2000; i++) { entries[i] = rng.Next(15) == 0; exits[i] = rng.Next(15) == 0; }
        var options = Base with
        {
            Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.03) },
            Risk = new VectorBacktest.Portfolio.MultiAsset.RiskLimits { MaxPositionQuantity = 5, DailyLossLimit = 0.02, MaxDrawdown = 0.5 },
            Liquidity = new LiquidityLimits { MaxVolumeShare = 0.004 },
        };
        var ws = new SimulationWorkspace();
        var first = Run(bars, new SignalInputs(entries, exits), options, ws);
        Allocations.AssertNone(() => Run(bars, new SignalInputs(entries, exits), options, ws));
        Assert.True(first.ClosedTrades > 5);
    }

    [Fact]
    public void A_run_on_a_grown_workspace_allocates_nothing()
    {
        var bars = TestBars.Random(2000, 9);
        var rng = new Random(9);
        var entries = new bool[2000]; var exits = new bool[2000];
        for (int i = 0; i < 2000; i++) { entries[i] = rng.Next(15) == 0; exits[i] = rng.Next(15) == 0; }
        var options = Base with { Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.03), TrailingFraction = 0.04 } };
        var ws = new SimulationWorkspace();
        Allocations.AssertNone(() => Run(bars, new SignalInputs(entries, exits), options, ws));
    }

    [Fact]
    public void Risk_fraction_sizes_so_the_stop_loses_that_share_of_equity()
    {
        // Entry at 100, stop 5 % below: risking 2 % of 1000 = 20 buys 20 / 5 = 4 units, and the stop loses exactly 20.
        var bars = TestBars.From((100, 100, 100, 100), (100, 101, 99, 100), (99, 99.5, 94, 96), (96, 96, 96, 96));
        var ws = new SimulationWorkspace();
        var options = Base with { Sizing = OrderSizing.RiskFraction(0.02), Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.05) } };
        var summary = Run(bars, new SignalInputs(TestBars.At(4, 0), default), options, ws);
        Assert.Equal(4, ws.Trades[0].Quantity, 12);
        Assert.Equal(980, summary.FinalEquity, 9);
        // A tight stop is capped by the cash.
        Run(bars, new SignalInputs(TestBars.At(4, 0), default), options with { Sizing = OrderSizing.RiskFraction(1) }, ws);
        Assert.Equal(10, ws.Trades[0].Quantity, 12);
        Assert.Equal("Sizing", Assert.Throws<ArgumentException>(() =>
            Run(bars, new SignalInputs(TestBars.At(4, 0), default), Base with { Sizing = OrderSizing.RiskFraction(0.01) }, ws)).ParamName);
    }
}
