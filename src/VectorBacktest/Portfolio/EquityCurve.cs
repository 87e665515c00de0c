using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using VectorBacktest.Data;

namespace VectorBacktest.Portfolio;

/// <summary>
/// The per-bar portfolio of a simulation, rebuilt from its orders in a separate vectorized pass: between two fills
/// the position and balance are constant, so each stretch of bars is one SIMD multiply-subtract over the closes.
/// </summary>
/// <remarks>
/// Values are marked at each bar's close, after that bar's fills (a next-open fill, an exit level inside the bar and a
/// signal-close fill all count for their own bar). With balance <c>B</c>, signed position <c>q</c> and entry price
/// <c>e</c>: <c>Equity = B + (close × q − q × e)</c> (evaluated in this order, as backtesting.py does),
/// <c>Cash = B − q × e</c>, <c>PositionValue = close × q</c>, and <c>Drawdown = 1 − Equity / max(Equity[0..i])</c>, a
/// fraction ≥ 0. With a funding column, an open position's accrued funding <c>F</c> (see
/// <see cref="SignalInputs.FundingRate"/>) is subtracted from cash and equity until the trade settles it.
/// </remarks>
public sealed class EquityCurve
{
    private EquityCurve(long[] time, double[] cash, double[] positionValue, double[] equity, double[] drawdown)
    {
        Time = time; Cash = cash; PositionValue = positionValue; Equity = equity; Drawdown = drawdown;
    }

    /// <summary>Bar open times, epoch ms UTC (values are as of each bar's close).</summary>
    public long[] Time { get; }
    /// <summary>Free cash in quote currency (negative cash never occurs for longs; a short's proceeds are included).</summary>
    public double[] Cash { get; }
    /// <summary>Signed position × close, quote currency.</summary>
    public double[] PositionValue { get; }
    /// <summary>Cash + position value, quote currency.</summary>
    public double[] Equity { get; }
    /// <summary>Fraction below the running peak of equity, ≥ 0.</summary>
    public double[] Drawdown { get; }

    /// <summary>Number of bars.</summary>
    public int Length => Equity.Length;

    /// <summary>Builds the curve into new arrays.</summary>
    /// <param name="bars">The simulated bars.</param>
    /// <param name="orders">The run's orders (<see cref="SimulationWorkspace.Orders"/>); rejected ones are skipped.</param>
    /// <param name="initialCash">The run's starting cash.</param>
    /// <param name="fundingRate">The run's funding column (<see cref="SignalInputs.FundingRate"/>), empty for none.</param>
    /// <exception cref="ArgumentException">An order's bar lies outside the bars, or orders are not in bar order.</exception>
    public static EquityCurve Build(BarSeries bars, ReadOnlySpan<OrderRecord> orders, double initialCash, ReadOnlySpan<double> fundingRate = default)
    {
        ArgumentNullException.ThrowIfNull(bars);
        int n = bars.Length;
        var curve = new EquityCurve(bars.Time.ToArray(), new double[n], new double[n], new double[n], new double[n]);
        Compute(bars.Open, bars.Close, fundingRate, orders, initialCash, curve.Cash, curve.PositionValue, curve.Equity, curve.Drawdown);
        return curve;
    }

    /// <summary>Builds the curve into caller-owned spans (allocation-free); each span is as long as <paramref name="close"/>.</summary>
    /// <param name="close">Close prices.</param>
    /// <param name="orders">The run's orders in processing order; rejected ones are skipped.</param>
    /// <param name="initialCash">The run's starting cash.</param>
    /// <param name="cash">Receives free cash.</param>
    /// <param name="positionValue">Receives position × close.</param>
    /// <param name="equity">Receives equity.</param>
    /// <param name="drawdown">Receives the drawdown fraction.</param>
    /// <exception cref="ArgumentException">A span of the wrong length, an order outside the bars, or orders out of bar order.</exception>
    public static void Compute(ReadOnlySpan<double> close, ReadOnlySpan<OrderRecord> orders, double initialCash,
        Span<double> cash, Span<double> positionValue, Span<double> equity, Span<double> drawdown) =>
        Compute(default, close, default, orders, initialCash, cash, positionValue, equity, drawdown);

    /// <summary>Builds the curve of a run with funding into caller-owned spans (allocation-free).</summary>
    /// <param name="open">Open prices (funding is charged on the open); may be empty when <paramref name="fundingRate"/> is.</param>
    /// <param name="close">Close prices.</param>
    /// <param name="fundingRate">The run's funding column, empty for none.</param>
    /// <param name="orders">The run's orders in processing order; rejected ones are skipped.</param>
    /// <param name="initialCash">The run's starting cash.</param>
    /// <param name="cash">Receives free cash.</param>
    /// <param name="positionValue">Receives position × close.</param>
    /// <param name="equity">Receives equity.</param>
    /// <param name="drawdown">Receives the drawdown fraction.</param>
    /// <exception cref="ArgumentException">A span of the wrong length, an order outside the bars, or orders out of bar order.</exception>
    public static void Compute(ReadOnlySpan<double> open, ReadOnlySpan<double> close, ReadOnlySpan<double> fundingRate,
        ReadOnlySpan<OrderRecord> orders, double initialCash, Span<double> cash, Span<double> positionValue, Span<double> equity,
        Span<double> drawdown)
    {
        int n = close.Length;
        if (fundingRate.Length != 0 && fundingRate.Length != n)
            throw new ArgumentException($"fundingRate has {fundingRate.Length} elements, close has {n}.", nameof(fundingRate));
        if (fundingRate.Length != 0 && open.Length != n) throw new ArgumentException($"open has {open.Length} elements, close has {n}.", nameof(open));
        if (cash.Length != n) throw new ArgumentException($"cash has {cash.Length} elements, close has {n}.", nameof(cash));
        if (positionValue.Length != n) throw new ArgumentException($"positionValue has {positionValue.Length} elements, close has {n}.", nameof(positionValue));
        if (equity.Length != n) throw new ArgumentException($"equity has {equity.Length} elements, close has {n}.", nameof(equity));
        if (drawdown.Length != n) throw new ArgumentException($"drawdown has {drawdown.Length} elements, close has {n}.", nameof(drawdown));

        double balance = initialCash, position = 0, entry = 0, peak = double.NegativeInfinity;
        int start = 0, fundingFrom = 0;
        for (int o = 0; o < orders.Length; o++)
        {
            ref readonly var order = ref orders[o];
            if (order.Status == Execution.OrderStatus.Rejected) continue;
            if ((uint)order.Bar >= (uint)n) throw new ArgumentException($"Order {o} is on bar {order.Bar}, outside the {n} bars.", nameof(orders));
            if (order.Bar < start) throw new ArgumentException($"Order {o} (bar {order.Bar}) comes after an order on bar {start}.", nameof(orders));
            if (fundingRate.IsEmpty || position == 0)
                Segment(close, start, order.Bar, balance, position, entry, ref peak, cash, positionValue, equity, drawdown);
            else
                FundedSegment(open, close, fundingRate, start, order.Bar, fundingFrom, balance, position, entry, ref peak, cash, positionValue, equity, drawdown);
            start = order.Bar;
            fundingFrom = order.AtOpen ? order.Bar : order.Bar + 1;
            balance = order.BalanceAfter;
            position = order.PositionAfter;
            entry = order.EntryPriceAfter;
        }
        if (fundingRate.IsEmpty || position == 0)
            Segment(close, start, n, balance, position, entry, ref peak, cash, positionValue, equity, drawdown);
        else
            FundedSegment(open, close, fundingRate, start, n, fundingFrom, balance, position, entry, ref peak, cash, positionValue, equity, drawdown);
    }

    // A position's bars with funding accruing from bar fundingFrom, summed in the same order as the simulator settles it.
    private static void FundedSegment(ReadOnlySpan<double> open, ReadOnlySpan<double> close, ReadOnlySpan<double> fundingRate,
        int from, int to, int fundingFrom, double balance, double position, double entry, ref double peak,
        Span<double> cash, Span<double> positionValue, Span<double> equity, Span<double> drawdown)
    {
        double cost = position * entry, accrued = 0.0;
        for (int i = from; i < to; i++)
        {
            if (i >= fundingFrom) accrued += open[i] * fundingRate[i];
            double funding = position * accrued;
            double value = close[i] * position;
            double e = balance + (value - cost) - funding;
            cash[i] = balance - cost - funding;
            positionValue[i] = value;
            equity[i] = e;
            if (e > peak) peak = e;
            drawdown[i] = 1.0 - e / peak;
        }
    }

    // Bars [from, to) with a constant balance and position; carries the running equity peak.
    private static void Segment(ReadOnlySpan<double> close, int from, int to, double balance, double position, double entry,
        ref double peak, Span<double> cash, Span<double> positionValue, Span<double> equity, Span<double> drawdown)
    {
        if (to <= from) return;
        int count = to - from;
        double cost = position * entry;
        cash.Slice(from, count).Fill(balance - cost);
        if (position == 0)
        {
            if (balance > peak) peak = balance;
            positionValue.Slice(from, count).Clear();
            equity.Slice(from, count).Fill(balance);
            drawdown.Slice(from, count).Fill(1.0 - balance / peak);
            return;
        }
        ref double c = ref MemoryMarshal.GetReference(close);
        ref double pv = ref MemoryMarshal.GetReference(positionValue);
        ref double eq = ref MemoryMarshal.GetReference(equity);
        ref double dd = ref MemoryMarshal.GetReference(drawdown);
        int i = from;
        // Separate multiply, subtract and add (never a fused multiply-add), and exact maxima, keep every value equal
        // to the scalar loop's bit for bit.
        if (Vector256.IsHardwareAccelerated)
        {
            var q = Vector256.Create(position);
            var k = Vector256.Create(cost);
            var b = Vector256.Create(balance);
            var one = Vector256.Create(1.0);
            var shift1 = Vector256.Create(0L, 0, 1, 2);
            var shift2 = Vector256.Create(0L, 0, 0, 1);
            for (; i <= to - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var value = Vector256.LoadUnsafe(ref c, (nuint)i) * q;
                var e = b + (value - k);
                value.StoreUnsafe(ref pv, (nuint)i);
                e.StoreUnsafe(ref eq, (nuint)i);
                // Running maximum inside the vector in two shift-and-max steps, then against the carried peak.
                var m = Vector256.Max(e, Vector256.Shuffle(e, shift1));
                m = Vector256.Max(m, Vector256.Shuffle(m, shift2));
                m = Vector256.Max(m, Vector256.Create(peak));
                (one - e / m).StoreUnsafe(ref dd, (nuint)i);
                peak = m.GetElement(3);
            }
        }
        for (; i < to; i++)
        {
            double value = close[i] * position;
            double e = balance + (value - cost);
            positionValue[i] = value;
            equity[i] = e;
            if (e > peak) peak = e;
            drawdown[i] = 1.0 - e / peak;
        }
    }
}
