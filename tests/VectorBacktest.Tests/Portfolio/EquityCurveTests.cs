using FsCheck;
using FsCheck.Fluent;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;

namespace VectorBacktest.Tests.Portfolio;

/// <summary>The vectorized equity pass equals a plain bar-by-bar replay of the orders, bit for bit.</summary>
public class EquityCurveTests
{
    private static double[] Reference(ReadOnlySpan<double> close, ReadOnlySpan<OrderRecord> orders, double cash)
    {
        var equity = new double[close.Length];
        double balance = cash, q = 0, e = 0;
        int o = 0;
        for (int i = 0; i < close.Length; i++)
        {
            for (; o < orders.Length && orders[o].Bar <= i; o++)
            {
                if (orders[o].Status == OrderStatus.Rejected) continue;
                balance = orders[o].BalanceAfter; q = orders[o].PositionAfter; e = orders[o].EntryPriceAfter;
            }
            equity[i] = balance + (close[i] * q - q * e);
        }
        return equity;
    }

    [Fact]
    public void Equals_a_plain_replay_for_random_runs_of_every_length()
    {
        Prop.ForAll(Gen.Choose(0, 400).ToArbitrary(), Gen.Choose(0, 10_000).ToArbitrary(), (n, seed) =>
        {
            var bars = TestBars.Random(n, seed);
            var rng = new Random(seed);
            var le = new bool[n]; var se = new bool[n]; var lx = new bool[n];
            for (int i = 0; i < n; i++) { le[i] = rng.Next(12) == 0; se[i] = rng.Next(12) == 0; lx[i] = rng.Next(12) == 0; }
            var ws = new SimulationWorkspace();
            // Partial fills (capped entries and exits, carried or not) and adds move the position between full entries and exits.
            var options = new SimulationOptions
            {
                InitialCash = 1000,
                Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.02), TakeProfit = ExitLevel.Fraction(0.03) },
                Liquidity = rng.Next(2) == 0 ? default
                    : new LiquidityLimits { MaxVolumeShare = 0.001 + rng.NextDouble() * 0.01, Remainder = (RemainderPolicy)rng.Next(2) },
                Accumulate = rng.Next(2) == 0,
            };
            var summary = SignalSimulator.FromSignals(bars, new SignalInputs(le, lx, se, default), options,
                default(PessimisticFillModel), new FractionFee(0.001), new FixedFractionSlippage(0.0005), ws);
            var curve = EquityCurve.Build(bars, ws.Orders, 1000);
            var expected = Reference(bars.Close, ws.Orders, 1000);
            double peak = double.NegativeInfinity;
            for (int i = 0; i < n; i++)
            {
                if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(curve.Equity[i])) return false;
                peak = Math.Max(peak, expected[i]);
                if (curve.Drawdown[i] != 1 - expected[i] / peak) return false;
                if (Math.Abs(curve.Cash[i] + curve.PositionValue[i] - curve.Equity[i]) > 1e-9 * Math.Abs(curve.Equity[i])) return false;
            }
            return n == 0 || curve.Equity[n - 1] == summary.FinalEquity;
        }).Check(Config.QuickThrowOnFailure.WithQuietOnSuccess(true));
    }

    [Fact]
    public void Spans_of_the_wrong_length_are_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => EquityCurve.Compute(new double[3], [], 1, new double[3], new double[2], new double[3], new double[3]));
        Assert.Equal("positionValue", ex.ParamName);
    }
}
