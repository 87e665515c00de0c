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
/// The multi-asset pass against a deliberately plain reference written from the documented rules: long-only signals,
/// next-open fills, equity-weight sizing with a fraction fee and fixed slippage, a per-asset exposure cap, random missing
/// bars; exits before entries within a bar; positions marked at the last known close; trailing and time stops; fills capped
/// by a volume share with the remainder cancelled or carried.
/// </summary>
public class PortfolioReferenceTests
{
    // Exits and liquidity of the reference: a trailing stop (0: none) tested with the best price up to the previous bar and the
    // bar's open, then moved by the bar's high; a time stop of N universe bars (0: none), decided on the symbol's bars from bar
    // fill + N − 1 on; every fill capped at `share` of its bar's volume (0: none), the rest cancelled or carried (`carry`).
    private readonly record struct Rules(double Trail, int TimeStop, double Share, bool Carry);

    private static (List<(int Asset, int Bar, OrderSide Side, OrderStatus Status, RejectReason Reject, double Quantity)> Orders, double[] Equity)
        Reference(Universe u, bool[] le, bool[] lx, double weight, double cap, double feeRate, double slip, double cash, Rules rules)
    {
        int n = u.Length, m = u.SymbolCount;
        var orders = new List<(int, int, OrderSide, OrderStatus, RejectReason, double)>();
        var q = new double[m]; var e = new double[m]; var mark = new double[m];
        Array.Fill(mark, double.NaN);
        var pending = new int[m]; // 1 enter, 2 exit
        var anchor = new double[m]; var due = new int[m];
        // Carried remainder: + an entry's units to buy, − an exit's units to sell (the whole rest of the position).
        var rest = new double[m]; var restBar = new int[m];
        var equity = new double[n];
        double balance = cash;
        double Equity()
        {
            double total = balance;
            for (int s = 0; s < m; s++) if (q[s] != 0) total += mark[s] * q[s] - q[s] * e[s];
            return total;
        }
        double Free()
        {
            double free = balance;
            for (int k = 0; k < m; k++) free -= Math.Abs(q[k]) * e[k];
            return free;
        }
        double Liquid(int s, int t, double wanted) => rules.Share > 0 ? Math.Min(wanted, rules.Share * u.Volume(s)[t]) : wanted;
        void End(int s, int t, RejectReason why)
        {
            orders.Add((s, t, rest[s] > 0 ? OrderSide.Buy : OrderSide.Sell, OrderStatus.Rejected, why, Math.Abs(rest[s])));
            rest[s] = 0;
        }
        void Sell(int s, int t, double basePrice, bool fresh)
        {
            if (fresh && rest[s] < 0) End(s, t, RejectReason.Cancelled);
            double qty = Liquid(s, t, q[s]);
            if (qty > 0)
            {
                double p = basePrice * (1 - slip);
                balance += qty * (p - e[s]) - qty * p * feeRate;
                orders.Add((s, t, OrderSide.Sell, qty < q[s] ? OrderStatus.Partial : OrderStatus.Filled, RejectReason.None, qty));
                q[s] = qty < q[s] ? q[s] - qty : 0;
                if (q[s] == 0)
                {
                    e[s] = 0;
                    if (rest[s] < 0) rest[s] = 0;
                    return;
                }
            }
            else if (fresh) orders.Add((s, t, OrderSide.Sell, OrderStatus.Rejected, RejectReason.NoLiquidity, q[s]));
            if (!rules.Carry) return;
            if (rest[s] > 0) End(s, t, RejectReason.Cancelled);
            rest[s] = -q[s];
            restBar[s] = t;
        }
        void EndStale(int t)
        {
            for (int s = 0; s < m; s++) if (rest[s] > 0 && q[s] == 0) End(s, t, RejectReason.Cancelled);
        }
        for (int t = 0; t < n; t++)
        {
            for (int s = 0; s < m; s++) if (u.Present(s)[t]) mark[s] = u.Open(s)[t];
            for (int s = 0; s < m; s++)
            {
                if (pending[s] != 2)
                {
                    if (rest[s] < 0 && restBar[s] < t && u.Present(s)[t]) Sell(s, t, u.Open(s)[t], fresh: false);
                    continue;
                }
                pending[s] = 0;
                if (!u.Present(s)[t]) { orders.Add((s, t, OrderSide.Sell, OrderStatus.Rejected, RejectReason.MissingBar, q[s])); continue; }
                Sell(s, t, u.Open(s)[t], fresh: true);
            }
            for (int s = 0; s < m; s++)
            {
                if (pending[s] != 1)
                {
                    if (!(rest[s] > 0 && q[s] > 0 && restBar[s] < t && u.Present(s)[t])) continue;
                    // A carried entry: liquidity, then the exposure cap and the free cash on what it adds.
                    double want = rest[s], p = u.Open(s)[t] * (1 + slip);
                    double take = Liquid(s, t, want);
                    if (!(take > 0)) continue;
                    rest[s] = want - take;
                    double room = Math.Max(0, cap * Equity() / p - q[s]);
                    var limit = double.IsPositiveInfinity(cap) ? RejectReason.InsufficientFunds : RejectReason.ExposureLimit;
                    double free = Free(), affordable = free > 1e-9 * balance ? free / (1 + feeRate) / p : 0;
                    if (affordable < room) { room = affordable; limit = RejectReason.InsufficientFunds; }
                    if (take > room) take = Math.Max(room, 0);
                    if (!(take > 0)) { orders.Add((s, t, OrderSide.Buy, OrderStatus.Rejected, limit, want)); rest[s] = 0; continue; }
                    balance -= take * p * feeRate;
                    e[s] = (q[s] * e[s] + take * p) / (q[s] + take);
                    q[s] += take;
                    orders.Add((s, t, OrderSide.Buy, take < want ? OrderStatus.Partial : OrderStatus.Filled, RejectReason.None, take));
                    continue;
                }
                pending[s] = 0;
                if (!u.Present(s)[t]) { orders.Add((s, t, OrderSide.Buy, OrderStatus.Rejected, RejectReason.MissingBar, 0)); continue; }
                double price = u.Open(s)[t] * (1 + slip);
                double eq = Equity();
                double wanted = Math.Max(0, weight * eq / (1 + feeRate) / price);
                double qty = wanted;
                var bound = RejectReason.BelowMinQuantity;
                if (qty > cap * eq / price) { qty = Math.Max(0, cap * eq / price); bound = RejectReason.ExposureLimit; }
                double cashFree = Free();
                double canBuy = cashFree > 1e-9 * balance ? Math.Max(0, cashFree / (1 + feeRate) / price) : 0;
                if (qty > canBuy) { qty = canBuy; bound = RejectReason.InsufficientFunds; }
                if (!(qty > 0)) { orders.Add((s, t, OrderSide.Buy, OrderStatus.Rejected, bound, wanted)); continue; }
                double filled = Liquid(s, t, qty);
                if (!(filled > 0)) { orders.Add((s, t, OrderSide.Buy, OrderStatus.Rejected, RejectReason.NoLiquidity, qty)); continue; }
                balance -= filled * price * feeRate;
                q[s] = filled; e[s] = price;
                anchor[s] = price;
                due[s] = rules.TimeStop > 0 ? t + rules.TimeStop - 1 : int.MaxValue;
                orders.Add((s, t, OrderSide.Buy, filled < wanted ? OrderStatus.Partial : OrderStatus.Filled, RejectReason.None, filled));
                if (rules.Carry && filled < qty) { rest[s] = qty - filled; restBar[s] = t; }
            }
            EndStale(t);
            if (rules.Trail > 0)
            {
                for (int s = 0; s < m; s++)
                {
                    if (q[s] == 0 || !u.Present(s)[t]) continue;
                    anchor[s] = Math.Max(anchor[s], u.Open(s)[t]);
                    double level = anchor[s] * (1 - rules.Trail);
                    if (u.Open(s)[t] <= level) Sell(s, t, u.Open(s)[t], fresh: true);
                    else if (u.Low(s)[t] <= level) Sell(s, t, level, fresh: true);
                    else anchor[s] = Math.Max(anchor[s], u.High(s)[t]);
                }
                EndStale(t);
            }
            for (int s = 0; s < m; s++)
            {
                bool entry = le[s * n + t] && !lx[s * n + t], exit = lx[s * n + t] && !le[s * n + t];
                bool timeUp = !exit && q[s] != 0 && t >= due[s] && u.Present(s)[t] && !(rest[s] < 0);
                int action = q[s] == 0 ? (entry ? 1 : 0) : (exit || timeUp ? 2 : 0);
                if (action == 0) continue;
                if (!u.Present(s)[t] || t == n - 1)
                {
                    orders.Add((s, t, action == 1 ? OrderSide.Buy : OrderSide.Sell, OrderStatus.Rejected,
                        !u.Present(s)[t] ? RejectReason.MissingBar : RejectReason.EndOfData, action == 1 ? 0 : q[s]));
                    continue;
                }
                pending[s] = action;
            }
            for (int s = 0; s < m; s++) if (u.Present(s)[t]) mark[s] = u.Close(s)[t];
            equity[t] = Equity();
        }
        for (int s = 0; s < m && n > 0; s++) if (rest[s] != 0) End(s, n - 1, RejectReason.EndOfData);
        return (orders, equity);
    }

    /// <summary>Random series on one index with about 10 % of the bars missing; <paramref name="randomVolume"/>: volumes of 0,
    /// 100–2,000 or plenty instead of the constant 1,000.</summary>
    internal static Universe RandomUniverse(int n, int symbols, Random rng, bool randomVolume = false)
    {
        var series = new BarSeries[symbols];
        for (int s = 0; s < symbols; s++)
        {
            var full = TestBars.Random(n, rng.Next());
            var keep = new List<int>();
            for (int i = 0; i < n; i++) if (rng.NextDouble() > 0.1) keep.Add(i);
            if (keep.Count == 0) keep.Add(0);
            long[] t = new long[keep.Count]; double[] o = new double[keep.Count], h = new double[keep.Count], l = new double[keep.Count], c = new double[keep.Count], v = new double[keep.Count];
            for (int k = 0; k < keep.Count; k++)
            {
                int i = keep[k];
                t[k] = full.Time[i]; o[k] = full.Open[i]; h[k] = full.High[i]; l[k] = full.Low[i]; c[k] = full.Close[i];
                v[k] = !randomVolume ? full.Volume[i] : rng.Next(10) switch { 0 => 0, < 5 => 100 + 1900 * rng.NextDouble(), _ => 1e9 };
            }
            series[s] = BarSeries.FromArrays("S" + s, Timeframe.Parse("1m"), t, o, h, l, c, v);
        }
        return Universe.Create(series);
    }

    private static string? Mismatch(int n, int seed)
    {
        var rng = new Random(seed);
        int symbols = 1 + rng.Next(4);
        var u = RandomUniverse(Math.Max(n, 1), symbols, rng, randomVolume: true);
        int bars = u.Length;
        var le = new bool[symbols * bars]; var lx = new bool[symbols * bars];
        for (int k = 0; k < le.Length; k++) { le[k] = rng.NextDouble() < 0.1; lx[k] = rng.NextDouble() < 0.1; }
        double weight = 0.1 + 0.9 * rng.NextDouble(), cap = rng.Next(2) == 0 ? 0 : 0.1 + 0.5 * rng.NextDouble();
        double fee = 0.001, slip = rng.Next(2) == 0 ? 0 : 0.0005;
        var rules = new Rules(rng.Next(2) == 0 ? 0 : 0.005 + 0.04 * rng.NextDouble(), rng.Next(2) == 0 ? 0 : 1 + rng.Next(8),
            rng.Next(2) == 0 ? 0 : 0.005 + 0.1 * rng.NextDouble(), rng.Next(2) == 0);
        var ws = new PortfolioWorkspace();
        PortfolioSimulator.FromSignals(u, new PortfolioSignals(le, lx),
            new PortfolioOptions
            {
                Sizing = PortfolioSizing.EquityWeight(weight), Risk = new RiskLimits { MaxAssetExposure = cap },
                Exits = new ExitRules { TrailingFraction = rules.Trail, TimeStopBars = rules.TimeStop },
                Liquidity = new LiquidityLimits { MaxVolumeShare = rules.Share, Remainder = rules.Carry ? RemainderPolicy.Carry : RemainderPolicy.Cancel },
            },
            new FractionFee(fee), new FixedFractionSlippage(slip), ws);
        var (orders, equity) = Reference(u, le, lx, weight, cap == 0 ? double.PositiveInfinity : cap, fee, slip, 10_000, rules);
        return Difference(ws, orders, equity, bars);
    }

    /// <summary>The first difference between a run's orders and equity and a plain reference's, or null.</summary>
    internal static string? Difference(PortfolioWorkspace ws,
        List<(int Asset, int Bar, OrderSide Side, OrderStatus Status, RejectReason Reject, double Quantity)> orders, double[] equity, int bars)
    {
        if (orders.Count != ws.Orders.Length) return $"{ws.Orders.Length} orders, reference {orders.Count}";
        for (int k = 0; k < orders.Count; k++)
        {
            var a = ws.Orders[k];
            var r = orders[k];
            if ((a.Asset, a.Bar, a.Side, a.Status, a.RejectReason) != (r.Asset, r.Bar, r.Side, r.Status, r.Reject) || !Close(a.Quantity, r.Quantity))
                return $"order {k}: {a} vs reference {r}";
        }
        for (int t = 0; t < bars; t++)
            if (!Close(ws.Equity[t], equity[t])) return $"equity on bar {t}: {ws.Equity[t]} vs reference {equity[t]}";
        return null;
    }

    // FsCheck over run lengths 1–200 and seeds: `mismatch` returns null when the simulator agrees with its reference.
    internal static void AgreesOnRandomRuns(Func<int, int, string?> mismatch, int maxTest) =>
        Prop.ForAll(Gen.Choose(1, 200).ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(),
                (n, seed) => mismatch(n, seed) is not { } m ? true : throw new InvalidOperationException($"n={n} seed={seed}: {m}"))
            .Check(Config.QuickThrowOnFailure.WithQuietOnSuccess(true).WithMaxTest(maxTest));

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    [Fact]
    public void Agrees_with_a_plain_reference_on_random_universes_with_missing_bars()
    {
        PortfolioReferenceTests.AgreesOnRandomRuns(Mismatch, 200);
    }

    [Fact]
    public void Runs_on_grown_workspaces_allocate_nothing()
    {
        var rng = new Random(4);
        var u = RandomUniverse(2000, 3, rng);
        int bars = u.Length;
        var le = new bool[3 * bars]; var lx = new bool[3 * bars];
        for (int k = 0; k < le.Length; k++) { le[k] = rng.Next(20) == 0; lx[k] = rng.Next(20) == 0; }
        var ws = new PortfolioWorkspace();
        var options = new PortfolioOptions
        {
            Risk = new RiskLimits { MaxTotalExposure = 0.8, DailyLossLimit = 0.02, MaxDrawdown = 0.3 },
            Exits = new VectorBacktest.Execution.ExitRules { StopLoss = VectorBacktest.Execution.ExitLevel.Fraction(0.02), TakeProfit = VectorBacktest.Execution.ExitLevel.Fraction(0.03) },
        };
        Allocations.AssertNone(() =>
            PortfolioSimulator.FromSignals(u, new PortfolioSignals(le, lx), options, new FractionFee(0.001), new FixedFractionSlippage(0.0005), ws));
        var stops = options with
        {
            Exits = new VectorBacktest.Execution.ExitRules { StopLoss = VectorBacktest.Execution.ExitLevel.Fraction(0.02), TrailingFraction = 0.01, TimeStopBars = 20 },
            Liquidity = new LiquidityLimits { MaxVolumeShare = 0.001, Remainder = RemainderPolicy.Carry },
        };
        Allocations.AssertNone(() =>
            PortfolioSimulator.FromSignals(u, new PortfolioSignals(le, lx), stops, new FractionFee(0.001), new FixedFractionSlippage(0.0005), ws));
        Assert.Contains(ws.Orders.ToArray(), o => o.Status == OrderStatus.Partial && o.Reason != ExitReason.None);

        var single = u.Series(0);
        var size = new double[single.Length];
        for (int i = 0; i < size.Length; i++) size[i] = rng.Next(10) == 0 ? rng.NextDouble() * 2 - 1 : double.NaN;
        var orders = new SimulationWorkspace();
        var limits = new LiquidityLimits { MaxVolumeShare = 0.01, Remainder = RemainderPolicy.Carry };
        var simulation = new SimulationOptions();
        Allocations.AssertNone(() =>
            OrderSimulator.FromOrders(single, new OrderInputs(size, SizeType.TargetPercent), simulation, new FractionFee(0.001), new FixedFractionSlippage(0.0005), orders, limits));
    }
}
