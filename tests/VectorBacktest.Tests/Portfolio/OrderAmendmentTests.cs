using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;

namespace VectorBacktest.Tests.Portfolio;

/// <summary>A strategy's own entry order types, amended and cancelled working orders, and moved exit levels
/// (<see cref="StrategyContext.PlaceLong"/>, <see cref="StrategyContext.AmendOrder"/>, <see cref="StrategyContext.CancelOrder"/>,
/// <see cref="StrategyContext.SetStopLoss"/>, <see cref="StrategyContext.SetTakeProfit"/>).</summary>
public class OrderAmendmentTests
{
    internal delegate void BarScript(ref StrategyContext context);

    /// <summary>Runs a script on every bar and keeps what it saw of the working order.</summary>
    internal sealed class Scripted(BarScript script) : IBarStrategy
    {
        public readonly List<(int Bar, bool Working, WorkingEntry Entry)> Seen = [];

        public void OnBar(ref StrategyContext context)
        {
            Seen.Add((context.Bar, context.HasWorkingOrder, context.WorkingEntry));
            script(ref context);
        }
    }

    private static readonly SimulationOptions Base = new() { InitialCash = 1000, Sizing = OrderSizing.Quantity(2) };

    private static (SimulationWorkspace Workspace, Scripted Strategy) Run(BarSeries bars, BarScript script, SimulationOptions? options = null)
    {
        var ws = new SimulationWorkspace();
        var strategy = new Scripted(script);
        EventDrivenSimulator.Run(bars, ref strategy, options ?? Base, default(PessimisticFillModel), new MakerTakerFee(0.001, 0.002),
            default(NoSlippage), ws);
        return (ws, strategy);
    }

    // Closes 100, 98, 96, 93, 93: a buy limit at 95 is reached on bar 2 (low 94), one at 93 on bar 3 (low 92).
    private static BarSeries Falling() => TestBars.From(
        (100, 101, 99, 100), (100, 101, 97, 98), (98, 99, 94, 96), (96, 97, 92, 93), (93, 94, 92, 93));

    // Closes 100, 102, 103, 105: a buy stop at 105 triggers on bar 3, one at 103.5 on bar 2 (high 104).
    private static BarSeries Rising() => TestBars.From(
        (100, 101, 99, 100), (100, 103, 99, 102), (102, 104, 101, 103), (103, 106, 102, 105));

    private static OrderRecord Entry(SimulationWorkspace ws) => Assert.Single(ws.Orders.ToArray(), o => o.Status == OrderStatus.Filled);

    [Fact]
    public void A_limit_placed_below_the_market_fills_at_the_limit_on_a_later_bar_as_a_maker()
    {
        // Options say market, the request says limit 5 % below bar 0's close: 95, reached on bar 2 (low 94, open 98).
        var (ws, strategy) = Run(Falling(), (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.PlaceLong(EntryOrder.Limit(0.05));
        });
        var fill = Entry(ws);
        Assert.Equal((2, 0, OrderSide.Buy, 2.0, 95.0, false), (fill.Bar, fill.DecisionBar, fill.Side, fill.Quantity, fill.Price, fill.AtOpen));
        Assert.Equal(2 * 95.0 * 0.001, fill.Fee);
        var (_, working, entry) = strategy.Seen[1];
        Assert.True(working);
        Assert.Equal(new WorkingEntry
        {
            Side = PositionSide.Long, Type = OrderType.Limit, LimitPrice = 95, StopPrice = double.NaN, DecisionBar = 0, LastBar = 4,
            BarsLeft = 3, StopLoss = double.NaN, TakeProfit = double.NaN,
        }, entry);
        Assert.False(strategy.Seen[2].Working);
        Assert.Equal(default, strategy.Seen[2].Entry);
    }

    [Fact]
    public void An_amended_limit_fills_at_its_new_price_and_keeps_its_decision_bar()
    {
        // Lowered to 93 on bar 1: bar 2's low 94 no longer reaches it, bar 3's low 92 does (open 96 above it).
        var (ws, strategy) = Run(Falling(), (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.PlaceLong(EntryOrder.Limit(0.05));
            if (c.Bar == 1) Assert.True(c.AmendOrder(limitPrice: 93));
        });
        var fill = Entry(ws);
        Assert.Equal((3, 0, 93.0, 2 * 93.0 * 0.001), (fill.Bar, fill.DecisionBar, fill.Price, fill.Fee));
        Assert.Equal(93.0, strategy.Seen[2].Entry.LimitPrice);
        Assert.Single(ws.Orders.ToArray());
    }

    [Fact]
    public void A_limit_amended_through_the_market_fills_at_the_next_open()
    {
        // Raised to 99 on bar 1 (close 98): bar 2 opens at 98, below the limit, and fills there (a maker, unslipped).
        var (ws, _) = Run(Falling(), (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.PlaceLong(EntryOrder.Limit(0.05));
            if (c.Bar == 1) c.AmendOrder(limitPrice: 99);
        });
        var fill = Entry(ws);
        Assert.Equal((2, 98.0, 2 * 98.0 * 0.001), (fill.Bar, fill.Price, fill.Fee));
    }

    [Fact]
    public void A_cancelled_order_is_recorded_and_cancelling_then_placing_replaces_it()
    {
        var (ws, strategy) = Run(Falling(), (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.PlaceLong(EntryOrder.Limit(0.05));
            if (c.Bar == 1)
            {
                Assert.True(c.CancelOrder());
                Assert.False(c.HasWorkingOrder);
                Assert.False(c.CancelOrder());
                Assert.False(c.AmendOrder(limitPrice: 90));
            }
        });
        var cancelled = Assert.Single(ws.Orders.ToArray());
        Assert.Equal((1, 1, OrderStatus.Rejected, RejectReason.Cancelled, 95.0), (cancelled.Bar, cancelled.DecisionBar, cancelled.Status, cancelled.RejectReason, cancelled.Price));
        Assert.False(strategy.Seen[2].Working);

        // Cancelled and placed again on bar 2 (close 96): a limit 4 % below it, 92.16, filled on bar 3 (low 92).
        (ws, _) = Run(Falling(), (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.PlaceLong(EntryOrder.Limit(0.05));
            if (c.Bar == 1) c.AmendOrder(limitPrice: 90);
            if (c.Bar == 2)
            {
                c.CancelOrder();
                c.PlaceLong(EntryOrder.Limit(0.04));
            }
        });
        var orders = ws.Orders.ToArray();
        Assert.Equal(2, orders.Length);
        Assert.Equal((2, RejectReason.Cancelled, 90.0), (orders[0].Bar, orders[0].RejectReason, orders[0].Price));
        Assert.Equal((3, 2, OrderStatus.Filled, 96 * (1 - 0.04)), (orders[1].Bar, orders[1].DecisionBar, orders[1].Status, orders[1].Price));
    }

    [Fact]
    public void A_market_request_replaces_a_working_order()
    {
        // Options say limit; a market short request on bar 1 cancels the working long limit and sells at bar 2's open.
        var options = Base with { Entry = EntryOrder.Limit(0.05) };
        var (ws, _) = Run(Falling(), (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.EnterLong();
            if (c.Bar == 1) c.PlaceShort(EntryOrder.Market);
        }, options);
        var orders = ws.Orders.ToArray();
        Assert.Equal(2, orders.Length);
        Assert.Equal((1, RejectReason.Cancelled, 95.0), (orders[0].Bar, orders[0].RejectReason, orders[0].Price));
        Assert.Equal((2, 1, OrderSide.Sell, 98.0, true, 2 * 98.0 * 0.002), (orders[1].Bar, orders[1].DecisionBar, orders[1].Side, orders[1].Price, orders[1].AtOpen, orders[1].Fee));
    }

    [Fact]
    public void A_stop_entry_amended_lower_triggers_earlier_and_through_the_market_at_the_open()
    {
        // Buy stop 5 % above bar 0's close: 105, reached on bar 3 (high 106, open 103) as a taker.
        var (ws, _) = Run(Rising(), (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.PlaceLong(EntryOrder.Stop(0.05));
        });
        Assert.Equal((3, 105.0, 2 * 105.0 * 0.002), (Entry(ws).Bar, Entry(ws).Price, Entry(ws).Fee));
        // Lowered to 103.5 on bar 1: bar 2's high 104 reaches it (open 102 below it).
        (ws, _) = Run(Rising(), (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.PlaceLong(EntryOrder.Stop(0.05));
            if (c.Bar == 1) c.AmendOrder(stopPrice: 103.5);
        });
        Assert.Equal((2, 0, 103.5), (Entry(ws).Bar, Entry(ws).DecisionBar, Entry(ws).Price));
        // Lowered to 101, below bar 1's close: bar 2 opens at 102, past the stop, and fills there.
        (ws, _) = Run(Rising(), (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.PlaceLong(EntryOrder.Stop(0.05));
            if (c.Bar == 1) c.AmendOrder(stopPrice: 101);
        });
        Assert.Equal((2, 102.0), (Entry(ws).Bar, Entry(ws).Price));
    }

    [Fact]
    public void A_stop_limit_amended_after_its_trigger_is_a_limit()
    {
        // Stop 102 (2 % above bar 0's close), limit 102: bar 1 opens at 103, past the stop and above the limit, so it triggers
        // without filling and rests as a limit.
        var bars = TestBars.From((100, 101, 99, 100), (103, 104, 102, 103), (103, 103, 100, 101), (101, 102, 99, 100));
        var (ws, strategy) = Run(bars, (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.PlaceLong(EntryOrder.StopLimit(0.02, 0));
            if (c.Bar == 1)
            {
                // Triggered at the open 103 > limit 102: it rests as a limit at 102, whose stop can no longer be amended.
                Assert.True(c.WorkingEntry.Triggered);
                ArgumentException? refused = null;
                try { c.AmendOrder(stopPrice: 101); }
                catch (ArgumentException e) { refused = e; }
                Assert.Equal("stopPrice", refused?.ParamName);
                c.AmendOrder(limitPrice: 100.5);
            }
        });
        Assert.True(strategy.Seen[1].Working);
        // Bar 2's low 100 reaches the limit 100.5 (open 103 above it).
        Assert.Equal((2, 0, 100.5), (Entry(ws).Bar, Entry(ws).DecisionBar, Entry(ws).Price));
    }

    [Fact]
    public void An_amended_time_in_force_restarts_the_clock_and_a_price_amendment_keeps_it()
    {
        var flat = TestBars.Flat(6, 100);
        // Good for 2 bars from bar 0: works on bars 1 and 2, expires on bar 2.
        var (ws, _) = Run(flat, (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.PlaceLong(EntryOrder.Limit(0.05, TimeInForce.GoodForBars(2)));
            if (c.Bar == 1) c.AmendOrder(limitPrice: 94);
        });
        var expired = Assert.Single(ws.Orders.ToArray());
        Assert.Equal((2, 0, RejectReason.Expired, 94.0), (expired.Bar, expired.DecisionBar, expired.RejectReason, expired.Price));
        // Amended on bar 1 to good for 2 bars: bars 2 and 3, expired on bar 3.
        (ws, var strategy) = Run(flat, (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.PlaceLong(EntryOrder.Limit(0.05, TimeInForce.GoodForBars(2)));
            if (c.Bar == 1) c.AmendOrder(timeInForce: TimeInForce.GoodForBars(2));
        });
        expired = Assert.Single(ws.Orders.ToArray());
        Assert.Equal((3, 0, RejectReason.Expired), (expired.Bar, expired.DecisionBar, expired.RejectReason));
        Assert.Equal((0, 3, 1), (strategy.Seen[2].Entry.DecisionBar, strategy.Seen[2].Entry.LastBar, strategy.Seen[2].Entry.BarsLeft));
        // A good-till-cancelled order would end with the data on bar 5; amended on bar 3 to good for 1 bar it expires on bar 4.
        (ws, _) = Run(flat, (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.PlaceLong(EntryOrder.Limit(0.05));
            if (c.Bar == 3) c.AmendOrder(timeInForce: TimeInForce.ImmediateOrCancel);
        });
        expired = Assert.Single(ws.Orders.ToArray());
        Assert.Equal((4, 0, RejectReason.Expired), (expired.Bar, expired.DecisionBar, expired.RejectReason));
        // Amended to good for 5 bars on bar 3: cut by the data, EndOfData on bar 5.
        (ws, _) = Run(flat, (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.PlaceLong(EntryOrder.Limit(0.05, TimeInForce.GoodForBars(4)));
            if (c.Bar == 3) c.AmendOrder(timeInForce: TimeInForce.GoodForBars(5));
        });
        expired = Assert.Single(ws.Orders.ToArray());
        Assert.Equal((5, 0, RejectReason.EndOfData), (expired.Bar, expired.DecisionBar, expired.RejectReason));
    }

    // Filled at bar 1's open (100); bar 1 closes at 104, bar 2 at 107.
    private static BarSeries Up(params (double O, double H, double L, double C)[] then) =>
        TestBars.From([(100, 101, 99, 100), (100, 105, 100, 104), (104, 108, 103, 107), .. then]);

    [Fact]
    public void A_stop_moved_to_break_even_is_checked_from_the_next_bar_and_gaps_fill_at_the_open()
    {
        BarScript breakEven = (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.EnterLong();
            if (c.Bar == 2) Assert.True(c.SetStopLoss(100));
        };
        // Bar 3 opens at 97, below the stop: stopped at the open.
        var (ws, _) = Run(Up((97, 99, 96, 98)), breakEven);
        var trade = Assert.Single(ws.Trades.ToArray());
        Assert.Equal((1, 100.0, 3, 97.0, ExitReason.StopLoss, 100.0), (trade.EntryBar, trade.EntryPrice, trade.ExitBar, trade.ExitPrice, trade.ExitReason, trade.StopLoss));
        // Bar 3 trades down through it: stopped at the stop.
        (ws, _) = Run(Up((106, 107, 99, 101)), breakEven);
        trade = Assert.Single(ws.Trades.ToArray());
        Assert.Equal((3, 100.0, ExitReason.StopLoss), (trade.ExitBar, trade.ExitPrice, trade.ExitReason));
        // Set on bar 1's close at 103.5: bar 1's own low (100) is not checked against it, bar 2's low 103 is.
        (ws, _) = Run(Up((97, 99, 96, 98)), (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.EnterLong();
            if (c.Bar == 1) c.SetStopLoss(103.5);
        });
        trade = Assert.Single(ws.Trades.ToArray());
        Assert.Equal((2, 103.5, ExitReason.StopLoss), (trade.ExitBar, trade.ExitPrice, trade.ExitReason));
    }

    [Fact]
    public void A_removed_take_profit_no_longer_closes()
    {
        var bars = Up((107, 110, 106, 109));
        // The entry's take-profit 106: bar 2's high 108 reaches it.
        var (ws, _) = Run(bars, (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.EnterLong(takeProfit: 106);
        });
        Assert.Equal((2, 106.0, ExitReason.TakeProfit), (ws.Trades[0].ExitBar, ws.Trades[0].ExitPrice, ws.Trades[0].ExitReason));
        // Removed on bar 1: the position stays open to the end (an open trade marked at the last close).
        (ws, _) = Run(bars, (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.EnterLong(takeProfit: 106);
            if (c.Bar == 1) c.SetTakeProfit(double.NaN);
        });
        var trade = Assert.Single(ws.Trades.ToArray());
        Assert.Equal((3, 109.0, ExitReason.None, double.NaN), (trade.ExitBar, trade.ExitPrice, trade.ExitReason, trade.TakeProfit));
        // Moved up to 109.5 on bar 2: bar 3's high 110 reaches it.
        (ws, _) = Run(bars, (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.EnterLong();
            if (c.Bar == 2) c.SetTakeProfit(109.5);
        });
        Assert.Equal((3, 109.5, ExitReason.TakeProfit), (ws.Trades[0].ExitBar, ws.Trades[0].ExitPrice, ws.Trades[0].ExitReason));
    }

    [Fact]
    public void A_trailing_stop_keeps_trailing_under_a_looser_stop()
    {
        // Trailing 10 %: the anchor reaches 108 (bar 2's high), so bar 3's trail is 97.2, tighter than the stop 95 set on bar 2;
        // bar 3 opens at 97, below it.
        var options = Base with { Exits = new ExitRules { TrailingFraction = 0.1 } };
        var (ws, _) = Run(Up((97, 99, 96, 98)), (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.EnterLong();
            if (c.Bar == 2) c.SetStopLoss(95);
        }, options);
        var trade = Assert.Single(ws.Trades.ToArray());
        Assert.Equal((3, 97.0, ExitReason.TrailingStop, 95.0), (trade.ExitBar, trade.ExitPrice, trade.ExitReason, trade.StopLoss));
    }

    [Fact]
    public void A_short_stop_moves_above_the_close()
    {
        // Short at bar 1's open 100 (from bar 0's decision); stop moved to 101 on bar 1 (close 98); bar 2's high 102 reaches it.
        var bars = TestBars.From((100, 101, 99, 100), (100, 100, 97, 98), (99, 102, 98, 100), (100, 100, 99, 99));
        var (ws, _) = Run(bars, (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.EnterShort();
            if (c.Bar == 1)
            {
                ArgumentException? refused = null;
                try { c.SetStopLoss(97); }
                catch (ArgumentException e) { refused = e; }
                Assert.Equal("stopLoss", refused?.ParamName);
                c.SetStopLoss(101);
            }
        });
        var trade = Assert.Single(ws.Trades.ToArray());
        Assert.Equal((PositionSide.Short, 2, 101.0, ExitReason.StopLoss), (trade.Side, trade.ExitBar, trade.ExitPrice, trade.ExitReason));
    }

    [Fact]
    public void Wrong_sides_and_bad_prices_throw_naming_the_argument()
    {
        var bars = Up((107, 110, 106, 109));
        Assert.Equal("stopLoss", Assert.Throws<ArgumentException>(() => Run(bars, (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.EnterLong();
            if (c.Bar == 2) c.SetStopLoss(107);
        })).ParamName);
        Assert.Equal("takeProfit", Assert.Throws<ArgumentException>(() => Run(bars, (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.EnterLong();
            if (c.Bar == 2) c.SetTakeProfit(100);
        })).ParamName);
        Assert.Equal("stopLoss", Assert.Throws<ArgumentException>(() => Run(bars, (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.EnterLong();
            if (c.Bar == 2) c.SetStopLoss(double.NegativeInfinity);
        })).ParamName);
        Assert.Equal("limitPrice", Assert.Throws<ArgumentException>(() => Run(bars, (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.PlaceLong(EntryOrder.Stop(0.5));
            if (c.Bar == 1) c.AmendOrder(limitPrice: 120);
        })).ParamName);
        Assert.Equal("stopPrice", Assert.Throws<ArgumentException>(() => Run(bars, (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.PlaceLong(EntryOrder.Limit(0.5));
            if (c.Bar == 1) c.AmendOrder(stopPrice: 120);
        })).ParamName);
        Assert.Equal("limitPrice", Assert.Throws<ArgumentOutOfRangeException>(() => Run(bars, (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.PlaceLong(EntryOrder.Limit(0.5));
            if (c.Bar == 1) c.AmendOrder(limitPrice: -1);
        })).ParamName);
        Assert.Equal("order", Assert.Throws<ArgumentException>(() => Run(bars, (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.PlaceLong(EntryOrder.Limit(0.01));
        }, Base with { Accumulate = true })).ParamName);
        Assert.Equal("Offset", Assert.Throws<ArgumentOutOfRangeException>(() => Run(bars, (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.PlaceLong(new EntryOrder { Type = OrderType.Limit, Offset = 1 });
        })).ParamName);
    }

    [Fact]
    public void Nothing_to_amend_returns_false()
    {
        var (ws, strategy) = Run(Falling(), (ref StrategyContext c) =>
        {
            Assert.False(c.SetStopLoss(50));
            Assert.False(c.SetTakeProfit(150));
            Assert.False(c.AmendOrder(limitPrice: 90));
            Assert.False(c.CancelOrder());
        });
        Assert.Equal(5, strategy.Seen.Count);
        Assert.Empty(ws.Orders.ToArray());
    }

    [Fact]
    public void Zero_and_one_bar()
    {
        var (ws, strategy) = Run(TestBars.From(), (ref StrategyContext c) => c.PlaceLong(EntryOrder.Limit(0.01)));
        Assert.Empty(strategy.Seen);
        Assert.Empty(ws.Orders.ToArray());
        // Placed on the only bar: nothing is left to work on, recorded EndOfData at the limit.
        (ws, _) = Run(TestBars.From((100, 101, 99, 100)), (ref StrategyContext c) => c.PlaceLong(EntryOrder.Limit(0.05)));
        var order = Assert.Single(ws.Orders.ToArray());
        Assert.Equal((0, RejectReason.EndOfData, 95.0), (order.Bar, order.RejectReason, order.Price));
    }

    [Fact]
    public void Signal_close_timing_amends_from_the_next_bar_too()
    {
        // A working limit placed on bar 0's close, lowered on bar 1 to 93: filled on bar 3 as under next-open timing.
        var options = Base with { Timing = FillTiming.SignalClose };
        var (ws, _) = Run(Falling(), (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.PlaceLong(EntryOrder.Limit(0.05));
            if (c.Bar == 1) c.AmendOrder(limitPrice: 93);
        }, options);
        Assert.Equal((3, 93.0), (Entry(ws).Bar, Entry(ws).Price));
        // A market entry at bar 0's close (100), its stop set to 95 on bar 1's close: bar 2's low 94 reaches it.
        (ws, _) = Run(Falling(), (ref StrategyContext c) =>
        {
            if (c.Bar == 0) c.EnterLong();
            if (c.Bar == 1) c.SetStopLoss(95);
        }, options);
        var trade = ws.Trades[0];
        Assert.Equal((0, 100.0, 2, 95.0, ExitReason.StopLoss), (trade.EntryBar, trade.EntryPrice, trade.ExitBar, trade.ExitPrice, trade.ExitReason));
    }
}
