using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VectorBacktest.Indicators.Smc;

public sealed partial class FairValueGaps
{
    /// <summary>Gap columns being filled, and the two stacks of active gaps (rented; see <see cref="Dispose"/>).</summary>
    private sealed class GapColumns(int capacity) : IDisposable
    {
        public readonly int[] Index = GC.AllocateUninitializedArray<int>(capacity + 1);
        public readonly int[] KnownAt = GC.AllocateUninitializedArray<int>(capacity + 1);
        public readonly sbyte[] Direction = GC.AllocateUninitializedArray<sbyte>(capacity + 1);
        public readonly double[] Top = GC.AllocateUninitializedArray<double>(capacity + 1);
        public readonly double[] Bottom = GC.AllocateUninitializedArray<double>(capacity + 1);
        public readonly int[] MitigatedAt = GC.AllocateUninitializedArray<int>(capacity + 1);
        public readonly int[] BullishStack = ArrayPool<int>.Shared.Rent(capacity + 1);
        public readonly int[] BearishStack = ArrayPool<int>.Shared.Rent(capacity + 1);

        public void Dispose()
        {
            ArrayPool<int>.Shared.Return(BullishStack);
            ArrayPool<int>.Shared.Return(BearishStack);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Set(int k, int bar, sbyte direction, double top, double bottom, int knownAt)
        {
            Index[k] = bar;
            KnownAt[k] = knownAt;
            Direction[k] = direction;
            Top[k] = top;
            Bottom[k] = bottom;
            MitigatedAt[k] = NotMitigated;
        }
    }

    /// <summary>
    /// One pass over the bars. At the close of bar <c>t</c>: a joined run that bar <c>t-1</c> failed to continue
    /// becomes known (its mitigation search starts at <c>t</c>); the active gaps touched by bar <c>t</c> are
    /// mitigated; then bar <c>t-1</c>'s candidate is known and is emitted (single) or extends/starts a run, and a
    /// run that bar <c>t</c>'s colour cannot continue is emitted (both searched from <c>t+1</c>).
    /// </summary>
    /// <remarks>
    /// Each active gap was tested against every bar since its search started and survived, so a bullish gap's Top
    /// is below all those lows; a new bullish gap's Top is one of those lows or higher. Tops therefore increase
    /// towards the top of the stack and a low touches a top segment of it (mirrored for bearish Bottoms); the edge
    /// of each stack's top entry is kept in a local so that a bar without a touch costs one comparison.
    /// </remarks>
    private static FairValueGaps Scan(ReadOnlySpan<double> open, ReadOnlySpan<double> high, ReadOnlySpan<double> low,
        ReadOnlySpan<double> close, ReadOnlySpan<sbyte> candidates, bool join, SmcMode mode)
    {
        int n = close.Length;
        int capacity = n - candidates.Count((sbyte)0);
        using var gaps = new GapColumns(capacity);
        int count = join
            ? ScanJoined(open, high, low, close, candidates, mode, gaps)
            : ScanSingle(high, low, candidates, gaps);
        return new FairValueGaps(mode, join, n, count, gaps.Index, gaps.KnownAt, gaps.Direction, gaps.Top, gaps.Bottom, gaps.MitigatedAt);
    }

    private static int ScanSingle(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<sbyte> candidates, GapColumns gaps)
    {
        int n = high.Length;
        if (n < 3) return 0;
        // Hot loop over a third of a million gaps per million bars: plain references, no bounds checks (every index
        // is below n, or below the gap count, which the candidate count bounds).
        ref double h = ref MemoryMarshal.GetReference(high);
        ref double l = ref MemoryMarshal.GetReference(low);
        ref sbyte c = ref MemoryMarshal.GetReference(candidates);
        ref int index = ref MemoryMarshal.GetArrayDataReference(gaps.Index);
        ref int knownAt = ref MemoryMarshal.GetArrayDataReference(gaps.KnownAt);
        ref sbyte direction = ref MemoryMarshal.GetArrayDataReference(gaps.Direction);
        ref double top = ref MemoryMarshal.GetArrayDataReference(gaps.Top);
        ref double bottom = ref MemoryMarshal.GetArrayDataReference(gaps.Bottom);
        ref int mitigatedAt = ref MemoryMarshal.GetArrayDataReference(gaps.MitigatedAt);
        ref int bullish = ref MemoryMarshal.GetArrayDataReference(gaps.BullishStack);
        ref int bearish = ref MemoryMarshal.GetArrayDataReference(gaps.BearishStack);
        int count = 0, bullDepth = 0, bearDepth = 0;
        double bullEdge = double.NegativeInfinity, bearEdge = double.PositiveInfinity;

        // Bar 1 has nothing to test or emit (bar 0 is never a gap); from bar 2 on, bar t-2 exists for the edges.
        for (int t = 2; t < n; t++)
        {
            double lt = Unsafe.Add(ref l, t), ht = Unsafe.Add(ref h, t);
            if (lt <= bullEdge)
            {
                do Unsafe.Add(ref mitigatedAt, Unsafe.Add(ref bullish, --bullDepth)) = t;
                while (bullDepth > 0 && Unsafe.Add(ref top, Unsafe.Add(ref bullish, bullDepth - 1)) >= lt);
                bullEdge = bullDepth > 0 ? Unsafe.Add(ref top, Unsafe.Add(ref bullish, bullDepth - 1)) : double.NegativeInfinity;
            }
            if (ht >= bearEdge)
            {
                do Unsafe.Add(ref mitigatedAt, Unsafe.Add(ref bearish, --bearDepth)) = t;
                while (bearDepth > 0 && Unsafe.Add(ref bottom, Unsafe.Add(ref bearish, bearDepth - 1)) <= ht);
                bearEdge = bearDepth > 0 ? Unsafe.Add(ref bottom, Unsafe.Add(ref bearish, bearDepth - 1)) : double.PositiveInfinity;
            }

            int d = Unsafe.Add(ref c, t - 1);
            if (d == 0) continue;
            Unsafe.Add(ref index, count) = t - 1;
            Unsafe.Add(ref knownAt, count) = t;
            Unsafe.Add(ref direction, count) = (sbyte)d;
            Unsafe.Add(ref mitigatedAt, count) = NotMitigated;
            if (d > 0)
            {
                Unsafe.Add(ref top, count) = lt;
                Unsafe.Add(ref bottom, count) = Unsafe.Add(ref h, t - 2);
                Unsafe.Add(ref bullish, bullDepth++) = count;
                bullEdge = lt;
            }
            else
            {
                Unsafe.Add(ref top, count) = Unsafe.Add(ref l, t - 2);
                Unsafe.Add(ref bottom, count) = ht;
                Unsafe.Add(ref bearish, bearDepth++) = count;
                bearEdge = ht;
            }
            count++;
        }
        return count;
    }

    private static int ScanJoined(ReadOnlySpan<double> open, ReadOnlySpan<double> high, ReadOnlySpan<double> low,
        ReadOnlySpan<double> close, ReadOnlySpan<sbyte> candidates, SmcMode mode, GapColumns gaps)
    {
        int n = high.Length;
        var top = gaps.Top;
        var bottom = gaps.Bottom;
        var mitigatedAt = gaps.MitigatedAt;
        var bullish = gaps.BullishStack;
        var bearish = gaps.BearishStack;
        int count = 0, bullDepth = 0, bearDepth = 0;

        sbyte runDirection = 0;
        int runEnd = -1;
        double runTop = 0, runBottom = 0;

        for (int t = 0; t < n; t++)
        {
            if (runDirection != 0 && runEnd == t - 2 && candidates[t - 1] != runDirection)
            {
                Emit(gaps, ref count, ref bullDepth, ref bearDepth, runEnd, runDirection, runTop, runBottom, t);
                runDirection = 0;
            }

            double lt = low[t], ht = high[t];
            while (bullDepth > 0 && top[bullish[bullDepth - 1]] >= lt) mitigatedAt[bullish[--bullDepth]] = t;
            while (bearDepth > 0 && bottom[bearish[bearDepth - 1]] <= ht) mitigatedAt[bearish[--bearDepth]] = t;

            if (t == 0) continue;
            sbyte d = candidates[t - 1];
            if (d != 0)
            {
                double gapTop = d > 0 ? lt : low[t - 2];
                double gapBottom = d > 0 ? high[t - 2] : ht;
                if (runDirection == d)
                {
                    runTop = Math.Max(runTop, gapTop);
                    runBottom = Math.Min(runBottom, gapBottom);
                }
                else
                {
                    runDirection = d;
                    runTop = gapTop;
                    runBottom = gapBottom;
                }
                runEnd = t - 1;
            }
            // Bar t can only continue a run with a candle of the run's colour.
            if (runDirection != 0 && (runDirection > 0 ? !(close[t] > open[t]) : !(close[t] < open[t])))
            {
                Emit(gaps, ref count, ref bullDepth, ref bearDepth, runEnd, runDirection, runTop, runBottom, t);
                runDirection = 0;
            }
        }

        // The reference closes a run still open at the last bar; no bar is left to mitigate it.
        if (mode == SmcMode.Reference && runDirection != 0)
            Emit(gaps, ref count, ref bullDepth, ref bearDepth, runEnd, runDirection, runTop, runBottom, SmcKnownAt.Never);
        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Emit(GapColumns gaps, ref int count, ref int bullDepth, ref int bearDepth, int bar, sbyte direction,
        double top, double bottom, int knownAt)
    {
        gaps.Set(count, bar, direction, top, bottom, knownAt);
        if (direction > 0) gaps.BullishStack[bullDepth++] = count;
        else gaps.BearishStack[bearDepth++] = count;
        count++;
    }
}
