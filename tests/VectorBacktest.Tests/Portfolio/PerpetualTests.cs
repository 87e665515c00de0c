using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;

namespace VectorBacktest.Tests.Portfolio;

/// <summary>Leverage, liquidation and funding of isolated-margin perpetual positions.</summary>
public class PerpetualTests
{
    private static SimulationSummary Run(VectorBacktest.Data.BarSeries bars, SignalInputs signals, SimulationOptions options, SimulationWorkspace ws) =>
        SignalSimulator.FromSignals(bars, signals, options, default(PessimisticFillModel), default(NoFee), default(NoSlippage), ws);

    [Fact]
    public void Leverage_multiplies_the_notional_and_liquidates_at_the_documented_price()
    {
        // 10x long from 100: liquidation at 100 × 0.9 / 0.996 = 90.3614...; bar 2 trades down to 89.
        var bars = TestBars.From((100, 100, 100, 100), (100, 101, 99, 100), (95, 96, 89, 90), (90, 90, 90, 90));
        var ws = new SimulationWorkspace();
        var options = new SimulationOptions { InitialCash = 1000, Leverage = 10, MaintenanceMargin = 0.004 };
        var summary = Run(bars, new SignalInputs(TestBars.At(4, 0), default), options, ws);
        var trade = ws.Trades[0];
        Assert.Equal(100, trade.Quantity, 9);
        Assert.Equal((ExitReason.Liquidation, 2), (trade.ExitReason, trade.ExitBar));
        double liquidation = 100 * (1 - 0.1) / (1 - 0.004);
        Assert.Equal(liquidation, trade.ExitPrice, 12);
        Assert.Equal(1000 + 100 * (liquidation - 100), summary.FinalEquity, 9);
    }

    [Fact]
    public void A_stop_loss_above_the_liquidation_price_fires_first()
    {
        var bars = TestBars.From((100, 100, 100, 100), (100, 101, 99, 100), (95, 96, 89, 90), (90, 90, 90, 90));
        var ws = new SimulationWorkspace();
        var options = new SimulationOptions
        {
            InitialCash = 1000, Leverage = 10, MaintenanceMargin = 0.004,
            Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.05) },
        };
        Run(bars, new SignalInputs(TestBars.At(4, 0), default), options, ws);
        Assert.Equal((ExitReason.StopLoss, 95.0), (ws.Trades[0].ExitReason, ws.Trades[0].ExitPrice));
    }

    [Fact]
    public void Short_liquidation_mirrors_the_long()
    {
        var bars = TestBars.From((100, 100, 100, 100), (100, 101, 99, 100), (104, 112, 103, 111), (111, 111, 111, 111));
        var ws = new SimulationWorkspace();
        var options = new SimulationOptions { InitialCash = 1000, Leverage = 10, MaintenanceMargin = 0.004 };
        Run(bars, new SignalInputs(default, default, TestBars.At(4, 0), default), options, ws);
        Assert.Equal(ExitReason.Liquidation, ws.Trades[0].ExitReason);
        Assert.Equal(100 * 1.1 / 1.004, ws.Trades[0].ExitPrice, 12);
    }

    [Fact]
    public void Funding_is_paid_on_the_bars_whose_open_the_position_is_held_through()
    {
        var bars = TestBars.Flat(6, 100);
        var funding = new[] { 0.01, 0.01, 0.01, 0.01, 0.01, 0.01 };
        var signals = new SignalInputs(TestBars.At(6, 1), TestBars.At(6, 3), default, default, default, funding);
        var ws = new SimulationWorkspace();
        // Next open: entry at bar 2's open, exit at bar 4's open: pays bars 2 and 3.
        var summary = Run(bars, signals, new SimulationOptions { InitialCash = 1000 }, ws);
        Assert.Equal(10 * 100 * 0.01 * 2, ws.Trades[0].Funding, 9);
        Assert.Equal(1000 - 20, summary.FinalEquity, 9);
        Assert.Equal(20, summary.TotalFunding, 9);
        // Signal close: entry at bar 1's close, exit at bar 3's close: pays bars 2 and 3.
        Run(bars, signals, new SimulationOptions { InitialCash = 1000, Timing = FillTiming.SignalClose }, ws);
        Assert.Equal(20, ws.Trades[0].Funding, 9);
        Assert.Equal(-20, ws.Trades[0].Pnl, 9);
    }

    [Fact]
    public void Shorts_receive_positive_funding_and_the_curve_marks_it_while_open()
    {
        var bars = TestBars.Flat(5, 100);
        var funding = new[] { 0.0, 0.0, 0.01, 0.0, 0.01 };
        var ws = new SimulationWorkspace();
        var summary = Run(bars, new SignalInputs(default, default, TestBars.At(5, 0), default, default, funding),
            new SimulationOptions { InitialCash = 1000 }, ws);
        Assert.True(ws.Trades[0].IsOpen);
        Assert.Equal(-20, summary.TotalFunding, 9);
        Assert.Equal(1020, summary.FinalEquity, 9);
        var curve = EquityCurve.Build(bars, ws.Orders, 1000, funding);
        Assert.Equal([1000, 1000, 1010, 1010, 1020], curve.Equity.Select(x => Math.Round(x, 9)));
    }

    [Fact]
    public void Bad_leverage_or_funding_is_named()
    {
        var bars = TestBars.Flat(3, 100);
        var ws = new SimulationWorkspace();
        Assert.Equal("Leverage", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Run(bars, new SignalInputs(new bool[3], default), new SimulationOptions { Leverage = 0.5 }, ws)).ParamName);
        Assert.Equal("MaintenanceMargin", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Run(bars, new SignalInputs(new bool[3], default), new SimulationOptions { Leverage = 10, MaintenanceMargin = 0.2 }, ws)).ParamName);
        Assert.Equal("signals.FundingRate", Assert.Throws<ArgumentException>(() =>
            Run(bars, new SignalInputs(new bool[3], default, default, default, default, new double[2]), new SimulationOptions(), ws)).ParamName);
        var nan = new[] { double.NaN, double.NaN, double.NaN };
        Assert.Contains("FundingRate", Assert.Throws<ArgumentException>(() =>
            Run(bars, new SignalInputs(TestBars.At(3, 0), default, default, default, default, nan), new SimulationOptions(), ws)).Message);
    }
}
