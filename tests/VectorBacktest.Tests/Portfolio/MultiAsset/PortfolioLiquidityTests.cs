using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio.MultiAsset;

namespace VectorBacktest.Tests.Portfolio.MultiAsset;

/// <summary>Volume-share caps on the fills of multi-asset <c>FromSignals</c>, with cancelled or carried remainders.</summary>
public class PortfolioLiquidityTests
{
    private const long Hour = 3_600_000L;

    // Flat bars at the given prices (open = high = low = close), one hour apart, with the given volumes.
    private static BarSeries Series(string symbol, double[] prices, double[] volumes)
    {
        var t = new long[prices.Length];
        for (int i = 0; i < t.Length; i++) t[i] = i * Hour;
        return BarSeries.FromArrays(symbol, Timeframe.Parse("1h"), t, prices, prices, prices, prices, volumes);
    }

    private static double[] Repeat(int n, double value)
    {
        var values = new double[n];
        Array.Fill(values, value);
        return values;
    }

    private static PortfolioWorkspace Run(Universe universe, bool[] entries, bool[] exits, PortfolioOptions options)
    {
        var ws = new PortfolioWorkspace();
        PortfolioSimulator.FromSignals(universe, new PortfolioSignals(entries, exits), options, default(NoFee), default(NoSlippage), ws);
        return ws;
    }

    [Fact]
    public void A_capped_entry_is_carried_on_the_following_bars_and_shares_the_cash()
    {
        // A (price 100, volume 1000) fills at most 0.5 % = 5 units a bar; it wants 0.6 × 2500 / 100 = 15. Bar 1: 5, the rest
        // carried; bar 2: 5 more, then B (price 50, plenty of volume) buys 0.6 × 2500 / 50 = 30 units with the last 1500 of
        // free cash; bar 3: the carried 5 find no cash left and the remainder ends.
        var a = Series("A", Repeat(5, 100), Repeat(5, 1000));
        var b = Series("B", Repeat(5, 50), Repeat(5, 1e9));
        var entries = new bool[10];
        entries[0] = entries[5 + 1] = true;
        var options = new PortfolioOptions
        {
            InitialCash = 2500, Sizing = PortfolioSizing.EquityWeight(0.6),
            Liquidity = new LiquidityLimits { MaxVolumeShare = 0.005, Remainder = RemainderPolicy.Carry },
        };
        var orders = Run(Universe.Create(a, b), entries, new bool[10], options).Orders.ToArray();
        Assert.Equal(4, orders.Length);
        Assert.Equal((0, 1, 0, OrderStatus.Partial, 5.0, 15.0), (orders[0].Asset, orders[0].Bar, orders[0].DecisionBar, orders[0].Status, orders[0].Quantity, orders[0].RequestedQuantity));
        Assert.Equal((0, 2, 0, OrderStatus.Partial, 5.0, 10.0), (orders[1].Asset, orders[1].Bar, orders[1].DecisionBar, orders[1].Status, orders[1].Quantity, orders[1].RequestedQuantity));
        Assert.Equal((1, 2, OrderStatus.Filled, 30.0), (orders[2].Asset, orders[2].Bar, orders[2].Status, orders[2].Quantity));
        Assert.Equal((0, 3, 0, OrderStatus.Rejected, RejectReason.InsufficientFunds, 5.0),
            (orders[3].Asset, orders[3].Bar, orders[3].DecisionBar, orders[3].Status, orders[3].RejectReason, orders[3].Quantity));

        // Without B the carried remainder fills on bar 3.
        var alone = Run(Universe.Create(a, b), entries.Select((e, k) => e && k < 5).ToArray(), new bool[10], options);
        Assert.Equal((0, 3, OrderStatus.Filled, 5.0, 0.0), (alone.Orders[2].Asset, alone.Orders[2].Bar, alone.Orders[2].Status, alone.Orders[2].Quantity, alone.Orders[2].RequestedQuantity));
        Assert.Equal(2500 - 15 * 100.0, alone.Cash[^1], 9);
    }

    [Fact]
    public void A_carried_entry_is_cancelled_by_its_exit_and_ends_with_the_data()
    {
        // A and B each want 15 units, 5 fill per bar. A's exit decided on bar 1 sells the 5 held on bar 2's open, before its
        // remainder would have been worked there, and the remainder is cancelled; B's remainder is still carried when the data ends.
        var a = Series("A", Repeat(4, 100), Repeat(4, 1000));
        var b = Series("B", Repeat(4, 100), Repeat(4, 1000));
        var entries = new bool[8];
        entries[0] = entries[4 + 1] = true;
        var exits = new bool[8];
        exits[1] = true;
        var ws = Run(Universe.Create(a, b), entries, exits, new PortfolioOptions
        {
            InitialCash = 2500, Sizing = PortfolioSizing.EquityWeight(0.6),
            Liquidity = new LiquidityLimits { MaxVolumeShare = 0.005, Remainder = RemainderPolicy.Carry },
        });
        var orders = ws.Orders.ToArray();
        Assert.Equal((0, 1, OrderSide.Buy, OrderStatus.Partial, 5.0), (orders[0].Asset, orders[0].Bar, orders[0].Side, orders[0].Status, orders[0].Quantity));
        Assert.Equal((0, 2, OrderSide.Sell, OrderStatus.Filled, ExitReason.Signal, 5.0), (orders[1].Asset, orders[1].Bar, orders[1].Side, orders[1].Status, orders[1].Reason, orders[1].Quantity));
        Assert.Equal((1, 2, OrderStatus.Partial, 5.0, 15.0), (orders[2].Asset, orders[2].Bar, orders[2].Status, orders[2].Quantity, orders[2].RequestedQuantity));
        Assert.Equal((0, 2, 0, OrderSide.Buy, RejectReason.Cancelled, 10.0), (orders[3].Asset, orders[3].Bar, orders[3].DecisionBar, orders[3].Side, orders[3].RejectReason, orders[3].Quantity));
        Assert.Equal((1, 3, 1, OrderStatus.Partial, 5.0, 10.0), (orders[4].Asset, orders[4].Bar, orders[4].DecisionBar, orders[4].Status, orders[4].Quantity, orders[4].RequestedQuantity));
        Assert.Equal((1, 3, 1, RejectReason.EndOfData, 5.0), (orders[5].Asset, orders[5].Bar, orders[5].DecisionBar, orders[5].RejectReason, orders[5].Quantity));
        Assert.Equal(6, orders.Length);
        Assert.Equal(2500.0, ws.Equity[^1], 9);
    }

    [Fact]
    public void A_capped_exit_closes_part_of_the_position_and_the_rest_is_kept_or_carried()
    {
        // 15 units bought at 100 (plenty of volume on bar 1); the exit decided on bar 2 fills at most 1 % of 1000 = 10 units on
        // bar 3's open at 110. Cancel: 5 units stay open (marked at 120). Carry: they are sold on bar 4's open at 120.
        var a = Series("A", [100, 100, 100, 110, 120, 120], [1e9, 1e9, 1e9, 1000, 1000, 1000]);
        var entries = new bool[6];
        entries[0] = true;
        var exits = new bool[6];
        exits[2] = true;
        var options = new PortfolioOptions { InitialCash = 2000, Sizing = PortfolioSizing.EquityWeight(0.75), Liquidity = new LiquidityLimits { MaxVolumeShare = 0.01 } };
        var cancel = Run(Universe.Create(a), entries, exits, options);
        var exit = cancel.Orders[1];
        Assert.Equal((3, OrderStatus.Partial, ExitReason.Signal, 10.0, 15.0, 5.0), (exit.Bar, exit.Status, exit.Reason, exit.Quantity, exit.RequestedQuantity, exit.PositionAfter));
        Assert.Equal(2, cancel.Orders.Length);
        Assert.Equal((10.0, 100.0, ExitReason.Signal), (cancel.Trades[0].Quantity, cancel.Trades[0].Pnl, cancel.Trades[0].ExitReason));
        Assert.Equal((5.0, ExitReason.None), (cancel.Trades[1].Quantity, cancel.Trades[1].ExitReason));
        Assert.Equal(2000 + 100 + 5 * 20.0, cancel.Equity[^1], 9);
        Assert.Equal(2100 - 5 * 100.0, cancel.Cash[^1], 9);

        var carry = Run(Universe.Create(a), entries, exits, options with { Liquidity = options.Liquidity with { Remainder = RemainderPolicy.Carry } });
        Assert.Equal(3, carry.Orders.Length);
        Assert.Equal((4, 2, OrderStatus.Filled, ExitReason.Signal, 5.0, 0.0), (carry.Orders[2].Bar, carry.Orders[2].DecisionBar, carry.Orders[2].Status,
            carry.Orders[2].Reason, carry.Orders[2].Quantity, carry.Orders[2].PositionAfter));
        Assert.Equal((5.0, 100.0, 120.0), (carry.Trades[1].Quantity, carry.Trades[1].Pnl, carry.Trades[1].ExitPrice));
        Assert.Equal(2200.0, carry.Equity[^1], 9);

        // Signal-close timing: the exit decided on bar 3 sells 10 at its close (110), the carried 5 at bar 4's close (120).
        var atClose = new bool[6];
        atClose[3] = true;
        var close = Run(Universe.Create(a), entries, atClose, options with
        {
            Timing = FillTiming.SignalClose, Liquidity = options.Liquidity with { Remainder = RemainderPolicy.Carry },
        });
        Assert.Equal((3, 3, OrderStatus.Partial, 10.0, 110.0, false), (close.Orders[1].Bar, close.Orders[1].DecisionBar, close.Orders[1].Status,
            close.Orders[1].Quantity, close.Orders[1].Price, close.Orders[1].AtOpen));
        Assert.Equal((4, 3, OrderStatus.Filled, 5.0, 120.0), (close.Orders[2].Bar, close.Orders[2].DecisionBar, close.Orders[2].Status,
            close.Orders[2].Quantity, close.Orders[2].Price));
        Assert.Equal(2200.0, close.Equity[^1], 9);
    }

    [Fact]
    public void A_reversal_whose_close_is_capped_does_not_open_the_other_side()
    {
        // Long 15 at 100; a short entry decided on bar 2 closes 10 on bar 3 (1 % of 1000) and its opening half is rejected.
        var a = Series("A", [100, 100, 100, 100, 100], [1e9, 1e9, 1e9, 1000, 1000]);
        var longs = new bool[5];
        longs[0] = true;
        var shorts = new bool[5];
        shorts[2] = true;
        var ws = new PortfolioWorkspace();
        PortfolioSimulator.FromSignals(Universe.Create(a), new PortfolioSignals(longs, default, shorts),
            new PortfolioOptions { InitialCash = 2000, Sizing = PortfolioSizing.EquityWeight(0.75), Liquidity = new LiquidityLimits { MaxVolumeShare = 0.01 } },
            default(NoFee), default(NoSlippage), ws);
        Assert.Equal((OrderStatus.Partial, ExitReason.Reverse, 10.0), (ws.Orders[1].Status, ws.Orders[1].Reason, ws.Orders[1].Quantity));
        Assert.Equal((OrderSide.Sell, OrderStatus.Rejected, RejectReason.NoLiquidity), (ws.Orders[2].Side, ws.Orders[2].Status, ws.Orders[2].RejectReason));
        Assert.Equal(3, ws.Orders.Length);
    }

    [Fact]
    public void The_drawdown_stop_s_capped_closes_continue_on_the_following_bars()
    {
        // 15 units bought at 100; bar 2's close at 80 is a 15 % drawdown (stop at 10 %). Bar 3 sells the 10 its volume allows,
        // bar 4 the last 5, although the remainder policy is Cancel: the stopped portfolio keeps closing what it holds.
        var a = Series("A", [100, 100, 80, 80, 80, 80], [1e9, 1e9, 1e9, 1000, 1000, 1000]);
        var entries = new bool[6];
        entries[0] = true;
        var ws = Run(Universe.Create(a), entries, new bool[6], new PortfolioOptions
        {
            InitialCash = 2000, Sizing = PortfolioSizing.EquityWeight(0.75), Risk = new RiskLimits { MaxDrawdown = 0.1 },
            Liquidity = new LiquidityLimits { MaxVolumeShare = 0.01 },
        });
        Assert.Equal(3, ws.Orders.Length);
        Assert.Equal((3, 2, OrderStatus.Partial, ExitReason.DrawdownHalt, 10.0), (ws.Orders[1].Bar, ws.Orders[1].DecisionBar, ws.Orders[1].Status, ws.Orders[1].Reason, ws.Orders[1].Quantity));
        Assert.Equal((4, 3, OrderStatus.Filled, ExitReason.DrawdownHalt, 5.0), (ws.Orders[2].Bar, ws.Orders[2].DecisionBar, ws.Orders[2].Status, ws.Orders[2].Reason, ws.Orders[2].Quantity));
        Assert.Equal(1700.0, ws.Equity[^1], 9);
    }
}
