using FsCheck;
using FsCheck.Fluent;
using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;
using VectorBacktest.Portfolio.MultiAsset;
using VectorBacktest.Portfolio.Orders;
using VectorBacktest.Tests.Infrastructure;

namespace VectorBacktest.Tests.Portfolio.MultiAsset;

/// <summary>
/// Multi-asset <c>FromOrders</c> against a deliberately plain reference written from the documented rules: amount orders,
/// next-open fills, a fraction fee and fixed slippage, an optional volume share (remainder cancelled), random missing bars;
/// pure reductions before additions and flips within a bar; additions capped by the free cash of the shared balance; positions
/// marked at their last known close.
/// </summary>
public class PortfolioOrderReferenceTests
{
    private static (List<(int Asset, int Bar, OrderSide Side, OrderStatus Status, RejectReason Reject, double Quantity)> Orders, double[] Equity)
        Reference(Universe u, double[] size, double share, double rate, double slip, double cash)
    {
        int n = u.Length, m = u.SymbolCount;
        var orders = new List<(int, int, OrderSide, OrderStatus, RejectReason, double)>();
        var q = new double[m]; var e = new double[m]; var mark = new double[m]; var delta = new double[m];
        var equity = new double[n];
        double balance = cash;
        void Execute(int s, int t, double d)
        {
            var side = d > 0 ? OrderSide.Buy : OrderSide.Sell;
            double wanted = Math.Abs(d), qty = wanted;
            if (share > 0) qty = Math.Min(qty, share * u.Volume(s)[t]);
            double price = side == OrderSide.Buy ? u.Open(s)[t] * (1 + slip) : u.Open(s)[t] * (1 - slip);
            bool reduces = q[s] != 0 && (q[s] > 0) != (d > 0);
            double reduced = reduces ? Math.Min(Math.Abs(q[s]), qty) : 0;
            if (qty - reduced > 0)
            {
                double others = 0;
                for (int o = 0; o < m; o++) if (o != s) others += Math.Abs(q[o]) * e[o];
                double realised = (q[s] > 0 ? reduced : -reduced) * (price - e[s]);
                double budget = balance - others + realised - reduced * price * rate - (Math.Abs(q[s]) - reduced) * e[s];
                double affordable = budget > 1e-9 * balance ? Math.Max(0, budget / (1 + rate) / price) : 0;
                if (qty - reduced > affordable) qty = reduced + affordable;
                if (!(qty > 0)) { orders.Add((s, t, side, OrderStatus.Rejected, RejectReason.InsufficientFunds, wanted)); return; }
            }
            double signed = side == OrderSide.Buy ? qty : -qty;
            double fee = qty * price * rate;
            if (reduces)
            {
                balance += (q[s] > 0 ? reduced : -reduced) * (price - e[s]);
                double rest = q[s] + signed;
                if (Math.Abs(signed) < Math.Abs(q[s])) q[s] = rest;
                else { q[s] = rest; e[s] = rest == 0 ? 0 : price; }
            }
            else
            {
                e[s] = q[s] == 0 ? price : (q[s] * e[s] + signed * price) / (q[s] + signed);
                q[s] += signed;
            }
            balance -= fee;
            mark[s] = u.Open(s)[t];
            orders.Add((s, t, side, qty < wanted ? OrderStatus.Partial : OrderStatus.Filled, RejectReason.None, qty));
        }
        for (int t = 0; t < n; t++)
        {
            for (int s = 0; s < m; s++) if (u.Present(s)[t]) mark[s] = u.Open(s)[t];
            if (t > 0)
            {
                for (int s = 0; s < m; s++)
                {
                    delta[s] = 0;
                    double v = size[s * n + t - 1];
                    if (double.IsNaN(v) || v == 0) continue;
                    if (!u.Present(s)[t]) { orders.Add((s, t, v > 0 ? OrderSide.Buy : OrderSide.Sell, OrderStatus.Rejected, RejectReason.MissingBar, Math.Abs(v))); continue; }
                    delta[s] = v;
                }
                for (int s = 0; s < m; s++)
                    if (delta[s] != 0 && q[s] != 0 && (q[s] > 0) != (delta[s] > 0) && Math.Abs(delta[s]) <= Math.Abs(q[s]))
                    {
                        Execute(s, t, delta[s]);
                        delta[s] = 0;
                    }
                for (int s = 0; s < m; s++) if (delta[s] != 0) Execute(s, t, delta[s]);
            }
            if (t == n - 1)
                for (int s = 0; s < m; s++)
                {
                    double v = size[s * n + t];
                    if (!double.IsNaN(v) && v != 0) orders.Add((s, t, v > 0 ? OrderSide.Buy : OrderSide.Sell, OrderStatus.Rejected, RejectReason.EndOfData, Math.Abs(v)));
                }
            double total = balance;
            for (int s = 0; s < m; s++)
            {
                if (u.Present(s)[t]) mark[s] = u.Close(s)[t];
                if (q[s] != 0) total += mark[s] * q[s] - q[s] * e[s];
            }
            equity[t] = total;
        }
        return (orders, equity);
    }

    private static string? Mismatch(int n, int seed)
    {
        var rng = new Random(seed);
        int symbols = 1 + rng.Next(4);
        var u = PortfolioReferenceTests.RandomUniverse(Math.Max(n, 1), symbols, rng);
        int bars = u.Length;
        var size = new double[symbols * bars];
        for (int k = 0; k < size.Length; k++) size[k] = rng.NextDouble() < 0.15 ? Math.Round((rng.NextDouble() * 2 - 1) * 60, 1) : double.NaN;
        double share = rng.Next(2) == 0 ? 0 : 0.001 + rng.NextDouble() * 0.05;
        double fee = 0.001, slip = rng.Next(2) == 0 ? 0 : 0.0005;
        var ws = new PortfolioWorkspace();
        PortfolioSimulator.FromOrders(u, new PortfolioOrders(size), new PortfolioOptions(), new FractionFee(fee), new FixedFractionSlippage(slip), ws,
            new LiquidityLimits { MaxVolumeShare = share });
        var (orders, equity) = Reference(u, size, share, fee, slip, 10_000);
        return PortfolioReferenceTests.Difference(ws, orders, equity, bars);
    }

    [Fact]
    public void Agrees_with_a_plain_reference_on_random_universes_with_missing_bars()
    {
        PortfolioReferenceTests.AgreesOnRandomRuns(Mismatch, 200);
    }

    [Fact]
    public void Runs_on_a_grown_workspace_allocate_nothing()
    {
        var rng = new Random(7);
        var u = PortfolioReferenceTests.RandomUniverse(2000, 3, rng);
        var size = new double[3 * u.Length];
        for (int k = 0; k < size.Length; k++) size[k] = rng.Next(10) == 0 ? rng.NextDouble() * 1.2 - 0.6 : double.NaN;
        var ws = new PortfolioWorkspace();
        var options = new PortfolioOptions { Risk = new RiskLimits { MaxTotalExposure = 0.9, DailyLossLimit = 0.02, MaxDrawdown = 0.3 } };
        var limits = new LiquidityLimits { MaxVolumeShare = 0.01, Remainder = RemainderPolicy.Carry };
        var book = PortfolioOrderTests.RandomDepth(TestBars.Random(u.Length, 7), FillTiming.NextOpen, rng);
        OrderBookDepth?[] depths = [null, book, null];
        Allocations.AssertNone(() =>
            PortfolioSimulator.FromOrders(u, new PortfolioOrders(size, SizeType.TargetPercent), options, new FractionFee(0.001),
                new FixedFractionSlippage(0.0005), ws, limits, depths));
        // With attached exits (ATR stop, take-profit, trailing and time stops) too.
        var atr = new double[size.Length];
        Array.Fill(atr, 0.5);
        var exits = options with
        {
            Exits = new ExitRules { StopLoss = ExitLevel.AtrMultiple(2), TakeProfit = ExitLevel.Fraction(0.03), TrailingFraction = 0.02, TimeStopBars = 30 },
        };
        Allocations.AssertNone(() =>
            PortfolioSimulator.FromOrders(u, new PortfolioOrders(size, SizeType.TargetPercent, atr: atr), exits, new FractionFee(0.001),
                new FixedFractionSlippage(0.0005), ws, limits, depths));
        // The signal driver walking per-symbol books.
        var entries = new bool[size.Length];
        var closes = new bool[size.Length];
        for (int k = 0; k < entries.Length; k++) (entries[k], closes[k]) = (rng.Next(15) == 0, rng.Next(15) == 0);
        var signalOptions = new PortfolioOptions { Sizing = PortfolioSizing.EquityWeight(0.3), Liquidity = limits };
        Allocations.AssertNone(() =>
            PortfolioSimulator.FromSignals(u, new PortfolioSignals(entries, closes), signalOptions, new FractionFee(0.001),
                new FixedFractionSlippage(0.0005), ws, depths));
    }
}
