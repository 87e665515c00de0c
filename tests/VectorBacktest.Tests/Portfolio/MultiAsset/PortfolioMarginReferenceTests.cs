using FsCheck;
using FsCheck.Fluent;
using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;
using VectorBacktest.Portfolio.MultiAsset;

namespace VectorBacktest.Tests.Portfolio.MultiAsset;

/// <summary>
/// Leverage, isolated and cross margin and funding against a plain reference written from the documented rules: each symbol
/// trades one direction (long, or short through the short columns), next-open fills, equity-weight sizing buying up to
/// leverage × the budget, a fraction fee and fixed slippage, random missing bars and funding rates.
/// </summary>
public class PortfolioMarginReferenceTests
{
    private static (List<(int Asset, int Bar, OrderSide Side, OrderStatus Status, RejectReason Reject, double Quantity)> Orders, double[] Equity)
        Reference(Universe u, bool[] entries, bool[] exits, int[] dir, double[] funding, double weight, double lev, double mm, bool cross,
            double feeRate, double slip, double cash)
    {
        int n = u.Length, m = u.SymbolCount;
        var orders = new List<(int, int, OrderSide, OrderStatus, RejectReason, double)>();
        var q = new double[m]; var e = new double[m]; var mark = new double[m]; var owed = new double[m];
        var pending = new int[m]; // 1 enter, 2 exit
        var equity = new double[n];
        double balance = cash;
        double Equity()
        {
            double total = balance;
            for (int s = 0; s < m; s++) if (q[s] != 0) total += mark[s] * q[s] - q[s] * e[s];
            return total;
        }
        void Close(int s, int t, double basePrice)
        {
            var side = q[s] > 0 ? OrderSide.Sell : OrderSide.Buy;
            double p = basePrice * (q[s] > 0 ? 1 - slip : 1 + slip);
            balance -= q[s] * owed[s];
            owed[s] = 0;
            balance += q[s] * (p - e[s]) - Math.Abs(q[s]) * p * feeRate;
            orders.Add((s, t, side, OrderStatus.Filled, RejectReason.None, Math.Abs(q[s])));
            q[s] = 0;
            e[s] = 0;
        }
        for (int t = 0; t < n; t++)
        {
            for (int s = 0; s < m; s++) if (u.Present(s)[t]) mark[s] = u.Open(s)[t];
            for (int s = 0; s < m; s++)
            {
                if (pending[s] != 2) continue;
                pending[s] = 0;
                if (!u.Present(s)[t]) orders.Add((s, t, q[s] > 0 ? OrderSide.Sell : OrderSide.Buy, OrderStatus.Rejected, RejectReason.MissingBar, Math.Abs(q[s])));
                else Close(s, t, u.Open(s)[t]);
            }
            for (int s = 0; s < m; s++)
            {
                if (pending[s] != 1) continue;
                pending[s] = 0;
                var side = dir[s] > 0 ? OrderSide.Buy : OrderSide.Sell;
                if (!u.Present(s)[t]) { orders.Add((s, t, side, OrderStatus.Rejected, RejectReason.MissingBar, 0)); continue; }
                double price = u.Open(s)[t] * (dir[s] > 0 ? 1 + slip : 1 - slip);
                double eq = Equity();
                double wanted = weight * eq * lev / (1 + feeRate) / price;
                if (!(wanted > 0)) { orders.Add((s, t, side, OrderStatus.Rejected, RejectReason.BelowMinQuantity, 0)); continue; }
                double free = cross ? eq : balance;
                for (int k = 0; k < m; k++) free -= Math.Abs(q[k]) * e[k] / lev;
                double qty = Math.Min(wanted, free > 1e-9 * balance ? free * lev / (1 + feeRate) / price : 0);
                if (!(qty > 0)) { orders.Add((s, t, side, OrderStatus.Rejected, RejectReason.InsufficientFunds, wanted)); continue; }
                balance -= qty * price * feeRate;
                q[s] = dir[s] * qty;
                e[s] = price;
                mark[s] = u.Open(s)[t];
                orders.Add((s, t, side, qty < wanted ? OrderStatus.Partial : OrderStatus.Filled, RejectReason.None, qty));
            }
            for (int s = 0; s < m; s++) if (q[s] != 0 && u.Present(s)[t]) owed[s] += u.Open(s)[t] * funding[s * n + t];
            if (cross)
            {
                // Equity − maintenance along the path from the opens to the adverse extremes, all symbols in proportion.
                double atOpens = balance, atExtremes = balance;
                bool held = false;
                for (int s = 0; s < m; s++)
                {
                    if (q[s] == 0) continue;
                    held = true;
                    bool present = u.Present(s)[t];
                    double open = present ? u.Open(s)[t] : mark[s];
                    double extreme = !present ? open : q[s] > 0 ? u.Low(s)[t] : u.High(s)[t];
                    atOpens += q[s] * (open - e[s]) - mm * Math.Abs(q[s]) * open - q[s] * owed[s];
                    atExtremes += q[s] * (extreme - e[s]) - mm * Math.Abs(q[s]) * extreme - q[s] * owed[s];
                }
                if (held && atExtremes <= 0)
                {
                    double at = atOpens <= 0 ? 0 : atOpens / (atOpens - atExtremes);
                    for (int s = 0; s < m; s++)
                    {
                        if (q[s] == 0) continue;
                        if (!u.Present(s)[t])
                        {
                            orders.Add((s, t, q[s] > 0 ? OrderSide.Sell : OrderSide.Buy, OrderStatus.Rejected, RejectReason.MissingBar, Math.Abs(q[s])));
                            continue;
                        }
                        double open = u.Open(s)[t];
                        Close(s, t, open + at * ((q[s] > 0 ? u.Low(s)[t] : u.High(s)[t]) - open));
                    }
                }
            }
            else if (lev > 1)
            {
                for (int s = 0; s < m; s++)
                {
                    if (q[s] == 0 || !u.Present(s)[t]) continue;
                    if (q[s] > 0)
                    {
                        double level = e[s] * (1 - 1 / lev) / (1 - mm);
                        if (u.Open(s)[t] <= level) Close(s, t, u.Open(s)[t]);
                        else if (u.Low(s)[t] <= level) Close(s, t, level);
                    }
                    else
                    {
                        double level = e[s] * (1 + 1 / lev) / (1 + mm);
                        if (u.Open(s)[t] >= level) Close(s, t, u.Open(s)[t]);
                        else if (u.High(s)[t] >= level) Close(s, t, level);
                    }
                }
            }
            for (int s = 0; s < m; s++)
            {
                bool entry = entries[s * n + t] && !exits[s * n + t], exit = exits[s * n + t] && !entries[s * n + t];
                int action = q[s] == 0 ? (entry ? 1 : 0) : (exit ? 2 : 0);
                if (action == 0) continue;
                if (!u.Present(s)[t] || t == n - 1)
                {
                    var side = (action == 1) == (dir[s] > 0) ? OrderSide.Buy : OrderSide.Sell;
                    orders.Add((s, t, side, OrderStatus.Rejected, !u.Present(s)[t] ? RejectReason.MissingBar : RejectReason.EndOfData,
                        action == 1 ? 0 : Math.Abs(q[s])));
                    continue;
                }
                pending[s] = action;
            }
            for (int s = 0; s < m; s++) if (u.Present(s)[t]) mark[s] = u.Close(s)[t];
            double total = Equity();
            for (int s = 0; s < m; s++) total -= q[s] * owed[s];
            equity[t] = total;
        }
        return (orders, equity);
    }

    private static string? Mismatch(int n, int seed) => Mismatch(n, seed, out _, out _);

    private static string? Mismatch(int n, int seed, out bool cross, out int liquidations)
    {
        var rng = new Random(seed);
        int symbols = 1 + rng.Next(4);
        var u = PortfolioReferenceTests.RandomUniverse(Math.Max(n, 1), symbols, rng);
        int bars = u.Length, cells = symbols * bars;
        var dir = new int[symbols];
        for (int s = 0; s < symbols; s++) dir[s] = rng.Next(2) == 0 ? 1 : -1;
        var entries = new bool[cells]; var exits = new bool[cells]; var funding = new double[cells];
        for (int k = 0; k < cells; k++)
        {
            entries[k] = rng.NextDouble() < 0.1;
            exits[k] = rng.NextDouble() < 0.05;
            funding[k] = rng.Next(3) == 0 ? (rng.NextDouble() - 0.3) * 0.01 : 0;
        }
        var le = new bool[cells]; var lx = new bool[cells]; var se = new bool[cells]; var sx = new bool[cells];
        for (int s = 0; s < symbols; s++)
            for (int t = 0; t < bars; t++)
            {
                int k = s * bars + t;
                (dir[s] > 0 ? le : se)[k] = entries[k];
                (dir[s] > 0 ? lx : sx)[k] = exits[k];
            }
        double weight = 0.1 + 0.9 * rng.NextDouble(), lev = 1 + rng.NextDouble() * 40, mm = rng.NextDouble() * 0.9 / lev;
        cross = rng.Next(2) == 0;
        double fee = 0.001, slip = rng.Next(2) == 0 ? 0 : 0.0005;
        var ws = new PortfolioWorkspace();
        PortfolioSimulator.FromSignals(u, new PortfolioSignals(le, lx, se, sx) { FundingRate = funding },
            new PortfolioOptions
            {
                Sizing = PortfolioSizing.EquityWeight(weight), Leverage = lev, MaintenanceMargin = mm,
                MarginMode = cross ? MarginMode.Cross : MarginMode.Isolated,
            },
            new FractionFee(fee), new FixedFractionSlippage(slip), ws);
        var (orders, equity) = Reference(u, entries, exits, dir, funding, weight, lev, mm, cross, fee, slip, 10_000);
        liquidations = 0;
        foreach (var o in ws.Orders) if (o.Reason == ExitReason.Liquidation && o.Status == OrderStatus.Filled) liquidations++;
        return PortfolioReferenceTests.Difference(ws, orders, equity, bars);
    }

    [Fact]
    public void Agrees_with_a_plain_reference_on_random_universes_with_leverage_margin_modes_and_funding()
    {
        PortfolioReferenceTests.AgreesOnRandomRuns(Mismatch, 300);
    }

    [Fact]
    public void Long_runs_liquidate_in_both_modes_and_agree()
    {
        int crossLiquidations = 0, isolatedLiquidations = 0;
        for (int seed = 0; seed < 20; seed++)
        {
            Assert.Null(Mismatch(1000, seed, out bool cross, out int liquidations));
            if (cross) crossLiquidations += liquidations;
            else isolatedLiquidations += liquidations;
        }
        Assert.True(crossLiquidations > 0 && isolatedLiquidations > 0, $"{crossLiquidations} cross, {isolatedLiquidations} isolated liquidations");
    }
}
