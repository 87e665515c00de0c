using VectorBacktest.Execution;
using VectorBacktest.Portfolio;
using VectorBacktest.Portfolio.MultiAsset;
using static VectorBacktest.Tests.Portfolio.SignalTestRuns;

namespace VectorBacktest.Tests.Portfolio;

/// <summary>Pyramiding by signals (<see cref="SimulationOptions.Accumulate"/>); hand-computed, both drivers compared.</summary>
public class AccumulateTests
{
    private static readonly SimulationOptions Pyramid = new() { InitialCash = 1000, Sizing = OrderSizing.Quantity(10), Accumulate = true };

    private static VectorBacktest.Data.BarSeries Opens(params double[] opens) =>
        TestBars.From([.. opens.Select(o => (o, o, o, o))]);

    [Fact]
    public void Add_at_another_price_averages_the_entry_and_the_exit_closes_the_whole_position()
    {
        // Buy 10 @ 10 (fee 0.1) on bar 1, add 10 @ 12 (fee 0.12) on bar 3: 20 @ 11; sell 20 @ 13 (fee 0.26) on bar 5.
        var bars = Opens(10, 10, 12, 12, 13, 13, 13);
        var (summary, orders, trades) = Both(bars, TestBars.At(7, 0, 2), TestBars.At(7, 4), Pyramid);
        Assert.Equal([10.0, 10.0, 20.0], orders.Select(o => o.Quantity));
        Assert.Equal([ExitReason.None, ExitReason.None, ExitReason.Signal], orders.Select(o => o.Reason));
        Assert.Equal([10.0, 20.0, 0.0], orders.Select(o => o.PositionAfter));
        Assert.Equal([10.0, 11.0, 0.0], orders.Select(o => o.EntryPriceAfter));
        Assert.Equal(999.78, orders[1].BalanceAfter, 12);
        var trade = Assert.Single(trades);
        Assert.Equal((1, 5, 20.0, 11.0, 13.0), (trade.EntryBar, trade.ExitBar, trade.Quantity, trade.EntryPrice, trade.ExitPrice));
        Assert.Equal(0.22, trade.EntryFee, 12);
        Assert.Equal(40 - 0.48, trade.Pnl, 9);
        Assert.Equal(1000 - 0.1 - 0.12 + 40 - 0.26, summary.FinalEquity, 9);
    }

    [Fact]
    public void A_risk_sized_add_risks_down_to_the_stop_the_position_already_has()
    {
        // Risk 1 % of the balance per entry, stop 9 from the first entry's column (the add's own column value is ignored):
        // buy 10 / (10 − 9) = 10 units @ 10; the add at 12 risks down to 9: 10 / 3 units; average (100 + 40) / (40 / 3).
        var bars = Opens(10, 10, 12, 12, 12);
        var options = new SimulationOptions { InitialCash = 1000, Sizing = OrderSizing.RiskFraction(0.01), Accumulate = true };
        double[] stops = [9, double.NaN, 11, double.NaN, double.NaN];
        var ws = new SimulationWorkspace();
        SignalSimulator.FromSignals(bars, new SignalInputs(TestBars.At(5, 0, 2), new bool[5]) { StopLossPrice = stops }, options, ws);
        Assert.Equal(10.0, ws.Orders[0].Quantity, 12);
        Assert.Equal(10.0 / 3, ws.Orders[1].Quantity, 12);
        Assert.Equal(140 / (40.0 / 3), ws.Orders[1].EntryPriceAfter, 12);
    }

    [Fact]
    public void Without_accumulate_the_same_signals_hold_one_entry()
    {
        var bars = Opens(10, 10, 12, 12, 13, 13, 13);
        var (_, orders, _) = Both(bars, TestBars.At(7, 0, 2), TestBars.At(7, 4), Pyramid with { Accumulate = false });
        Assert.Equal([10.0, 10.0], orders.Select(o => o.Quantity));
    }

    [Fact]
    public void Cash_sizing_of_an_add_spends_the_fraction_of_the_free_cash()
    {
        // Half of 1000 buys 50 @ 10; the add spends half of the 500 left: 250 / 12.5 = 20 units; average (500 + 250) / 70.
        var bars = Opens(10, 10, 12.5, 12.5, 12.5);
        var options = Pyramid with { Sizing = OrderSizing.EquityFraction(0.5) };
        var vectorWs = new SimulationWorkspace();
        SignalSimulator.FromSignals(bars, new SignalInputs(TestBars.At(5, 0, 2), new bool[5]), options, vectorWs);
        Assert.Equal([50.0, 20.0], vectorWs.Orders.ToArray().Select(o => o.Quantity));
        Assert.Equal(750.0 / 70, vectorWs.Orders[1].EntryPriceAfter, 12);
    }

    [Fact]
    public void All_cash_add_while_fully_invested_is_rejected_for_funds()
    {
        var bars = Opens(10, 10, 10, 10);
        var (summary, orders, _) = Both(bars, TestBars.At(4, 0, 1), new bool[4], Pyramid with { Sizing = OrderSizing.AllCash });
        Assert.Equal((OrderStatus.Rejected, RejectReason.InsufficientFunds, 2), (orders[1].Status, orders[1].RejectReason, orders[1].Bar));
        Assert.Equal(orders[0].Quantity, summary.FinalPosition);
    }

    [Fact]
    public void Position_cap_cuts_an_add_then_rejects_the_next()
    {
        // At most 15 units: the first add fills 5 of 10, the second is rejected.
        var bars = Opens(10, 10, 10, 10, 10, 10);
        var options = Pyramid with { Risk = new RiskLimits { MaxPositionQuantity = 15 } };
        var (summary, orders, _) = Both(bars, TestBars.At(6, 0, 1, 2), new bool[6], options);
        Assert.Equal([OrderStatus.Filled, OrderStatus.Partial, OrderStatus.Rejected], orders.Select(o => o.Status));
        Assert.Equal([10.0, 5.0], orders[..2].Select(o => o.Quantity));
        Assert.Equal((10.0, 15.0), (orders[1].RequestedQuantity, orders[1].PositionAfter));
        Assert.Equal((RejectReason.PositionLimit, OrderSide.Buy, 3), (orders[2].RejectReason, orders[2].Side, orders[2].Bar));
        Assert.Equal(15.0, summary.FinalPosition);
    }

    [Fact]
    public void Adds_past_max_adds_are_ignored()
    {
        var bars = Opens(10, 10, 10, 10, 10, 10, 10);
        var (summary, orders, _) = Both(bars, TestBars.At(7, 0, 1, 2, 3), new bool[7], Pyramid with { MaxAdds = 2 });
        Assert.Equal([1, 2, 3], orders.Select(o => o.Bar));
        Assert.Equal(30.0, summary.FinalPosition);
    }

    [Fact]
    public void Exits_stay_those_of_the_first_entry()
    {
        // Stop 10 % under the first fill (10 → 9). After the add @ 12 the average is 11 (a re-resolved stop would be 9.9):
        // bar 4's low 9.5 does not close, bar 5's low 8.9 closes all 20 at 9.
        var bars = TestBars.From((10, 10, 10, 10), (10, 10, 10, 10), (12, 12, 12, 12), (12, 12, 12, 12), (11, 11, 9.5, 10), (10, 10, 8.9, 9), (9, 9, 9, 9));
        var options = Pyramid with { Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.1) } };
        var (_, _, trades) = Both(bars, TestBars.At(7, 0, 2), new bool[7], options);
        var trade = Assert.Single(trades);
        Assert.Equal((ExitReason.StopLoss, 9.0, 9.0, 5, 20.0), (trade.ExitReason, trade.StopLoss, trade.ExitPrice, trade.ExitBar, trade.Quantity));
    }

    [Fact]
    public void An_add_on_the_time_stop_bar_is_dropped_for_the_stop()
    {
        // Filled on bar 1, a two-bar time stop is decided on bar 2's close: the add decided there is dropped.
        var bars = Opens(10, 10, 10, 10, 10, 10);
        var options = Pyramid with { Exits = new ExitRules { TimeStopBars = 2 } };
        var (summary, orders, _) = Both(bars, TestBars.At(6, 0, 2), new bool[6], options);
        Assert.Equal([(1, ExitReason.None, 10.0), (3, ExitReason.TimeStop, 10.0)], orders.Select(o => (o.Bar, o.Reason, o.Quantity)));
        Assert.Equal(0.0, summary.FinalPosition);
    }

    [Fact]
    public void Short_adds_and_a_reversal_close_the_whole_short()
    {
        var bars = Opens(10, 10, 8, 8, 9, 9);
        var (summary, orders, trades) = Both(bars, TestBars.At(6, 3), new bool[6], Pyramid, TestBars.At(6, 0, 1), new bool[6]);
        Assert.Equal([-10.0, -20.0, 0.0, 10.0], orders.Select(o => o.PositionAfter));
        Assert.Equal(9.0, orders[1].EntryPriceAfter, 12);
        Assert.Equal((20.0, ExitReason.Reverse), (trades[0].Quantity, trades[0].ExitReason));
        Assert.Equal(10.0, summary.FinalPosition);
    }

    [Fact]
    public void Bad_options_are_named()
    {
        Assert.Equal("MaxAdds", Assert.Throws<ArgumentOutOfRangeException>(() => (Pyramid with { MaxAdds = 0 }).Validate()).ParamName);
        Assert.Equal("Accumulate", Assert.Throws<ArgumentException>(() =>
            (Pyramid with { Entry = EntryOrder.Limit(0.01, TimeInForce.GoodTillCancelled) }).Validate()).ParamName);
        Assert.Equal("Accumulate", Assert.Throws<ArgumentException>(() => (Pyramid with { Leverage = 2 }).Validate()).ParamName);
        var error = Assert.Throws<ArgumentException>(() => SignalSimulator.FromSignals(TestBars.Flat(3, 10),
            new SignalInputs(new bool[3], new bool[3], default, default, default, new double[3]), Pyramid, new SimulationWorkspace()));
        Assert.Equal("options", error.ParamName);
    }
}
