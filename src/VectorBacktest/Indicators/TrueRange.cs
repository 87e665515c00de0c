using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using VectorBacktest.Kernels;

namespace VectorBacktest.Indicators;

/// <summary>
/// True range: <c>max(high − low, |high − prevClose|, |low − prevClose|)</c>, the bar's range widened by a gap from
/// the previous close; in price units, known at bar <c>i</c>'s close.
/// </summary>
/// <remarks>
/// Bar 0 has no previous close and gets <c>high − low</c> (as pandas' <c>max(axis=1, skipna)</c> gives; TA-Lib
/// leaves it undefined, and <see cref="Atr"/> does not use it). Any NaN among a bar's inputs gives NaN.
/// Vectorised; the result is identical on every path.
/// </remarks>
public static class TrueRange
{
    /// <summary>Writes the true range into <paramref name="output"/>.</summary>
    /// <param name="high">Bar highs.</param>
    /// <param name="low">Bar lows, same length.</param>
    /// <param name="close">Bar closes, same length.</param>
    /// <param name="output">Destination, same length; may not overlap the inputs.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output)
    {
        KernelGuard.SameLength(high.Length, low.Length);
        KernelGuard.SameLength(high.Length, close.Length);
        KernelGuard.SameLength(high.Length, output.Length);
        int n = high.Length;
        if (n == 0) return;
        output[0] = high[0] - low[0];
        ref double h = ref MemoryMarshal.GetReference(high);
        ref double l = ref MemoryMarshal.GetReference(low);
        ref double c = ref MemoryMarshal.GetReference(close);
        ref double y = ref MemoryMarshal.GetReference(output);
        int i = 1;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var hi = Vector256.LoadUnsafe(ref h, (nuint)i);
                var lo = Vector256.LoadUnsafe(ref l, (nuint)i);
                var pc = Vector256.LoadUnsafe(ref c, (nuint)(i - 1));
                Vector256.Max(hi - lo, Vector256.Max(Vector256.Abs(hi - pc), Vector256.Abs(lo - pc))).StoreUnsafe(ref y, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= n - Vector128<double>.Count; i += Vector128<double>.Count)
            {
                var hi = Vector128.LoadUnsafe(ref h, (nuint)i);
                var lo = Vector128.LoadUnsafe(ref l, (nuint)i);
                var pc = Vector128.LoadUnsafe(ref c, (nuint)(i - 1));
                Vector128.Max(hi - lo, Vector128.Max(Vector128.Abs(hi - pc), Vector128.Abs(lo - pc))).StoreUnsafe(ref y, (nuint)i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref y, i) = At(ref h, ref l, ref c, i);
    }

    /// <summary>The true range of bar <paramref name="i"/> ≥ 1; the vector paths compute the same expression lane-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double At(ref double high, ref double low, ref double close, int i)
    {
        double hi = Unsafe.Add(ref high, i), lo = Unsafe.Add(ref low, i), pc = Unsafe.Add(ref close, i - 1);
        return Math.Max(hi - lo, Math.Max(Math.Abs(hi - pc), Math.Abs(lo - pc)));
    }

    /// <summary>Returns the true range as a new array.</summary>
    /// <inheritdoc cref="Compute(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>
    public static double[] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close)
    {
        var output = new double[high.Length];
        Compute(high, low, close, output);
        return output;
    }
}
