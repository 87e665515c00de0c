using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VectorBacktest.Kernels;

/// <summary>
/// Rolling sum of the last <c>window</c> values: <c>output[i] = x[i − window + 1] + … + x[i]</c>.
/// </summary>
/// <remarks>
/// <para><b>Warm-up.</b> <c>output[i]</c> uses bars up to <c>i</c>, so it is known at bar <c>i</c>'s close. The first defined index is <c>window − 1</c>; earlier outputs are NaN. A series
/// shorter than the window gives all NaN.</para>
/// <para><b>Non-finite input.</b> A window that holds a NaN or ±∞ gives NaN (so the bar of a non-finite
/// input and the next <c>window − 1</c> bars are NaN); later windows are unaffected.</para>
/// <para><b>Accuracy and speed.</b> A running sum (add the entering value, subtract the leaving one) is
/// re-seeded with a fresh left-to-right sum every <see cref="ChunkLength"/> outputs (or every <c>4 × window</c>
/// when larger), so rounding drift is bounded by one chunk instead of growing with the series. Four chunks run
/// interleaved so their dependency chains overlap in the CPU; a step is one subtract and one add (about 0.6 ms
/// per million bars). The error against the exact window sum stays below
/// <c>8 · ε · (chunk + window) · window · max|x|</c> (ε = 2⁻⁵²), which the tests check.</para>
/// </remarks>
public static class RollingSum
{
    /// <summary>Outputs between fresh re-seeds of the running sum (the drift bound's length).</summary>
    public const int ChunkLength = 4096;

    /// <summary>Writes the rolling sum of <paramref name="input"/> into <paramref name="output"/>.</summary>
    /// <param name="input">The series.</param>
    /// <param name="window">Values per window, ≥ 1.</param>
    /// <param name="output">Destination, same length as <paramref name="input"/>; may not overlap it.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="output"/> has another length.</exception>
    public static void Compute(ReadOnlySpan<double> input, int window, Span<double> output)
    {
        KernelGuard.AtLeast(window, 1);
        KernelGuard.SameLength(input.Length, output.Length);
        var kernel = new FiniteRunKernel(window);
        CleanRuns.Apply(input, output, RunBreak.NonFinite, double.NaN, ref kernel);
    }

    /// <summary>Returns the rolling sum of <paramref name="input"/> as a new array.</summary>
    /// <inheritdoc cref="Compute(ReadOnlySpan{double}, int, Span{double})"/>
    public static double[] Compute(ReadOnlySpan<double> input, int window)
    {
        var output = new double[input.Length];
        Compute(input, window, output);
        return output;
    }

    /// <summary>
    /// The rolling mean: the rolling sum divided by <paramref name="window"/> chunk by chunk while the chunk is
    /// still in cache (a separate pass over a million-bar column costs as much as the sums themselves).
    /// </summary>
    internal static void Mean(ReadOnlySpan<double> input, int window, Span<double> output)
    {
        KernelGuard.AtLeast(window, 1);
        KernelGuard.SameLength(input.Length, output.Length);
        var kernel = new FiniteRunKernel(window, window);
        CleanRuns.Apply(input, output, RunBreak.NonFinite, double.NaN, ref kernel);
    }

    private readonly struct FiniteRunKernel(int window, double divisor = 1.0) : IRunKernel<double>
    {
        public void Run(ReadOnlySpan<double> input, Span<double> output, int offset) => SumFinite(input, window, divisor, output);
    }

    /// <summary>The running-sum kernel for a series with only finite values; each sum is divided by <paramref name="divisor"/> unless it is 1.</summary>
    private static void SumFinite(ReadOnlySpan<double> x, int w, double divisor, Span<double> y)
    {
        int n = x.Length;
        int first = w - 1;
        if (n <= first)
        {
            y.Fill(double.NaN);
            return;
        }
        y[..first].Fill(double.NaN);
        int chunk = ChunkFor(w);
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double yr = ref MemoryMarshal.GetReference(y);
        int start = first;
        for (; start <= n - 4 * chunk; start += 4 * chunk)
        {
            int a0 = start, a1 = start + chunk, a2 = start + 2 * chunk, a3 = start + 3 * chunk;
            double s0 = Seed(ref xr, a0, w), s1 = Seed(ref xr, a1, w), s2 = Seed(ref xr, a2, w), s3 = Seed(ref xr, a3, w);
            Unsafe.Add(ref yr, a0) = s0;
            Unsafe.Add(ref yr, a1) = s1;
            Unsafe.Add(ref yr, a2) = s2;
            Unsafe.Add(ref yr, a3) = s3;
            for (int j = 1; j < chunk; j++)
            {
                s0 += Unsafe.Add(ref xr, a0 + j) - Unsafe.Add(ref xr, a0 + j - w);
                s1 += Unsafe.Add(ref xr, a1 + j) - Unsafe.Add(ref xr, a1 + j - w);
                s2 += Unsafe.Add(ref xr, a2 + j) - Unsafe.Add(ref xr, a2 + j - w);
                s3 += Unsafe.Add(ref xr, a3 + j) - Unsafe.Add(ref xr, a3 + j - w);
                Unsafe.Add(ref yr, a0 + j) = s0;
                Unsafe.Add(ref yr, a1 + j) = s1;
                Unsafe.Add(ref yr, a2 + j) = s2;
                Unsafe.Add(ref yr, a3 + j) = s3;
            }
            Scale(y.Slice(start, 4 * chunk), divisor);
        }
        for (int end; start < n; start = end)
        {
            end = n - start <= chunk ? n : start + chunk;
            double s = Seed(ref xr, start, w);
            Unsafe.Add(ref yr, start) = s;
            for (int i = start + 1; i < end; i++)
            {
                s += Unsafe.Add(ref xr, i) - Unsafe.Add(ref xr, i - w);
                Unsafe.Add(ref yr, i) = s;
            }
            Scale(y[start..end], divisor);
        }
    }

    /// <summary>
    /// Outputs per re-seed for a window: <see cref="ChunkLength"/>, or 4 × window when larger so that seeding stays
    /// under a quarter of the work; capped so that four chunks never overflow an index.
    /// </summary>
    internal static int ChunkFor(int window) => (int)Math.Min(Math.Max(ChunkLength, 4L * window), 1 << 28);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scale(Span<double> sums, double divisor)
    {
        if (divisor != 1.0) TensorPrimitives.Divide(sums, divisor, sums);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Seed(ref double x, int end, int w)
    {
        double s = 0;
        for (int k = end - w + 1; k <= end; k++) s += Unsafe.Add(ref x, k);
        return s;
    }
}
