using FsCheck;
using FsCheck.Fluent;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;

namespace VectorBacktest.Tests.Portfolio;

/// <summary>
/// The vectorized pass against an independent, deliberately plain bar-by-bar simulator written here from the
/// documented rules (market orders, all-cash sizing, fraction fee, fixed slippage, fractional SL/TP from the fill
/// price, pessimistic, spot-style cash accounting).
/// </summary>
public class ReferenceSimulatorTests
{
    private sealed record Trade(int EntryBar, int ExitBar, int Side, double Quantity, double Entry, double Exit);

    private static (List<Trade> Trades, double Equity) Reference(VectorBacktest.Data.BarSeries bars, bool[] le, bool[] lx, bool[] se, bool[] sx,
        bool nextOpen, double fee, double slip, double slFrac, double tpFrac, double cash)
    {
        int n = bars.Length;
        var o = bars.Open.ToArray(); var h = bars.High.ToArray(); var l = bars.Low.ToArray(); var c = bars.Close.ToArray();
        var trades = new List<Trade>();
        int side = 0, entryBar = -1, checkFrom = 0;
        double qty = 0, entry = 0, sl = 0, tp = 0;
        int pending = 0; // +1 go long, -1 go short, 2 close

        void Open(int s, int bar, double basePrice)
        {
            double p = s > 0 ? basePrice * (1 + slip) : basePrice * (1 - slip);
            double q = cash / (1.0 + fee) / p;
            double f = q * p * fee;
            cash += s > 0 ? -(q * p) - f : q * p - f;
            side = s; qty = q; entry = p; entryBar = bar;
            sl = slFrac > 0 ? (s > 0 ? p * (1 - slFrac) : p * (1 + slFrac)) : double.NaN;
            tp = tpFrac > 0 ? (s > 0 ? p * (1 + tpFrac) : p * (1 - tpFrac)) : double.NaN;
        }
        void Close(int bar, double price, bool slipIt)
        {
            double p = !slipIt ? price : side > 0 ? price * (1 - slip) : price * (1 + slip);
            double f = qty * p * fee;
            cash += side > 0 ? qty * p - f : -(qty * p) - f;
            trades.Add(new Trade(entryBar, bar, side, qty, entry, p));
            side = 0;
        }
        void Act(int action, int bar, double price)
        {
            if (action == 2) Close(bar, price, true);
            else
            {
                if (side != 0) Close(bar, price, true);
                Open(action, bar, price);
            }
        }

        for (int t = 0; t < n; t++)
        {
            if (nextOpen && pending != 0)
            {
                Act(pending, t, o[t]);
                if (side != 0) checkFrom = t;
                pending = 0;
            }
            bool stopped = false;
            if (side != 0 && t >= checkFrom)
            {
                double lower = side > 0 ? sl : tp, upper = side > 0 ? tp : sl;
                if (double.IsNaN(lower)) lower = double.NegativeInfinity;
                if (double.IsNaN(upper)) upper = double.PositiveInfinity;
                double price = double.NaN; bool lowerHit = false;
                if (o[t] <= lower) { price = o[t]; lowerHit = true; }
                else if (o[t] >= upper) price = o[t];
                else if (l[t] <= lower && h[t] >= upper) { lowerHit = side > 0; price = side > 0 ? lower : upper; }
                else if (l[t] <= lower) { price = lower; lowerHit = true; }
                else if (h[t] >= upper) price = upper;
                if (!double.IsNaN(price))
                {
                    bool isStop = lowerHit == (side > 0);
                    Close(t, price, isStop);
                    stopped = true;
                }
            }
            if (stopped && !nextOpen) continue;
            bool e1 = le[t] && !lx[t], x1 = lx[t] && !le[t], e2 = se[t] && !sx[t], x2 = sx[t] && !se[t];
            int action = side switch
            {
                1 => e2 ? -1 : x1 ? 2 : 0,
                -1 => e1 ? 1 : x2 ? 2 : 0,
                _ => e1 == e2 ? 0 : e1 ? 1 : -1,
            };
            if (action == 0) continue;
            if (nextOpen)
            {
                if (t + 1 < n) pending = action;
                continue;
            }
            Act(action, t, c[t]);
            if (side != 0 && action != 2) checkFrom = t + 1;
        }
        double equity = cash + (side == 0 ? 0 : side * qty * c[n - 1]);
        return (trades, equity);
    }

    private static bool Agree(int n, int seed)
    {
        if (n == 0) return true;
        var rng = new Random(seed);
        var bars = TestBars.Random(n, seed);
        bool[] Col(int oneIn) { var x = new bool[n]; for (int i = 0; i < n; i++) x[i] = rng.Next(oneIn) == 0; return x; }
        var le = Col(8); var lx = Col(8); var se = Col(10); var sx = Col(10);
        bool nextOpen = rng.Next(2) == 0;
        double sl = rng.Next(3) == 0 ? 0 : 0.005 + rng.NextDouble() * 0.03, tp = rng.Next(3) == 0 ? 0 : 0.005 + rng.NextDouble() * 0.04;
        var options = new SimulationOptions
        {
            InitialCash = 10_000,
            Timing = nextOpen ? FillTiming.NextOpen : FillTiming.SignalClose,
            Exits = new ExitRules
            {
                StopLoss = sl > 0 ? ExitLevel.Fraction(sl) : ExitLevel.None,
                TakeProfit = tp > 0 ? ExitLevel.Fraction(tp) : ExitLevel.None,
            },
        };
        var ws = new SimulationWorkspace();
        var summary = SignalSimulator.FromSignals(bars, new SignalInputs(le, lx, se, sx), options, default(PessimisticFillModel),
            new FractionFee(0.001), new FixedFractionSlippage(0.0005), ws);
        var (trades, equity) = Reference(bars, le, lx, se, sx, nextOpen, 0.001, 0.0005, sl, tp, 10_000);
        var actual = ws.Trades;
        int closed = actual.Length > 0 && actual[^1].IsOpen ? actual.Length - 1 : actual.Length;
        if (closed != trades.Count) return false;
        static bool Near(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(a));
        for (int i = 0; i < closed; i++)
        {
            var (r, a) = (trades[i], actual[i]);
            if (r.EntryBar != a.EntryBar || r.ExitBar != a.ExitBar || r.Side != (int)a.Side) return false;
            if (!Near(r.Quantity, a.Quantity) || !Near(r.Entry, a.EntryPrice) || !Near(r.Exit, a.ExitPrice)) return false;
        }
        return Near(equity, summary.FinalEquity);
    }

    [Fact]
    public void Vectorized_pass_equals_the_plain_reference()
    {
        Prop.ForAll(Gen.Choose(0, 400).ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(), Agree)
            .Check(Config.QuickThrowOnFailure.WithQuietOnSuccess(true).WithMaxTest(300));
    }
}
