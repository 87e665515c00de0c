using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VectorBacktest.Indicators.Smc;

public sealed partial class Swings
{
    /// <summary>Output bars per chunk: the chunk's working buffers stay in L1/L2.</summary>
    private const int ChunkBars = 1024;

    /// <summary>
    /// Tests every bar <c>2n-1 ≤ i ≤ N-1-n</c> against its window <c>i-n+1 … i+n</c> and feeds the candidates to
    /// <paramref name="runs"/> in time order.
    /// </summary>
    /// <remarks>
    /// Window maxima (highs) and minima (lows) of width <c>w = 2n</c> come from doubling: with <c>p</c> the largest
    /// power of two ≤ <c>w</c>, <c>log2(p)</c> element-wise max passes give the maximum of every <c>p</c>-bar span,
    /// and the <c>w</c>-bar window is the max of two overlapping spans. Every pass is a plain SIMD max of two
    /// shifted spans, so the cost is O(N log n) vector operations whatever the data (long runs of equal prices
    /// included, where an early-exit neighbour scan would degrade to O(N n)). The series is processed in chunks so
    /// the buffers stay in cache.
    /// </remarks>
    private static void ScanCandidates(ReadOnlySpan<double> high, ReadOnlySpan<double> low, int n, ref RunBuilder runs)
    {
        // In long: 2n - 1 overflows int for absurd swing lengths, which simply give no candidates.
        long fromLong = 2L * n - 1;
        int to = high.Length - 1 - n;
        if (fromLong > to) return;
        int from = (int)fromLong;
        int window = 2 * n;
        int span = 1 << BitOperations.Log2((uint)window);
        int chunk = Math.Max(ChunkBars, 2 * window);
        int bufferLength = chunk + window - 1;
        var pool = ArrayPool<double>.Shared;
        double[] highSpans = pool.Rent(bufferLength), lowSpans = pool.Rent(bufferLength);
        try
        {
            ref double h = ref MemoryMarshal.GetReference(high);
            ref double l = ref MemoryMarshal.GetReference(low);
            ref double hs = ref MemoryMarshal.GetArrayDataReference(highSpans);
            ref double ls = ref MemoryMarshal.GetArrayDataReference(lowSpans);
            for (int start = from; start <= to; start += chunk)
            {
                int count = Math.Min(chunk, to - start + 1);
                // Element k of the span buffers becomes the extreme of input[k … k+covered-1], input = the bars from
                // start-n+1; the first pass reads the prices, later ones work in place.
                int length = count + window - 1 - 1;
                int inputStart = start - n + 1;
                DoublingPass(ref Unsafe.Add(ref h, inputStart), ref Unsafe.Add(ref l, inputStart), ref hs, ref ls, length, 1);
                for (int covered = 2; covered < span; covered *= 2)
                {
                    length -= covered;
                    DoublingPass(ref hs, ref ls, ref hs, ref ls, length, covered);
                }
                EmitCandidates(high.Slice(start, count), low.Slice(start, count), highSpans, lowSpans, window - span, start, ref runs);
            }
        }
        finally
        {
            pool.Return(highSpans);
            pool.Return(lowSpans);
        }
    }

    /// <summary>
    /// <c>maxOut[k] = max(high[k], high[k+offset])</c> and <c>minOut[k] = min(low[k], low[k+offset])</c> for
    /// <c>k &lt; length</c>. Ascending order with each block loaded before it is stored makes in-place use safe.
    /// Prices are finite, so the native (non-IEEE-NaN-propagating) max/min instructions give the same values.
    /// </summary>
    private static void DoublingPass(ref double high, ref double low, ref double maxOut, ref double minOut, int length, int offset)
    {
        int k = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; k <= length - Vector512<double>.Count; k += Vector512<double>.Count)
            {
                var hi = Vector512.MaxNative(Vector512.LoadUnsafe(ref high, (nuint)k), Vector512.LoadUnsafe(ref high, (nuint)(k + offset)));
                var lo = Vector512.MinNative(Vector512.LoadUnsafe(ref low, (nuint)k), Vector512.LoadUnsafe(ref low, (nuint)(k + offset)));
                hi.StoreUnsafe(ref maxOut, (nuint)k);
                lo.StoreUnsafe(ref minOut, (nuint)k);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; k <= length - Vector256<double>.Count; k += Vector256<double>.Count)
            {
                var hi = Vector256.MaxNative(Vector256.LoadUnsafe(ref high, (nuint)k), Vector256.LoadUnsafe(ref high, (nuint)(k + offset)));
                var lo = Vector256.MinNative(Vector256.LoadUnsafe(ref low, (nuint)k), Vector256.LoadUnsafe(ref low, (nuint)(k + offset)));
                hi.StoreUnsafe(ref maxOut, (nuint)k);
                lo.StoreUnsafe(ref minOut, (nuint)k);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; k <= length - Vector128<double>.Count; k += Vector128<double>.Count)
            {
                var hi = Vector128.MaxNative(Vector128.LoadUnsafe(ref high, (nuint)k), Vector128.LoadUnsafe(ref high, (nuint)(k + offset)));
                var lo = Vector128.MinNative(Vector128.LoadUnsafe(ref low, (nuint)k), Vector128.LoadUnsafe(ref low, (nuint)(k + offset)));
                hi.StoreUnsafe(ref maxOut, (nuint)k);
                lo.StoreUnsafe(ref minOut, (nuint)k);
            }
        }
        for (; k < length; k++)
        {
            Unsafe.Add(ref maxOut, k) = Math.Max(Unsafe.Add(ref high, k), Unsafe.Add(ref high, k + offset));
            Unsafe.Add(ref minOut, k) = Math.Min(Unsafe.Add(ref low, k), Unsafe.Add(ref low, k + offset));
        }
    }

    /// <summary>
    /// Bar <c>start+o</c> is a high candidate when its high reaches <c>max(highSpans[o], highSpans[o+tail])</c>,
    /// otherwise a low candidate when its low reaches the matching minimum.
    /// </summary>
    private static void EmitCandidates(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> highSpans,
        ReadOnlySpan<double> lowSpans, int tail, int start, ref RunBuilder runs)
    {
        ref double h = ref MemoryMarshal.GetReference(high);
        ref double l = ref MemoryMarshal.GetReference(low);
        ref double hs = ref MemoryMarshal.GetReference(highSpans);
        ref double ls = ref MemoryMarshal.GetReference(lowSpans);
        int count = high.Length;
        int o = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; o <= count - Vector512<double>.Count; o += Vector512<double>.Count)
            {
                var maxima = Vector512.MaxNative(Vector512.LoadUnsafe(ref hs, (nuint)o), Vector512.LoadUnsafe(ref hs, (nuint)(o + tail)));
                var minima = Vector512.MinNative(Vector512.LoadUnsafe(ref ls, (nuint)o), Vector512.LoadUnsafe(ref ls, (nuint)(o + tail)));
                ulong highBits = Vector512.GreaterThanOrEqual(Vector512.LoadUnsafe(ref h, (nuint)o), maxima).ExtractMostSignificantBits();
                ulong lowBits = Vector512.LessThanOrEqual(Vector512.LoadUnsafe(ref l, (nuint)o), minima).ExtractMostSignificantBits();
                if ((highBits | lowBits) != 0) EmitBlock(ref h, ref l, o, (uint)highBits, (uint)lowBits & ~(uint)highBits, start, ref runs);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; o <= count - Vector256<double>.Count; o += Vector256<double>.Count)
            {
                var maxima = Vector256.MaxNative(Vector256.LoadUnsafe(ref hs, (nuint)o), Vector256.LoadUnsafe(ref hs, (nuint)(o + tail)));
                var minima = Vector256.MinNative(Vector256.LoadUnsafe(ref ls, (nuint)o), Vector256.LoadUnsafe(ref ls, (nuint)(o + tail)));
                uint highBits = Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref h, (nuint)o), maxima).ExtractMostSignificantBits();
                uint lowBits = Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref l, (nuint)o), minima).ExtractMostSignificantBits();
                if ((highBits | lowBits) != 0) EmitBlock(ref h, ref l, o, highBits, lowBits & ~highBits, start, ref runs);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; o <= count - Vector128<double>.Count; o += Vector128<double>.Count)
            {
                var maxima = Vector128.MaxNative(Vector128.LoadUnsafe(ref hs, (nuint)o), Vector128.LoadUnsafe(ref hs, (nuint)(o + tail)));
                var minima = Vector128.MinNative(Vector128.LoadUnsafe(ref ls, (nuint)o), Vector128.LoadUnsafe(ref ls, (nuint)(o + tail)));
                uint highBits = Vector128.GreaterThanOrEqual(Vector128.LoadUnsafe(ref h, (nuint)o), maxima).ExtractMostSignificantBits();
                uint lowBits = Vector128.LessThanOrEqual(Vector128.LoadUnsafe(ref l, (nuint)o), minima).ExtractMostSignificantBits();
                if ((highBits | lowBits) != 0) EmitBlock(ref h, ref l, o, highBits, lowBits & ~highBits, start, ref runs);
            }
        }
        for (; o < count; o++)
        {
            if (high[o] >= Math.Max(highSpans[o], highSpans[o + tail])) runs.Add(start + o, 1, high[o]);
            else if (low[o] <= Math.Min(lowSpans[o], lowSpans[o + tail])) runs.Add(start + o, -1, low[o]);
        }
    }

    /// <summary>Feeds the candidates of one vector block, lanes in time order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EmitBlock(ref double h, ref double l, int o, uint highBits, uint lowBits, int start, ref RunBuilder runs)
    {
        uint any = highBits | lowBits;
        while (any != 0)
        {
            int k = BitOperations.TrailingZeroCount(any);
            int at = o + k;
            if ((highBits & (1u << k)) != 0) runs.Add(start + at, 1, Unsafe.Add(ref h, at));
            else runs.Add(start + at, -1, Unsafe.Add(ref l, at));
            any &= any - 1;
        }
    }
}
