using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;

namespace VectorBacktest.Tests.Portfolio;

public class EntryOrderTests
{
    private static readonly SimulationOptions Base = new() { InitialCash = 1000 };

    private static SimulationWorkspace Run(VectorBacktest.Data.BarSeries bars, SignalInputs signals, SimulationOptions options)
    {
        var ws = new SimulationWorkspace();
        SignalSimulator.FromSignals(bars, signals, options, default(PessimisticFillModel), new FractionFee(0.001), new FixedFractionSlippage(0.01), ws);
        return ws;
    }

    // Decision close 100; bar 1 stays above 98; bar 2 dips to 97.
    private static readonly VectorBacktest.Data.BarSeries Dip =
        TestBars.From((100, 100, 100, 100), (100, 101, 99, 100.5), (100, 100.5, 97, 99), (99, 99, 99, 99), (99, 99, 99, 99));

    [Fact]
    public void Limit_buy_fills_at_the_limit_as_a_maker_without_slippage()
    {
        var ws = Run(Dip, new SignalInputs(TestBars.At(5, 0), default), Base with { Entry = EntryOrder.Limit(0.02) });
        var order = ws.Orders[0];
        Assert.Equal((2, 0, 98.0, OrderStatus.Filled), (order.Bar, order.DecisionBar, order.Price, order.Status));
        Assert.Equal(order.Quantity * 98 * 0.001, order.Fee, 12);
    }

    [Fact]
    public void Limit_buy_gapping_below_fills_at_the_open()
    {
        var bars = TestBars.From((100, 100, 100, 100), (96, 97, 95, 96.5), (96, 96, 96, 96));
        var ws = Run(bars, new SignalInputs(TestBars.At(3, 0), default), Base with { Entry = EntryOrder.Limit(0.02) });
        Assert.Equal((1, 96.0), (ws.Orders[0].Bar, ws.Orders[0].Price));
    }

    [Fact]
    public void Limit_that_is_not_reached_in_time_expires_and_is_recorded()
    {
        var ws = Run(Dip, new SignalInputs(TestBars.At(5, 0), default), Base with { Entry = EntryOrder.Limit(0.02, TimeInForce.ImmediateOrCancel) });
        var order = Assert.Single(ws.Orders.ToArray());
        Assert.Equal((OrderStatus.Rejected, RejectReason.Expired, 1, 98.0), (order.Status, order.RejectReason, order.Bar, order.Price));
    }

    [Fact]
    public void Exit_signal_cancels_a_working_entry()
    {
        var ws = Run(Dip, new SignalInputs(TestBars.At(5, 0), TestBars.At(5, 1)), Base with { Entry = EntryOrder.Limit(0.02) });
        var order = Assert.Single(ws.Orders.ToArray());
        Assert.Equal((RejectReason.Cancelled, 1), (order.RejectReason, order.Bar));
    }

    [Fact]
    public void Stop_buy_fills_at_the_stop_or_worse_open_and_pays_slippage()
    {
        var bars = TestBars.From((100, 100, 100, 100), (100, 100.5, 99, 100), (100.5, 103, 100, 102), (104, 104, 104, 104));
        var ws = Run(bars, new SignalInputs(TestBars.At(4, 0), default), Base with { Entry = EntryOrder.Stop(0.02) });
        Assert.Equal((2, 102 * 1.01), (ws.Orders[0].Bar, ws.Orders[0].Price));
    }

    [Fact]
    public void Stop_limit_rests_as_a_limit_when_the_trigger_bar_gaps_past_the_limit()
    {
        // Stop 102, limit 102 x 1.005 = 102.51; bar 1 opens at 104 (beyond the limit): no fill; bar 2 trades down to 102.
        var bars = TestBars.From((100, 100, 100, 100), (104, 105, 103, 104), (103, 103.5, 102, 102.5), (102, 102, 102, 102));
        var ws = Run(bars, new SignalInputs(TestBars.At(4, 0), default), Base with { Entry = EntryOrder.StopLimit(0.02, 0.005) });
        Assert.Equal(2, ws.Orders[0].Bar);
        Assert.Equal(Math.Min(103, 100 * 1.02 * 1.005), ws.Orders[0].Price, 12);
    }

    [Fact]
    public void Stop_limit_fills_on_the_trigger_bar_when_the_limit_allows()
    {
        var bars = TestBars.From((100, 100, 100, 100), (101, 103, 100.5, 102.5), (102, 102, 102, 102));
        var ws = Run(bars, new SignalInputs(TestBars.At(3, 0), default), Base with { Entry = EntryOrder.StopLimit(0.02, 0.005) });
        Assert.Equal((1, 102.0), (ws.Orders[0].Bar, ws.Orders[0].Price));
    }

    [Fact]
    public void Exit_levels_of_a_limit_entry_start_on_the_next_bar()
    {
        // Bar 2 fills the 98 limit and also reaches 95 (below the 3 % stop of 95.06): not checked until bar 3.
        var bars = TestBars.From((100, 100, 100, 100), (100, 101, 99, 100.5), (99, 99.5, 94, 96), (96, 96.5, 95.5, 96), (95, 95, 94, 94.5));
        var options = Base with
        {
            Entry = EntryOrder.Limit(0.02),
            Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.03) },
        };
        var ws = Run(bars, new SignalInputs(TestBars.At(5, 0), default), options);
        var trade = ws.Trades[0];
        Assert.Equal((2, 4, ExitReason.StopLoss), (trade.EntryBar, trade.ExitBar, trade.ExitReason));
    }

    [Fact]
    public void Entry_order_prices_mirror_for_sells()
    {
        Assert.Equal((102.0, double.NaN), EntryOrder.Limit(0.02).Prices(OrderSide.Sell, 100));
        var (limit, stop) = EntryOrder.StopLimit(0.02, 0.01).Prices(OrderSide.Sell, 100);
        Assert.Equal(98, stop, 12);
        Assert.Equal(98 * 0.99, limit, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => EntryOrder.Limit(-0.01));
    }
}
