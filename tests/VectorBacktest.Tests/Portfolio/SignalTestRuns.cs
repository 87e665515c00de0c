using VectorBacktest.Data;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;

namespace VectorBacktest.Tests.Portfolio;

/// <summary>Runs signal columns through both single-asset drivers and requires identical summaries and records.</summary>
internal static class SignalTestRuns
{
    private struct Replay(bool[] le, bool[] lx, bool[] se, bool[] sx) : IBarStrategy
    {
        public void OnBar(ref StrategyContext context)
        {
            int t = context.Bar;
            if (le[t]) context.EnterLong();
            if (lx[t]) context.ExitLong();
            if (se.Length > 0 && se[t]) context.EnterShort();
            if (sx.Length > 0 && sx[t]) context.ExitShort();
        }
    }

    /// <summary>Fee 0.1 % of notional, no slippage, pessimistic fills.</summary>
    public static (SimulationSummary Summary, OrderRecord[] Orders, TradeRecord[] Trades) Both(BarSeries bars, bool[] le, bool[] lx,
        SimulationOptions options, bool[]? se = null, bool[]? sx = null)
    {
        se ??= [];
        sx ??= [];
        var vectorWs = new SimulationWorkspace();
        var eventWs = new SimulationWorkspace();
        var fee = new FractionFee(0.001);
        var vector = SignalSimulator.FromSignals(bars, new SignalInputs(le, lx, se, sx), options, default(PessimisticFillModel), fee,
            default(NoSlippage), vectorWs);
        var strategy = new Replay(le, lx, se, sx);
        var events = EventDrivenSimulator.Run(bars, ref strategy, options, default(PessimisticFillModel), fee, default(NoSlippage), eventWs);
        Assert.Equal(vector, events);
        Assert.Equal(vectorWs.Orders.ToArray(), eventWs.Orders.ToArray());
        Assert.Equal(vectorWs.Trades.ToArray(), eventWs.Trades.ToArray());
        var curve = EquityCurve.Build(bars, vectorWs.Orders, options.InitialCash);
        if (bars.Length > 0) Assert.Equal(vector.FinalEquity, curve.Equity[^1]);
        return (vector, vectorWs.Orders.ToArray(), vectorWs.Trades.ToArray());
    }

    /// <summary>The bars with another volume column.</summary>
    public static BarSeries WithVolume(BarSeries bars, double[] volume) =>
        BarSeries.FromArrays("TEST", null, bars.Time.ToArray(), bars.Open.ToArray(), bars.High.ToArray(), bars.Low.ToArray(),
            bars.Close.ToArray(), volume);
}
