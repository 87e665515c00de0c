using VectorBacktest.Execution;
using VectorBacktest.Kernels;
using VectorBacktest.Portfolio;
using VectorBacktest.Presets;
using VectorBacktest.Tests.Infrastructure;

namespace VectorBacktest.Tests.Presets;

public class BacktestingPyPresetTests
{
    public static TheoryData<string> Cases => new() { "case0_published", "case1", "case2", "case3", "case6_btc1h" };

    private static (BacktestingPyCase Case, SimulationWorkspace Workspace, SimulationSummary Summary) Run(string name)
    {
        var c = BacktestingPyCase.Load(name);
        var preset = new BacktestingPyPreset(c.Cash, c.Commission, c.Spread, c.StopLoss, c.TakeProfit);
        var workspace = new SimulationWorkspace();
        var signals = new SignalInputs(Crossings.Above(c.Fast, c.Slow), default, Crossings.Above(c.Slow, c.Fast), default);
        return (c, workspace, preset.Run(c.Bars, signals, workspace));
    }

    private static void Close(double expected, double actual, string what)
    {
        if (double.IsNaN(expected)) { Assert.True(double.IsNaN(actual), $"{what}: expected NaN, got {actual}"); return; }
        double tolerance = 1e-9 * Math.Max(1.0, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R}");
    }

    [SharedTheory]
    [MemberData(nameof(Cases))]
    public void Trades_match_golden(string name)
    {
        var (c, workspace, summary) = Run(name);
        var g = c.Trades;
        var trades = workspace.Trades;
        Assert.Equal(g.Count, trades.Length);
        Assert.Equal(g.Count, summary.ClosedTrades);
        double[] entryBar = g.Doubles("entry_bar"), exitBar = g.Doubles("exit_bar"), size = g.Doubles("size");
        double[] entry = g.Doubles("entry_price"), exit = g.Doubles("exit_price"), sl = g.Doubles("sl"), tp = g.Doubles("tp");
        double[] pnl = g.Doubles("pnl"), ret = g.Doubles("return_frac"), commission = g.Doubles("commission");
        long[] entryTime = g.EpochMs("entry_time"), exitTime = g.EpochMs("exit_time");
        for (int t = 0; t < trades.Length; t++)
        {
            var r = trades[t];
            string at = $"{name} trade {t}";
            Assert.Equal((int)entryBar[t], r.EntryBar);
            Assert.Equal((int)exitBar[t], r.ExitBar);
            Assert.Equal(entryTime[t], r.EntryTime);
            Assert.Equal(exitTime[t], r.ExitTime);
            Assert.Equal(size[t], r.Size);
            Close(entry[t], r.EntryPrice, at + " entry price");
            Close(exit[t], r.ExitPrice, at + " exit price");
            Close(sl[t], r.StopLoss, at + " sl");
            Close(tp[t], r.TakeProfit, at + " tp");
            Close(pnl[t], r.Pnl, at + " pnl");
            Close(ret[t], r.Return, at + " return");
            Close(commission[t], r.Commission, at + " commission");
        }
    }

    [SharedTheory]
    [MemberData(nameof(Cases))]
    public void Equity_matches_golden(string name)
    {
        var (c, workspace, summary) = Run(name);
        var curve = EquityCurve.Build(c.Bars, workspace.Orders, c.Cash);
        double[] equity = c.Equity.Doubles("equity"), drawdown = c.Equity.Doubles("drawdown_frac");
        Assert.Equal(equity.Length, curve.Length);
        for (int i = 0; i < equity.Length; i++)
        {
            Close(equity[i], curve.Equity[i], $"{name} equity bar {i}");
            Close(drawdown[i], curve.Drawdown[i], $"{name} drawdown bar {i}");
        }
        Close(equity[^1], summary.FinalEquity, name + " final equity");
        Assert.Equal(0, summary.FinalPosition);
    }

    [SharedTheory]
    [MemberData(nameof(Cases))]
    public void Position_after_each_bar_matches_golden(string name)
    {
        var (c, workspace, _) = Run(name);
        var curve = EquityCurve.Build(c.Bars, workspace.Orders, c.Cash);
        double[] expected = c.Equity.Doubles("position_seen_by_next");
        // The golden's last row does not reflect the finalize close, so compare all bars but the last.
        for (int i = 0; i < expected.Length - 1; i++)
        {
            double position = curve.PositionValue[i] / c.Bars.Close[i];
            Assert.True(Math.Abs(expected[i] - position) < 1e-6, $"{name} bar {i}: position {position}, expected {expected[i]}");
        }
    }
}
