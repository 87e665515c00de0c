using VectorBacktest.Execution;
using VectorBacktest.Portfolio;
using static VectorBacktest.Tests.Portfolio.SignalTestRuns;

namespace VectorBacktest.Tests.Portfolio;

/// <summary>Liquidity caps on the exits of the signal drivers (partial closes); hand-computed, both drivers compared.</summary>
public class ExitLiquidityTests
{
    // Volume 10,000 on bar 1 (the entry's fill: a 1 % cap of 100 does not bind), 1000 elsewhere (a 1 % cap of 10 units).
    private static double[] Volumes(int n)
    {
        var volume = new double[n];
        Array.Fill(volume, 1000);
        volume[1] = 10_000;
        return volume;
    }

    private static SimulationOptions Capped(RemainderPolicy remainder) => new()
    {
        InitialCash = 1000, Sizing = OrderSizing.Quantity(25),
        Liquidity = new LiquidityLimits { MaxVolumeShare = 0.01, Remainder = remainder },
    };

    [Fact]
    public void Carried_exit_sells_the_cap_on_each_following_open_at_average_cost()
    {
        // Buy 25 @ 10 on bar 1 (fee 0.25); the exit decided on bar 2 sells 10 @ 12, 10 @ 11, 5 @ 13 on bars 3–5.
        var bars = WithVolume(TestBars.From((10, 10, 10, 10), (10, 10, 10, 10), (10, 12, 10, 12), (12, 12, 12, 12), (11, 11, 11, 11),
            (13, 13, 13, 13), (13, 13, 13, 13)), Volumes(7));
        var (summary, orders, trades) = Both(bars, TestBars.At(7, 0), TestBars.At(7, 2), Capped(RemainderPolicy.Carry));
        Assert.Equal(4, orders.Length);
        Assert.Equal([25.0, 10.0, 10.0, 5.0], orders.Select(o => o.Quantity));
        Assert.Equal([OrderStatus.Filled, OrderStatus.Partial, OrderStatus.Partial, OrderStatus.Filled], orders.Select(o => o.Status));
        Assert.Equal([0.0, 25.0, 15.0, 0.0], orders.Select(o => o.RequestedQuantity));
        Assert.Equal([1, 3, 4, 5], orders.Select(o => o.Bar));
        Assert.All(orders[1..], o => Assert.Equal((2, ExitReason.Signal, true), (o.DecisionBar, o.Reason, o.AtOpen)));
        Assert.Equal([25.0, 15.0, 5.0, 0.0], orders.Select(o => o.PositionAfter));
        Assert.Equal([10.0, 10.0, 10.0, 0.0], orders.Select(o => o.EntryPriceAfter));
        // Balance: 1000 − 0.25; + 10 × 2 − 0.12; + 10 × 1 − 0.11; + 5 × 3 − 0.065.
        Assert.Equal([999.75, 1019.63, 1029.52, 1044.455], orders.Select(o => Math.Round(o.BalanceAfter, 9)));
        Assert.Equal([10.0, 10.0, 5.0], trades.Select(t => t.Quantity));
        Assert.Equal([12.0, 11.0, 13.0], trades.Select(t => t.ExitPrice));
        // Each trade carries its share of the entry fee: 0.25 × 10/25, 0.15 × 10/15, the last 0.05.
        Assert.Equal([0.1, 0.1, 0.05], trades.Select(t => Math.Round(t.EntryFee, 12)));
        Assert.Equal([19.78, 9.79, 14.885], trades.Select(t => Math.Round(t.Pnl, 9)));
        Assert.Equal(1044.455, summary.FinalEquity, 9);
        Assert.Equal((4, 3), (summary.FilledOrders, summary.ClosedTrades));
    }

    [Fact]
    public void Cancelled_exit_remainder_stays_open_until_the_next_exit_signal()
    {
        // The exit decided on bar 2 sells 10 @ 12 on bar 3; the other 15 stay until the exit decided on bar 4 (bar 5: volume
        // 2000, cap 20) sells them @ 11.
        var volume = Volumes(7);
        volume[5] = 2000;
        var bars = WithVolume(TestBars.From((10, 10, 10, 10), (10, 10, 10, 10), (10, 12, 10, 12), (12, 12, 12, 12), (12, 12, 11, 11),
            (11, 11, 11, 11), (11, 11, 11, 11)), volume);
        var (summary, orders, trades) = Both(bars, TestBars.At(7, 0), TestBars.At(7, 2, 4), Capped(RemainderPolicy.Cancel));
        Assert.Equal([25.0, 10.0, 15.0], orders.Select(o => o.Quantity));
        Assert.Equal([OrderStatus.Filled, OrderStatus.Partial, OrderStatus.Filled], orders.Select(o => o.Status));
        Assert.Equal((25.0, 15.0), (orders[1].RequestedQuantity, orders[1].PositionAfter));
        Assert.Equal([3, 5], orders[1..].Select(o => o.Bar));
        Assert.Equal([12.0, 11.0], trades.Select(t => t.ExitPrice));
        // 999.75 + 10 × 2 − 0.12 + 15 × 1 − 0.165.
        Assert.Equal(1034.465, summary.FinalEquity, 9);
        Assert.Equal(1034.465, orders[^1].BalanceAfter, 9);
    }

    [Fact]
    public void Cancelled_exit_with_no_volume_is_rejected_and_the_position_stays()
    {
        var volume = Volumes(5);
        volume[3] = 0;
        var bars = WithVolume(TestBars.Flat(5, 10), volume);
        var (summary, orders, _) = Both(bars, TestBars.At(5, 0), TestBars.At(5, 2), Capped(RemainderPolicy.Cancel));
        Assert.Equal((OrderStatus.Rejected, RejectReason.NoLiquidity, ExitReason.Signal, 25.0),
            (orders[1].Status, orders[1].RejectReason, orders[1].Reason, orders[1].Quantity));
        Assert.Equal(25.0, summary.FinalPosition);
    }

    [Fact]
    public void Capped_reversal_opens_the_new_side_only_once_flat()
    {
        // Long 25 on bar 1; the short entry decided on bar 2 closes 10, 10, 5 on bars 3–5, then sells short 10 on bar 5
        // (its own cap), carrying 10 and 5 to bars 6 and 7.
        var bars = WithVolume(TestBars.Flat(9, 10), Volumes(9));
        var (summary, orders, trades) = Both(bars, TestBars.At(9, 0), new bool[9], Capped(RemainderPolicy.Carry), TestBars.At(9, 2), new bool[9]);
        Assert.Equal([25.0, 10.0, 10.0, 5.0, 10.0, 10.0, 5.0], orders.Select(o => o.Quantity));
        Assert.Equal([1, 3, 4, 5, 5, 6, 7], orders.Select(o => o.Bar));
        Assert.Equal([ExitReason.None, ExitReason.Reverse, ExitReason.Reverse, ExitReason.Reverse, ExitReason.None, ExitReason.None, ExitReason.None],
            orders.Select(o => o.Reason));
        Assert.Equal([25.0, 15.0, 5.0, 0.0, -10.0, -20.0, -25.0], orders.Select(o => o.PositionAfter));
        Assert.Equal((2, OrderStatus.Partial, 25.0), (orders[4].DecisionBar, orders[4].Status, orders[4].RequestedQuantity));
        Assert.Equal(3, trades.Count(t => t.ExitReason == ExitReason.Reverse));
        Assert.Equal(-25.0, summary.FinalPosition);

        // Cancelled: the closing half sells 10, the opening half is rejected, 15 stay long.
        var (cancelled, cancelledOrders, _) = Both(bars, TestBars.At(9, 0), new bool[9], Capped(RemainderPolicy.Cancel), TestBars.At(9, 2), new bool[9]);
        Assert.Equal(3, cancelledOrders.Length);
        Assert.Equal((OrderStatus.Partial, 10.0), (cancelledOrders[1].Status, cancelledOrders[1].Quantity));
        Assert.Equal((OrderSide.Sell, OrderStatus.Rejected, RejectReason.NoLiquidity, 3),
            (cancelledOrders[2].Side, cancelledOrders[2].Status, cancelledOrders[2].RejectReason, cancelledOrders[2].Bar));
        Assert.Equal(15.0, cancelled.FinalPosition);
    }

    [Fact]
    public void During_a_carried_exit_only_a_reversal_acts_and_opens_once_flat()
    {
        // The exit decided on bar 2 sells 10, 10, 5 on bars 3–5; the short entry decided on bar 3 opens at bar 5's open,
        // after the last sale; the long exit on bar 4 is ignored (the exit is already working).
        var bars = WithVolume(TestBars.Flat(10, 10), Volumes(10));
        var (summary, orders, _) = Both(bars, TestBars.At(10, 0), TestBars.At(10, 2, 4), Capped(RemainderPolicy.Carry), TestBars.At(10, 3), new bool[10]);
        Assert.Equal([(1, 0, 25.0), (3, 2, 10.0), (4, 2, 10.0), (5, 2, 5.0), (5, 3, 10.0), (6, 3, 10.0), (7, 3, 5.0)],
            orders.Select(o => (o.Bar, o.DecisionBar, o.Quantity)));
        Assert.Equal([ExitReason.Signal, ExitReason.Signal, ExitReason.Signal], orders[1..4].Select(o => o.Reason));
        Assert.Equal(-25.0, summary.FinalPosition);
    }

    [Fact]
    public void Capped_time_stop_is_carried_with_its_reason()
    {
        var bars = WithVolume(TestBars.Flat(8, 10), Volumes(8));
        var options = Capped(RemainderPolicy.Carry) with { Exits = new ExitRules { TimeStopBars = 2 } };
        var (_, orders, trades) = Both(bars, TestBars.At(8, 0), new bool[8], options);
        Assert.Equal([(3, 10.0), (4, 10.0), (5, 5.0)], orders[1..].Select(o => (o.Bar, o.Quantity)));
        Assert.All(trades, t => Assert.Equal(ExitReason.TimeStop, t.ExitReason));
    }

    [Fact]
    public void Capped_drawdown_halt_is_carried_with_its_reason()
    {
        // Bar 2 closes at 7: equity 999.75 − 75 is 7.5 % under the peak of 1000, so the halt sells from bar 3's open.
        var bars = WithVolume(TestBars.From((10, 10, 10, 10), (10, 10, 10, 10), (10, 10, 7, 7), (7, 7, 7, 7), (7, 7, 7, 7), (7, 7, 7, 7),
            (7, 7, 7, 7)), Volumes(7));
        var options = Capped(RemainderPolicy.Carry) with { Risk = new VectorBacktest.Portfolio.MultiAsset.RiskLimits { MaxDrawdown = 0.05 } };
        var (summary, orders, _) = Both(bars, TestBars.At(7, 0), new bool[7], options);
        Assert.Equal([(3, 10.0, ExitReason.DrawdownHalt), (4, 10.0, ExitReason.DrawdownHalt), (5, 5.0, ExitReason.DrawdownHalt)],
            orders[1..].Select(o => (o.Bar, o.Quantity, o.Reason)));
        Assert.Equal(0.0, summary.FinalPosition);
    }

    [Fact]
    public void Carried_reversal_ends_with_the_data_recording_both_halves()
    {
        var bars = WithVolume(TestBars.Flat(5, 10), Volumes(5));
        var (summary, orders, _) = Both(bars, TestBars.At(5, 0), new bool[5], Capped(RemainderPolicy.Carry), TestBars.At(5, 2), new bool[5]);
        // Bars 3 and 4 sell 10 each; 5 long are left when the data ends.
        Assert.Equal((OrderStatus.Rejected, RejectReason.EndOfData, ExitReason.Reverse, 5.0),
            (orders[^2].Status, orders[^2].RejectReason, orders[^2].Reason, orders[^2].Quantity));
        Assert.Equal((OrderSide.Sell, RejectReason.EndOfData, ExitReason.None, 2), (orders[^1].Side, orders[^1].RejectReason, orders[^1].Reason, orders[^1].DecisionBar));
        Assert.Equal(5.0, summary.FinalPosition);
    }

    [Theory]
    [InlineData(RemainderPolicy.Cancel)]
    [InlineData(RemainderPolicy.Carry)]
    public void Capped_stop_loss(RemainderPolicy remainder)
    {
        // Stop at 9.5 (5 % under 10). Bar 3 reaches it: 10 @ 9.5. Bar 4 opens at 9.6 and reaches 9.5 again; bar 5 gaps to 9.4.
        var bars = WithVolume(TestBars.From((10, 10, 10, 10), (10, 10, 10, 10), (10, 10, 10, 10), (10, 10, 9, 9.6), (9.6, 9.6, 9.0, 9.4),
            (9.4, 9.4, 9.2, 9.3), (9.3, 9.3, 9.3, 9.3)), Volumes(7));
        var options = Capped(remainder) with { Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.05) } };
        var (summary, orders, trades) = Both(bars, TestBars.At(7, 0), new bool[7], options);
        Assert.All(trades, t => Assert.Equal((ExitReason.StopLoss, 9.5), (t.ExitReason, t.StopLoss)));
        Assert.Equal([10.0, 10.0, 5.0], trades.Select(t => t.Quantity));
        Assert.Equal([3, 4, 5], trades.Select(t => t.ExitBar));
        // Cancelled: each bar's level (or the gap open) closes the cap again; carried: the rest sells at the next opens.
        double[] prices = remainder == RemainderPolicy.Cancel ? [9.5, 9.5, 9.4] : [9.5, 9.6, 9.4];
        Assert.Equal(prices, trades.Select(t => t.ExitPrice));
        Assert.Equal(remainder == RemainderPolicy.Carry, orders[2].AtOpen);
        Assert.Equal(999.75 + 10 * (prices[0] - 10) + 10 * (prices[1] - 10) + 5 * (prices[2] - 10) - 0.001 * (10 * prices[0] + 10 * prices[1] + 5 * prices[2]),
            summary.FinalEquity, 9);
    }

    [Fact]
    public void Exit_walks_the_bids_and_leaves_what_the_book_cannot_take()
    {
        // Every bar: bids 5 @ 9 and 5 @ 8, asks 100 @ 10 and 100 @ 11. Buy 12 @ 10; the exit sells 5 @ 9 + 5 @ 8 = 10 @ 8.5.
        int n = 5;
        var bid = new double[2 * n]; var bidQ = new double[2 * n]; var ask = new double[2 * n]; var askQ = new double[2 * n];
        for (int i = 0; i < n; i++)
        {
            (bid[2 * i], bid[2 * i + 1], bidQ[2 * i], bidQ[2 * i + 1]) = (9, 8, 5, 5);
            (ask[2 * i], ask[2 * i + 1], askQ[2 * i], askQ[2 * i + 1]) = (10, 11, 100, 100);
        }
        var options = new SimulationOptions
        {
            InitialCash = 1000, Sizing = OrderSizing.Quantity(12),
            Liquidity = new LiquidityLimits { Depth = new OrderBookDepth(2, bid, bidQ, ask, askQ) },
        };
        var (summary, orders, trades) = Both(TestBars.Flat(n, 10), TestBars.At(n, 0), TestBars.At(n, 2), options);
        Assert.Equal((OrderStatus.Partial, 10.0, 12.0, 8.5), (orders[1].Status, orders[1].Quantity, orders[1].RequestedQuantity, orders[1].Price));
        Assert.Equal((10.0, 8.5), (trades[0].Quantity, trades[0].ExitPrice));
        Assert.Equal(2.0, summary.FinalPosition);
        // 1000 − 0.12 (entry fee) + 10 × (8.5 − 10) − 0.085, and the 2 held are marked at the close of 10.
        Assert.Equal(1000 - 0.12 - 15 - 0.085, summary.FinalEquity, 9);
    }

    [Fact]
    public void Liquidation_is_not_capped()
    {
        // Leverage 5, maintenance 0: a long @ 10 is liquidated at 8; bar 3 reaches it and the whole 25 close there.
        var bars = WithVolume(TestBars.From((10, 10, 10, 10), (10, 10, 10, 10), (10, 10, 10, 10), (10, 10, 7.5, 8), (8, 8, 8, 8)), Volumes(5));
        var options = Capped(RemainderPolicy.Cancel) with { Leverage = 5 };
        var (_, orders, trades) = Both(bars, TestBars.At(5, 0), new bool[5], options);
        var trade = Assert.Single(trades);
        Assert.Equal((ExitReason.Liquidation, 25.0, 8.0), (trade.ExitReason, trade.Quantity, trade.ExitPrice));
        Assert.Equal(OrderStatus.Filled, orders[^1].Status);
    }

    [Fact]
    public void Liquidity_with_a_funding_column_is_refused_naming_the_options()
    {
        var error = Assert.Throws<ArgumentException>(() => SignalSimulator.FromSignals(TestBars.Flat(3, 10),
            new SignalInputs(new bool[3], new bool[3], default, default, default, new double[3]), Capped(RemainderPolicy.Cancel),
            new SimulationWorkspace()));
        Assert.Equal("options", error.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Lengths_zero_and_one(int n)
    {
        var bars = WithVolume(TestBars.Flat(n, 10), new double[n]);
        var (summary, orders, _) = Both(bars, TestBars.At(n, [.. Enumerable.Range(0, n)]), new bool[n], Capped(RemainderPolicy.Carry) with { Accumulate = true });
        Assert.Equal(1000.0, summary.FinalEquity);
        Assert.All(orders, o => Assert.Equal(RejectReason.EndOfData, o.RejectReason));
    }
}
