using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VectorBacktest.Indicators.Smc;

public sealed partial class FairValueGaps
{
    /// <summary>
    /// The three-candle gap test of every middle bar, without joining or mitigation (SEMANTICS.md §3).
    /// </summary>
    /// <remarks>
    /// <para><c>direction[i]</c> = +1 when <c>close[i] &gt; open[i]</c> and <c>high[i-1] &lt; low[i+1]</c> (bullish),
    /// −1 when <c>close[i] &lt; open[i]</c> and <c>low[i-1] &gt; high[i+1]</c> (bearish), 0 otherwise. All comparisons
    /// strict; bars 0 and N−1 are always 0.</para>
    /// <para>The value of bar <c>i</c> is placed at <c>i</c> but needs bar <c>i+1</c>: it is known at the close of
    /// <c>i+1</c>. Vectorised (256- or 128-bit lanes, scalar fallback).</para>
    /// </remarks>
    /// <param name="open">Open prices.</param>
    /// <param name="high">High prices.</param>
    /// <param name="low">Low prices.</param>
    /// <param name="close">Close prices.</param>
    /// <param name="direction">Destination, one entry per bar (at least as long as the prices).</param>
    /// <exception cref="ArgumentException">The price spans differ in length, or <paramref name="direction"/> is shorter.</exception>
    public static void DetectCandidates(ReadOnlySpan<double> open, ReadOnlySpan<double> high, ReadOnlySpan<double> low,
        ReadOnlySpan<double> close, Span<sbyte> direction)
    {
        int n = close.Length;
        SmcThrow.IfLengthDiffers(open.Length, n, nameof(open), nameof(close));
        SmcThrow.IfLengthDiffers(high.Length, n, nameof(high), nameof(close));
        SmcThrow.IfLengthDiffers(low.Length, n, nameof(low), nameof(close));
        SmcThrow.IfTooShort(direction.Length, n, nameof(direction));
        if (n == 0) return;
        direction[0] = 0;
        direction[n - 1] = 0;
        if (n < 3) return;

        int i = 1;
        int last = n - 2; // last middle bar
        ref double o = ref MemoryMarshal.GetReference(open);
        ref double h = ref MemoryMarshal.GetReference(high);
        ref double l = ref MemoryMarshal.GetReference(low);
        ref double c = ref MemoryMarshal.GetReference(close);
        ref sbyte d = ref MemoryMarshal.GetReference(direction);

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + Vector256<double>.Count - 1 <= last; i += Vector256<double>.Count)
            {
                var oi = Vector256.LoadUnsafe(ref o, (nuint)i);
                var ci = Vector256.LoadUnsafe(ref c, (nuint)i);
                var hPrev = Vector256.LoadUnsafe(ref h, (nuint)(i - 1));
                var lPrev = Vector256.LoadUnsafe(ref l, (nuint)(i - 1));
                var hNext = Vector256.LoadUnsafe(ref h, (nuint)(i + 1));
                var lNext = Vector256.LoadUnsafe(ref l, (nuint)(i + 1));
                uint bull = (Vector256.GreaterThan(ci, oi) & Vector256.LessThan(hPrev, lNext)).ExtractMostSignificantBits();
                uint bear = (Vector256.LessThan(ci, oi) & Vector256.GreaterThan(lPrev, hNext)).ExtractMostSignificantBits();
                Unsafe.WriteUnaligned(ref Unsafe.As<sbyte, byte>(ref Unsafe.Add(ref d, i)), Spread(bull, bear));
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i + Vector128<double>.Count - 1 <= last; i += Vector128<double>.Count)
            {
                var oi = Vector128.LoadUnsafe(ref o, (nuint)i);
                var ci = Vector128.LoadUnsafe(ref c, (nuint)i);
                var hPrev = Vector128.LoadUnsafe(ref h, (nuint)(i - 1));
                var lPrev = Vector128.LoadUnsafe(ref l, (nuint)(i - 1));
                var hNext = Vector128.LoadUnsafe(ref h, (nuint)(i + 1));
                var lNext = Vector128.LoadUnsafe(ref l, (nuint)(i + 1));
                uint bull = (Vector128.GreaterThan(ci, oi) & Vector128.LessThan(hPrev, lNext)).ExtractMostSignificantBits();
                uint bear = (Vector128.LessThan(ci, oi) & Vector128.GreaterThan(lPrev, hNext)).ExtractMostSignificantBits();
                Unsafe.WriteUnaligned(ref Unsafe.As<sbyte, byte>(ref Unsafe.Add(ref d, i)), (ushort)Spread(bull, bear));
            }
        }

        for (; i <= last; i++)
            Unsafe.Add(ref d, i) = CandidateAt(ref o, ref h, ref l, ref c, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static sbyte CandidateAt(ref double o, ref double h, ref double l, ref double c, int i)
    {
        double oi = Unsafe.Add(ref o, i), ci = Unsafe.Add(ref c, i);
        if (ci > oi && Unsafe.Add(ref h, i - 1) < Unsafe.Add(ref l, i + 1)) return 1;
        if (ci < oi && Unsafe.Add(ref l, i - 1) > Unsafe.Add(ref h, i + 1)) return -1;
        return 0;
    }

    // Lane masks (bit k = lane k) to little-endian bytes: +1 (0x01) for bullish lanes, −1 (0xFF) for bearish ones.
    // The two masks are disjoint (close > open vs close < open), so OR-ing cannot mix them.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Spread(uint bull, uint bear)
    {
        ReadOnlySpan<uint> bytes =
        [
            0x00000000, 0x00000001, 0x00000100, 0x00000101, 0x00010000, 0x00010001, 0x00010100, 0x00010101,
            0x01000000, 0x01000001, 0x01000100, 0x01000101, 0x01010000, 0x01010001, 0x01010100, 0x01010101,
        ];
        return bytes[(int)bull] | (bytes[(int)bear] * 0xFFu);
    }
}
