using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VectorBacktest.Indicators.Smc;

public sealed partial class Swings
{
    /// <summary>
    /// Tests every bar <c>2n-1 ≤ i ≤ N-1-n</c> against its window <c>i-n+1 … i+n</c> and feeds the candidates to
    /// <paramref name="runs"/> in time order.
    /// </summary>
    /// <remarks>
    /// A bar is a candidate only if it is not beaten by any bar of its window, so the test compares it with its
    /// neighbours nearest first and stops as soon as every lane of the block is beaten: on market data that is
    /// after one or two offsets for almost every block, which makes the scan nearly independent of <c>n</c>.
    /// </remarks>
    private static void ScanCandidates(ReadOnlySpan<double> high, ReadOnlySpan<double> low, int n, ref RunBuilder runs)
    {
        // In long: 2n - 1 overflows int for absurd swing lengths, which simply give no candidates.
        long fromLong = 2L * n - 1;
        int to = high.Length - 1 - n;
        if (fromLong > to) return;
        int from = (int)fromLong;
        ref double h = ref MemoryMarshal.GetReference(high);
        ref double l = ref MemoryMarshal.GetReference(low);
        int i = from;
        if (Vector512.IsHardwareAccelerated)
            i = Scan512(ref h, ref l, from, to, n, ref runs);
        else if (Vector256.IsHardwareAccelerated)
            i = Scan256(ref h, ref l, from, to, n, ref runs);
        else if (Vector128.IsHardwareAccelerated)
            i = Scan128(ref h, ref l, from, to, n, ref runs);
        ScanScalar(ref h, ref l, i, to, n, ref runs);
    }

    private static void ScanScalar(ref double h, ref double l, int from, int to, int n, ref RunBuilder runs)
    {
        for (int i = from; i <= to; i++)
        {
            double hi = Unsafe.Add(ref h, i);
            bool isHigh = true;
            for (int d = 1; d <= n; d++)
            {
                if (Unsafe.Add(ref h, i + d) > hi || (d < n && Unsafe.Add(ref h, i - d) > hi))
                {
                    isHigh = false;
                    break;
                }
            }
            if (isHigh)
            {
                runs.Add(i, 1, hi);
                continue;
            }
            double lo = Unsafe.Add(ref l, i);
            bool isLow = true;
            for (int d = 1; d <= n; d++)
            {
                if (Unsafe.Add(ref l, i + d) < lo || (d < n && Unsafe.Add(ref l, i - d) < lo))
                {
                    isLow = false;
                    break;
                }
            }
            if (isLow) runs.Add(i, -1, lo);
        }
    }

    /// <summary>Emits the candidates of one block; a bar that is both a high and a low candidate is a high.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EmitBlock(ref double h, ref double l, int i, uint highBits, uint lowBits, ref RunBuilder runs)
    {
        uint any = highBits | lowBits;
        while (any != 0)
        {
            int k = BitOperations.TrailingZeroCount(any);
            int bar = i + k;
            if ((highBits & (1u << k)) != 0) runs.Add(bar, 1, Unsafe.Add(ref h, bar));
            else runs.Add(bar, -1, Unsafe.Add(ref l, bar));
            any &= any - 1;
        }
    }

    private static int Scan512(ref double h, ref double l, int from, int to, int n, ref RunBuilder runs)
    {
        int i = from;
        for (; i + Vector512<double>.Count - 1 <= to; i += Vector512<double>.Count)
        {
            var vh = Vector512.LoadUnsafe(ref h, (nuint)i);
            var vl = Vector512.LoadUnsafe(ref l, (nuint)i);
            var mh = Vector512<double>.AllBitsSet;
            var ml = Vector512<double>.AllBitsSet;
            for (int d = 1; d <= n; d++)
            {
                mh &= Vector512.GreaterThanOrEqual(vh, Vector512.LoadUnsafe(ref h, (nuint)(i + d)));
                ml &= Vector512.LessThanOrEqual(vl, Vector512.LoadUnsafe(ref l, (nuint)(i + d)));
                if (d < n)
                {
                    mh &= Vector512.GreaterThanOrEqual(vh, Vector512.LoadUnsafe(ref h, (nuint)(i - d)));
                    ml &= Vector512.LessThanOrEqual(vl, Vector512.LoadUnsafe(ref l, (nuint)(i - d)));
                }
                if ((mh | ml).ExtractMostSignificantBits() == 0) break;
            }
            ulong highBits = mh.ExtractMostSignificantBits();
            ulong lowBits = ml.ExtractMostSignificantBits() & ~highBits;
            if ((highBits | lowBits) != 0) EmitBlock(ref h, ref l, i, (uint)highBits, (uint)lowBits, ref runs);
        }
        return i;
    }

    private static int Scan256(ref double h, ref double l, int from, int to, int n, ref RunBuilder runs)
    {
        int i = from;
        for (; i + Vector256<double>.Count - 1 <= to; i += Vector256<double>.Count)
        {
            var vh = Vector256.LoadUnsafe(ref h, (nuint)i);
            var vl = Vector256.LoadUnsafe(ref l, (nuint)i);
            var mh = Vector256<double>.AllBitsSet;
            var ml = Vector256<double>.AllBitsSet;
            for (int d = 1; d <= n; d++)
            {
                mh &= Vector256.GreaterThanOrEqual(vh, Vector256.LoadUnsafe(ref h, (nuint)(i + d)));
                ml &= Vector256.LessThanOrEqual(vl, Vector256.LoadUnsafe(ref l, (nuint)(i + d)));
                if (d < n)
                {
                    mh &= Vector256.GreaterThanOrEqual(vh, Vector256.LoadUnsafe(ref h, (nuint)(i - d)));
                    ml &= Vector256.LessThanOrEqual(vl, Vector256.LoadUnsafe(ref l, (nuint)(i - d)));
                }
                if ((mh | ml).ExtractMostSignificantBits() == 0) break;
            }
            uint highBits = mh.ExtractMostSignificantBits();
            uint lowBits = ml.ExtractMostSignificantBits() & ~highBits;
            if ((highBits | lowBits) != 0) EmitBlock(ref h, ref l, i, highBits, lowBits, ref runs);
        }
        return i;
    }

    private static int Scan128(ref double h, ref double l, int from, int to, int n, ref RunBuilder runs)
    {
        int i = from;
        for (; i + Vector128<double>.Count - 1 <= to; i += Vector128<double>.Count)
        {
            var vh = Vector128.LoadUnsafe(ref h, (nuint)i);
            var vl = Vector128.LoadUnsafe(ref l, (nuint)i);
            var mh = Vector128<double>.AllBitsSet;
            var ml = Vector128<double>.AllBitsSet;
            for (int d = 1; d <= n; d++)
            {
                mh &= Vector128.GreaterThanOrEqual(vh, Vector128.LoadUnsafe(ref h, (nuint)(i + d)));
                ml &= Vector128.LessThanOrEqual(vl, Vector128.LoadUnsafe(ref l, (nuint)(i + d)));
                if (d < n)
                {
                    mh &= Vector128.GreaterThanOrEqual(vh, Vector128.LoadUnsafe(ref h, (nuint)(i - d)));
                    ml &= Vector128.LessThanOrEqual(vl, Vector128.LoadUnsafe(ref l, (nuint)(i - d)));
                }
                if ((mh | ml).ExtractMostSignificantBits() == 0) break;
            }
            uint highBits = mh.ExtractMostSignificantBits();
            uint lowBits = ml.ExtractMostSignificantBits() & ~highBits;
            if ((highBits | lowBits) != 0) EmitBlock(ref h, ref l, i, highBits, lowBits, ref runs);
        }
        return i;
    }
}
