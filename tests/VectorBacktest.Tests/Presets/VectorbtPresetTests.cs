using VectorBacktest.Execution;
using VectorBacktest.Portfolio;
using VectorBacktest.Presets;
using VectorBacktest.Tests.Portfolio;

namespace VectorBacktest.Tests.Presets;

/// <summary>The rules of shared/reference/vbt/SEMANTICS.md on hand-made bars.</summary>
public class VectorbtPresetTests
{
    [Fact]
    public void Fills_at_the_signal_close_with_slippage_and_all_in_sizing()
    {
        var bars = TestBars.From((100, 101, 99, 100), (100, 111, 99, 110), (110, 111, 109, 110));
        var ws = new SimulationWorkspace();
        var summary = new VectorbtPreset(1000, 0.001, 0.01).Run(bars, new SignalInputs(TestBars.At(3, 0), TestBars.At(3, 1)), ws);
        var trade = ws.Trades[0];
        Assert.Equal((0, 1, 101.0, 110 * 0.99), (trade.EntryBar, trade.ExitBar, trade.EntryPrice, trade.ExitPrice));
        Assert.Equal(1000 / 1.001 / 101, trade.Quantity, 12);
        Assert.Equal(0, ws.Orders[0].BalanceAfter - trade.Quantity * trade.EntryPrice, 9); // all cash spent
        Assert.Equal(trade.Quantity * 108.9 * 0.999, summary.FinalEquity, 9);
    }

    [Fact]
    public void Stops_from_the_entry_close_are_checked_from_the_next_bar_without_slippage_and_preempt_the_signal()
    {
        // Entry at bar 0's close 100 (filled at 101 with slippage); SL 2 % at 98. Bar 0's own low (97) is not checked.
        // Bar 1 reaches 97.5: stop at 98, no slippage; bar 1's exit signal is pre-empted.
        var bars = TestBars.From((100, 101, 97, 100), (99, 99.5, 97.5, 99), (99, 99, 99, 99));
        var ws = new SimulationWorkspace();
        new VectorbtPreset(1000, 0.001, 0.01, stopLoss: 0.02).Run(bars, new SignalInputs(TestBars.At(3, 0), TestBars.At(3, 1)), ws);
        var trade = Assert.Single(ws.Trades.ToArray());
        Assert.Equal((1, 98.0, ExitReason.StopLoss), (trade.ExitBar, trade.ExitPrice, trade.ExitReason));
        Assert.Equal(2, ws.Orders.Length);
    }

    [Fact]
    public void Open_position_stays_open_and_is_counted_as_an_open_trade()
    {
        var bars = TestBars.From((100, 101, 99, 100), (100, 111, 99, 110));
        var ws = new SimulationWorkspace();
        var summary = new VectorbtPreset(1000, 0, 0).Run(bars, new SignalInputs(TestBars.At(2, 0), default), ws);
        Assert.True(ws.Trades[0].IsOpen);
        Assert.Equal(1100, summary.FinalEquity, 9);
        var result = SimulationResult.Capture(summary, ws);
        Assert.Equal(1100, result.EquityCurve(bars).Equity[1], 9);
        Assert.Single(result.Trades);
    }
}
