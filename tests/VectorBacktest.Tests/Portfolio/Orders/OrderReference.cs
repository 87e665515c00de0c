using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Portfolio.MultiAsset;
using VectorBacktest.Portfolio.Orders;

namespace VectorBacktest.Tests.Portfolio.Orders;

/// <summary>
/// A deliberately plain from-orders simulator written from the documented rules: fraction fee, fixed-fraction
/// slippage, no lot step, average-cost accounting, cash cap on the part that adds exposure, optional volume-share cap
/// with carried or cancelled remainders; optional risk limits (caps on the added part, daily loss limit, drawdown stop) and
/// attached exits (fraction stop-loss and take-profit from the average entry price, trailing and time stops, pessimistic
/// fill order); optional isolated-margin leverage (margin = cost basis / L, liquidation level from the average price) and a
/// funding column settled at every fill.
/// </summary>
internal static class OrderReference
{
    public sealed record Order(int Bar, OrderSide Side, OrderStatus Status, RejectReason Reject, double Quantity, double Price,
        ExitReason Exit = ExitReason.None);

    /// <summary>Attached exits: fractions of the reference price (0: none), trailing fraction, time stop in bars.</summary>
    public readonly record struct Exits(double StopLoss, double TakeProfit, double Trailing, int TimeStop);

    public static (List<Order> Orders, double Equity) Run(BarSeries bars, double[] size, SizeType type, bool nextOpen,
        double feeRate, double slip, double cash, double volumeShare, bool carry, RiskLimits risk = default, Exits exits = default,
        double leverage = 1, double maintenance = 0, double[]? funding = null)
    {
        int n = bars.Length;
        var o = bars.Open.ToArray(); var h = bars.High.ToArray(); var l = bars.Low.ToArray(); var c = bars.Close.ToArray();
        var v = bars.Volume.ToArray(); var time = bars.Time.ToArray();
        var orders = new List<Order>();
        double q = 0, e = 0, b = cash, rem = 0;
        double sl = double.NaN, tp = double.NaN, anchor = 0, liquidation = double.NaN;
        int timeStopBar = int.MaxValue, fundingFrom = 0;
        bool halted = false, haltPending = false;
        long day = long.MinValue, blocked = long.MinValue;
        double peak = cash, dayStart = cash, lastEquity = cash;
        long Day(int bar) => (long)Math.Floor(time[bar] / 86_400_000.0);

        double Slipped(double price, OrderSide side) => side == OrderSide.Buy ? price * (1 + slip) : price * (1 - slip);

        // Funding of the position held over bars [fundingFrom, to), settled into the balance; accrual restarts at `from`.
        double Accrued(int to)
        {
            double sum = 0;
            if (funding is not null) for (int k = fundingFrom; k < to; k++) sum += o[k] * funding[k];
            return q * sum;
        }

        void Settle(int bar, bool atOpen)
        {
            if (q != 0) b -= Accrued(atOpen ? bar : bar + 1);
            fundingFrom = atOpen ? bar : bar + 1;
        }

        void Resolve(int fill, bool opening)
        {
            bool isLong = q > 0;
            liquidation = leverage > 1 ? (isLong ? e * (1 - 1 / leverage) / (1 - maintenance) : e * (1 + 1 / leverage) / (1 + maintenance)) : double.NaN;
            sl = exits.StopLoss > 0 ? (isLong ? e * (1 - exits.StopLoss) : e * (1 + exits.StopLoss)) : double.NaN;
            tp = exits.TakeProfit > 0 ? (isLong ? e * (1 + exits.TakeProfit) : e * (1 - exits.TakeProfit)) : double.NaN;
            if (!opening) return;
            anchor = e;
            timeStopBar = exits.TimeStop > 0 ? fill + exits.TimeStop - (nextOpen ? 1 : 0) : int.MaxValue;
        }

        // Closes the whole position at `price` (already slipped), recorded with `reason`.
        void CloseAll(int bar, double price, ExitReason reason, bool atOpen)
        {
            Settle(bar, atOpen);
            var side = q > 0 ? OrderSide.Sell : OrderSide.Buy;
            double qty = Math.Abs(q);
            b += q * (price - e) - qty * price * feeRate;
            orders.Add(new Order(bar, side, OrderStatus.Filled, RejectReason.None, qty, price, reason));
            q = 0; e = 0; sl = tp = double.NaN; timeStopBar = int.MaxValue;
        }

        void CancelRemainder(int bar)
        {
            if (rem == 0) return;
            orders.Add(new Order(bar, rem > 0 ? OrderSide.Buy : OrderSide.Sell, OrderStatus.Rejected, RejectReason.Cancelled, Math.Abs(rem), double.NaN));
            rem = 0;
        }

        // Stop-loss / take-profit / trailing check on bar t, pessimistic (the adverse level first), gaps at the open.
        void CheckLevels(int t)
        {
            if (q == 0 || !(exits.StopLoss > 0 || exits.TakeProfit > 0 || exits.Trailing > 0 || leverage > 1)) return;
            bool isLong = q > 0;
            double stop = double.IsNaN(sl) ? (isLong ? double.NegativeInfinity : double.PositiveInfinity) : sl;
            var adverseReason = ExitReason.StopLoss;
            if (leverage > 1 && (isLong ? liquidation > stop : liquidation < stop)) { stop = liquidation; adverseReason = ExitReason.Liquidation; }
            double target = double.IsNaN(tp) ? (isLong ? double.PositiveInfinity : double.NegativeInfinity) : tp;
            bool trailing = false;
            if (exits.Trailing > 0)
            {
                anchor = isLong ? Math.Max(anchor, o[t]) : Math.Min(anchor, o[t]);
                double level = isLong ? anchor * (1 - exits.Trailing) : anchor * (1 + exits.Trailing);
                if (isLong ? level > stop : level < stop) { stop = level; trailing = true; }
            }
            double hitPrice = double.NaN;
            bool adverse = false;
            if (isLong ? o[t] <= stop : o[t] >= stop) { hitPrice = o[t]; adverse = true; }
            else if (isLong ? o[t] >= target : o[t] <= target) hitPrice = o[t];
            else if (isLong ? l[t] <= stop : h[t] >= stop) { hitPrice = stop; adverse = true; }
            else if (isLong ? h[t] >= target : l[t] <= target) hitPrice = target;
            if (double.IsNaN(hitPrice))
            {
                if (exits.Trailing > 0) anchor = isLong ? Math.Max(anchor, h[t]) : Math.Min(anchor, l[t]);
                return;
            }
            var reason = !adverse ? ExitReason.TakeProfit : trailing ? ExitReason.TrailingStop : adverseReason;
            CloseAll(t, adverse ? Slipped(hitPrice, isLong ? OrderSide.Sell : OrderSide.Buy) : hitPrice, reason, false);
            CancelRemainder(t);
        }

        void MarkClose(int t)
        {
            if (Day(t) != day) { dayStart = lastEquity; day = Day(t); }
            double equity = b + q * (c[t] - e);
            lastEquity = equity;
            peak = Math.Max(peak, equity);
            if (risk.DailyLossLimit > 0 && equity <= dayStart * (1 - risk.DailyLossLimit)) blocked = day;
            if (risk.MaxDrawdown > 0 && !halted && 1 - equity / peak >= risk.MaxDrawdown) haltPending = true;
        }

        void Halt(int bar, double basePrice)
        {
            haltPending = false;
            halted = true;
            if (q != 0) CloseAll(bar, Slipped(basePrice, q > 0 ? OrderSide.Sell : OrderSide.Buy), ExitReason.DrawdownHalt, nextOpen);
        }

        // Room the risk limits leave for the added part, with the binding reason (cash is checked after).
        (double Room, RejectReason Bound) RiskRoom(int bar, double remaining, double price, double mark)
        {
            if (halted) return (0, RejectReason.DrawdownHalt);
            if (blocked == Day(bar)) return (0, RejectReason.DailyLossLimit);
            double room = double.PositiveInfinity;
            var bound = RejectReason.InsufficientFunds;
            double equity = b + q * (mark - e);
            // A room below 1e-9 of its cap is rounding dust: none.
            static double Room(double cap, double held) => cap - held > 1e-9 * cap ? cap - held : 0;
            if (risk.MaxPositionQuantity > 0) { room = Room(risk.MaxPositionQuantity, remaining); bound = RejectReason.PositionLimit; }
            foreach (double cap in new[] { risk.MaxAssetExposure, risk.MaxTotalExposure })
                if (cap > 0 && Room(cap * equity / price, remaining) < room) { room = Room(cap * equity / price, remaining); bound = RejectReason.ExposureLimit; }
            return (room, bound);
        }

        double Delta(double s, double p)
        {
            double equity = b + q * (p - e);
            return type switch
            {
                SizeType.Amount => s,
                SizeType.Value => s / p,
                SizeType.Percent => s * equity / p,
                SizeType.TargetAmount => s - q,
                SizeType.TargetValue => s / p - q,
                _ => s * equity / p - q,
            };
        }

        double Execute(int bar, double delta, double basePrice, bool recordNoLiquidity, double mark)
        {
            var side = delta > 0 ? OrderSide.Buy : OrderSide.Sell;
            double wanted = Math.Abs(delta);
            double qty = volumeShare > 0 ? Math.Min(wanted, volumeShare * v[bar]) : wanted;
            double unfilled = wanted - qty;
            if (qty <= 0)
            {
                if (recordNoLiquidity) orders.Add(new Order(bar, side, OrderStatus.Rejected, RejectReason.NoLiquidity, wanted, basePrice));
                return unfilled;
            }
            bool reduces = q != 0 && Math.Sign(q) != Math.Sign(delta);
            double r = reduces ? Math.Min(Math.Abs(q), qty) : 0;
            double p = side == OrderSide.Buy ? basePrice * (1 + slip) : basePrice * (1 - slip);
            if (qty - r > 0)
            {
                var (allowed, bound) = RiskRoom(bar, Math.Abs(q) - r, p, mark);
                double realised = Math.Sign(q) * r * (p - e);
                double budget = b + realised - r * p * feeRate - (Math.Abs(q) - r) * e / leverage;
                double affordable = budget > 1e-9 * b ? budget * leverage / (1 + feeRate) / p : 0;
                if (affordable < allowed) { allowed = affordable; bound = RejectReason.InsufficientFunds; }
                if (qty - r > allowed)
                {
                    qty = r + allowed;
                    if (qty <= 0)
                    {
                        orders.Add(new Order(bar, side, OrderStatus.Rejected, bound, wanted, p));
                        return 0;
                    }
                }
            }
            double before = q;
            Settle(bar, nextOpen);
            double signed = side == OrderSide.Buy ? qty : -qty;
            double fee = qty * p * feeRate;
            if (q == 0 || Math.Sign(q) == Math.Sign(signed))
            {
                e = q == 0 ? p : (q * e + signed * p) / (q + signed);
                q += signed;
            }
            else
            {
                double reduced = Math.Min(Math.Abs(q), qty);
                b += Math.Sign(q) * reduced * (p - e);
                if (qty < Math.Abs(q)) q += signed;
                else if (qty == Math.Abs(q)) { q = 0; e = 0; }
                else { q += signed; e = p; }
            }
            b -= fee;
            orders.Add(new Order(bar, side, qty < wanted ? OrderStatus.Partial : OrderStatus.Filled, RejectReason.None, qty, p));
            if (q == 0) { sl = tp = double.NaN; timeStopBar = int.MaxValue; }
            else if (before == 0 || Math.Sign(before) != Math.Sign(q)) Resolve(bar, opening: true);
            else if (Math.Abs(q) > Math.Abs(before)) Resolve(bar, opening: false);
            return unfilled;
        }

        void Place(int bar, double s, double price)
        {
            double delta = Delta(s, price);
            if (delta == 0) return;
            double unfilled = Execute(bar, delta, price, true, price);
            if (carry && unfilled > 0) rem = delta > 0 ? unfilled : -unfilled;
        }

        void Work(int bar, double price)
        {
            double unfilled = Execute(bar, rem, price, false, price);
            rem = rem > 0 ? unfilled : -unfilled;
        }

        for (int t = 0; t < n; t++)
        {
            if (nextOpen)
            {
                if (t > 0)
                {
                    if (haltPending) Halt(t, o[t]);
                    if (q != 0 && timeStopBar == t - 1)
                    {
                        CloseAll(t, Slipped(o[t], q > 0 ? OrderSide.Sell : OrderSide.Buy), ExitReason.TimeStop, true);
                        CancelRemainder(t);
                    }
                    if (!double.IsNaN(size[t - 1])) Place(t, size[t - 1], o[t]);
                    else if (rem != 0) Work(t, o[t]);
                }
                CheckLevels(t);
                if (t == n - 1 && q != 0 && timeStopBar == t)
                    orders.Add(new Order(t, q > 0 ? OrderSide.Sell : OrderSide.Buy, OrderStatus.Rejected, RejectReason.EndOfData, Math.Abs(q), double.NaN, ExitReason.TimeStop));
                if (!double.IsNaN(size[t]))
                {
                    CancelRemainder(t);
                    if (t == n - 1)
                    {
                        double delta = Delta(size[t], c[t]);
                        if (delta != 0)
                            orders.Add(new Order(t, delta > 0 ? OrderSide.Buy : OrderSide.Sell, OrderStatus.Rejected, RejectReason.EndOfData, Math.Abs(delta), double.NaN));
                    }
                }
            }
            else
            {
                CheckLevels(t);
                if (q != 0 && timeStopBar == t)
                {
                    CloseAll(t, Slipped(c[t], q > 0 ? OrderSide.Sell : OrderSide.Buy), ExitReason.TimeStop, false);
                    CancelRemainder(t);
                }
                if (!double.IsNaN(size[t]))
                {
                    CancelRemainder(t);
                    Place(t, size[t], c[t]);
                }
                else if (rem != 0) Work(t, c[t]);
            }
            MarkClose(t);
            if (haltPending && !nextOpen)
            {
                Halt(t, c[t]);
                MarkClose(t);
            }
        }
        if (rem != 0)
            orders.Add(new Order(n - 1, rem > 0 ? OrderSide.Buy : OrderSide.Sell, OrderStatus.Rejected, RejectReason.EndOfData, Math.Abs(rem), double.NaN));
        double final = n == 0 ? cash : b + q * (c[n - 1] - e) - (q != 0 ? Accrued(n) : 0);
        return (orders, final);
    }
}
