using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Portfolio.Orders;

namespace VectorBacktest.Tests.Portfolio.Orders;

/// <summary>
/// A deliberately plain from-orders simulator written from the documented rules: fraction fee, fixed-fraction
/// slippage, no lot step, average-cost accounting, cash cap on the part that adds exposure, optional volume-share cap
/// with carried or cancelled remainders.
/// </summary>
internal static class OrderReference
{
    public sealed record Order(int Bar, OrderSide Side, OrderStatus Status, RejectReason Reject, double Quantity, double Price);

    public static (List<Order> Orders, double Equity) Run(BarSeries bars, double[] size, SizeType type, bool nextOpen,
        double feeRate, double slip, double cash, double volumeShare, bool carry)
    {
        int n = bars.Length;
        var o = bars.Open.ToArray(); var c = bars.Close.ToArray(); var v = bars.Volume.ToArray();
        var orders = new List<Order>();
        double q = 0, e = 0, b = cash, rem = 0;

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

        double Execute(int bar, double delta, double basePrice, bool recordNoLiquidity)
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
                double realised = Math.Sign(q) * r * (p - e);
                double budget = b + realised - r * p * feeRate - (Math.Abs(q) - r) * e;
                double affordable = budget > 1e-9 * b ? budget / (1 + feeRate) / p : 0;
                if (qty - r > affordable)
                {
                    qty = r + affordable;
                    if (qty <= 0)
                    {
                        orders.Add(new Order(bar, side, OrderStatus.Rejected, RejectReason.InsufficientFunds, wanted, p));
                        return 0;
                    }
                }
            }
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
            return unfilled;
        }

        void Place(int bar, double s, double price)
        {
            double delta = Delta(s, price);
            if (delta == 0) return;
            double unfilled = Execute(bar, delta, price, true);
            if (carry && unfilled > 0) rem = delta > 0 ? unfilled : -unfilled;
        }

        void Work(int bar, double price)
        {
            double unfilled = Execute(bar, rem, price, false);
            rem = rem > 0 ? unfilled : -unfilled;
        }

        void Cancel(int bar)
        {
            orders.Add(new Order(bar, rem > 0 ? OrderSide.Buy : OrderSide.Sell, OrderStatus.Rejected, RejectReason.Cancelled, Math.Abs(rem), double.NaN));
            rem = 0;
        }

        for (int t = 0; t < n; t++)
        {
            if (nextOpen)
            {
                if (t > 0 && !double.IsNaN(size[t - 1])) Place(t, size[t - 1], o[t]);
                else if (rem != 0) Work(t, o[t]);
                if (double.IsNaN(size[t])) continue;
                if (rem != 0) Cancel(t);
                if (t == n - 1)
                {
                    double delta = Delta(size[t], c[t]);
                    if (delta != 0)
                        orders.Add(new Order(t, delta > 0 ? OrderSide.Buy : OrderSide.Sell, OrderStatus.Rejected, RejectReason.EndOfData, Math.Abs(delta), double.NaN));
                }
            }
            else if (!double.IsNaN(size[t]))
            {
                if (rem != 0) Cancel(t);
                Place(t, size[t], c[t]);
            }
            else if (rem != 0) Work(t, c[t]);
        }
        if (rem != 0)
            orders.Add(new Order(n - 1, rem > 0 ? OrderSide.Buy : OrderSide.Sell, OrderStatus.Rejected, RejectReason.EndOfData, Math.Abs(rem), double.NaN));
        double final = n == 0 ? cash : b + q * (c[n - 1] - e);
        return (orders, final);
    }
}
