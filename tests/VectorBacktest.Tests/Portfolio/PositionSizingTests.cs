using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;

namespace VectorBacktest.Tests.Portfolio;

/// <summary>Volatility-target and fractional-Kelly sizing in the single-asset book.</summary>
public class PositionSizingTests
{
    private static SimulationSummary Run(VectorBacktest.Data.BarSeries bars, bool[] entries, bool[] exits, double[] atr, OrderSizing sizing, SimulationWorkspace ws) =>
        SignalSimulator.FromSignals(bars, new SignalInputs(entries, exits, default, default, atr),
            new SimulationOptions { InitialCash = 1000, Sizing = sizing }, default(PessimisticFillModel), default(NoFee), default(NoSlippage), ws);

    [Fact]
    public void Volatility_target_sizes_so_that_atr_times_quantity_is_the_risk_and_is_capped_by_cash()
    {
        var bars = TestBars.Flat(4, 100);
        var ws = new SimulationWorkspace();
        Run(bars, TestBars.At(4, 0), new bool[4], [5.0, 5, 5, 5], OrderSizing.VolatilityTarget(0.02), ws);
        Assert.Equal(0.02 * 1000 / 5, ws.Orders[0].Quantity, 12);
        Run(bars, TestBars.At(4, 0), new bool[4], [0.01, 5, 5, 5], OrderSizing.VolatilityTarget(0.02), ws);
        Assert.Equal(10.0, ws.Orders[0].Quantity, 12);
        Assert.Equal("signals", Assert.Throws<ArgumentException>(() => Run(bars, TestBars.At(4, 0), new bool[4], [], OrderSizing.VolatilityTarget(0.02), ws)).ParamName);
    }

    [Fact]
    public void Kelly_uses_the_prior_then_the_run_s_own_trades()
    {
        // Trades: 100 → 110 (win), 100 → 90 (loss), then a third entry sized from p = 1/2, b = 1: Kelly weight 0, rejected.
        var bars = TestBars.From((100, 100, 100, 100), (100, 110, 100, 110), (110, 110, 110, 110), (100, 100, 100, 100), (100, 100, 90, 90),
            (90, 90, 90, 90), (100, 100, 100, 100), (100, 100, 100, 100));
        var ws = new SimulationWorkspace();
        var sizing = OrderSizing.Kelly(0.5, 0.6, 2.0, minTrades: 2);
        Run(bars, TestBars.At(8, 0, 3, 6), TestBars.At(8, 1, 4), [], sizing, ws);
        Assert.Equal(0.5 * (0.6 - 0.4 / 2.0) * 1000 / 100, ws.Orders[0].Quantity, 12);
        Assert.Equal((OrderStatus.Rejected, RejectReason.NoEdge), (ws.Orders[^1].Status, ws.Orders[^1].RejectReason));
        Assert.Equal("payoff", Assert.Throws<ArgumentOutOfRangeException>(() => OrderSizing.Kelly(0.5, 0.5, 0)).ParamName);
    }
}
