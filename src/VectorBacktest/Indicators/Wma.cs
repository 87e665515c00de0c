using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using VectorBacktest.Kernels;

namespace VectorBacktest.Indicators;

/// <summary>
/// Linearly weighted moving average: weights 1 … <c>window</c>, newest heaviest:
/// <c>(1·x[i−window+1] + 2·x[i−window+2] + … + window·x[i]) / (window·(window + 1)/2)</c>.
/// </summary>
/// <remarks>
/// <para><b>Warm-up.</b> <c>output[i]</c> uses bars up to <c>i</c>, so it is known at bar <c>i</c>'s close. The first defined index is <c>window − 1</c>; earlier outputs are NaN. A series
/// shorter than the window gives all NaN. A window holding a NaN gives NaN (IEEE propagation).</para>
/// <para><b>Algorithm.</b> Each output is summed afresh, oldest term first, so there is no drift and every vector
/// width gives the same bits; neighbouring bars run in SIMD lanes. The cost is O(window) per bar,
/// which is fine for the usual windows (a 20-bar WMA of a million bars takes a few milliseconds).</para>
/// </remarks>
public static class Wma
{
    /// <summary>Writes the weighted moving average of <paramref name="input"/> into <paramref name="output"/>.</summary>
    /// <param name="input">The series.</param>
    /// <param name="window">Bars per window, ≥ 1.</param>
    /// <param name="output">Destination, same length as <paramref name="input"/>; may not overlap it.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="output"/> has another length.</exception>
    public static void Compute(ReadOnlySpan<double> input, int window, Span<double> output)
    {
        KernelGuard.AtLeast(window, 1);
        KernelGuard.SameLength(input.Length, output.Length);
        int n = input.Length;
        int first = window - 1;
        if (n <= first)
        {
            output.Fill(double.NaN);
            return;
        }
        output[..first].Fill(double.NaN);
        double denominator = window * (window + 1.0) / 2.0;
        ref double xr = ref MemoryMarshal.GetReference(input);
        ref double yr = ref MemoryMarshal.GetReference(output);
        int i = first;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= n - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var s = Vector512<double>.Zero;
                for (int k = 1; k <= window; k++)
                    s += Vector512.Create((double)k) * Vector512.LoadUnsafe(ref xr, (nuint)(i - window + k));
                (s / Vector512.Create(denominator)).StoreUnsafe(ref yr, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var s = Vector256<double>.Zero;
                for (int k = 1; k <= window; k++)
                    s += Vector256.Create((double)k) * Vector256.LoadUnsafe(ref xr, (nuint)(i - window + k));
                (s / Vector256.Create(denominator)).StoreUnsafe(ref yr, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= n - Vector128<double>.Count; i += Vector128<double>.Count)
            {
                var s = Vector128<double>.Zero;
                for (int k = 1; k <= window; k++)
                    s += Vector128.Create((double)k) * Vector128.LoadUnsafe(ref xr, (nuint)(i - window + k));
                (s / Vector128.Create(denominator)).StoreUnsafe(ref yr, (nuint)i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref yr, i) = Scalar(ref xr, i, window) / denominator;
    }

    /// <summary>Returns the weighted moving average of <paramref name="input"/> as a new array.</summary>
    /// <inheritdoc cref="Compute(ReadOnlySpan{double}, int, Span{double})"/>
    public static double[] Compute(ReadOnlySpan<double> input, int window)
    {
        var output = new double[input.Length];
        Compute(input, window, output);
        return output;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Scalar(ref double x, int i, int window)
    {
        double s = 0;
        for (int k = 1; k <= window; k++) s += k * Unsafe.Add(ref x, i - window + k);
        return s;
    }
}
