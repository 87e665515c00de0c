using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VectorBacktest.Kernels;

/// <summary>
/// Rolling standard deviation of the last <c>window</c> values with <c>ddof</c> delta degrees of freedom:
/// <c>sqrt(Σ(x − mean)² / (window − ddof))</c>. <c>ddof = 0</c> is the population deviation (Bollinger, TA-Lib);
/// <c>ddof = 1</c> the sample deviation (pandas' default <c>rolling(window).std()</c>).
/// </summary>
/// <remarks>
/// <para><b>Warm-up.</b> <c>output[i]</c> uses bars up to <c>i</c>, so it is known at bar <c>i</c>'s close. The first defined index is <c>window − 1</c>; earlier outputs are NaN. A series
/// shorter than the window gives all NaN.</para>
/// <para><b>Non-finite input.</b> A window that holds a NaN or ±∞ gives NaN.</para>
/// <para><b>Algorithm and accuracy.</b> Sliding sums of <c>x − K</c> and <c>(x − K)²</c>, with the shift
/// <c>K</c> and both sums re-seeded from scratch every <see cref="RollingSum.ChunkLength"/> outputs (or
/// <c>4 × window</c>), so the cancellation in <c>Q − S²/window</c> only involves values near <c>K</c>. A window
/// whose values are all equal gives exactly 0 (as pandas does); a tiny negative variance from rounding is
/// clamped to 0.</para>
/// </remarks>
public static class RollingStd
{
    /// <summary>Writes the rolling standard deviation of <paramref name="input"/> into <paramref name="output"/>.</summary>
    /// <param name="input">The series.</param>
    /// <param name="window">Values per window, ≥ <paramref name="ddof"/> + 1.</param>
    /// <param name="ddof">Delta degrees of freedom, ≥ 0: 0 population, 1 sample.</param>
    /// <param name="output">Destination, same length as <paramref name="input"/>; may not overlap it.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ddof"/> &lt; 0, or <paramref name="window"/> ≤ <paramref name="ddof"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="output"/> has another length.</exception>
    public static void Compute(ReadOnlySpan<double> input, int window, int ddof, Span<double> output)
    {
        KernelGuard.AtLeast(ddof, 0);
        if (window < ddof + 1 || window < 1)
            KernelGuard.ThrowOutOfRange(nameof(window), window, $"in [{Math.Max(1, ddof + 1)}, {int.MaxValue}] (at least ddof + 1)");
        KernelGuard.SameLength(input.Length, output.Length);
        var kernel = new RunKernel(window, ddof);
        CleanRuns.Apply(input, output, RunBreak.NonFinite, double.NaN, ref kernel);
    }

    /// <summary>Returns the rolling standard deviation of <paramref name="input"/> as a new array.</summary>
    /// <param name="input">The series.</param>
    /// <param name="window">Values per window, ≥ <paramref name="ddof"/> + 1.</param>
    /// <param name="ddof">Delta degrees of freedom, ≥ 0: 0 population, 1 sample.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ddof"/> &lt; 0, or <paramref name="window"/> ≤ <paramref name="ddof"/>.</exception>
    public static double[] Compute(ReadOnlySpan<double> input, int window, int ddof)
    {
        var output = new double[input.Length];
        Compute(input, window, ddof, output);
        return output;
    }

    private readonly struct RunKernel(int window, int ddof) : IRunKernel<double>
    {
        public void Run(ReadOnlySpan<double> input, Span<double> output, int offset) => StdFinite(input, window, ddof, output);
    }

    private static void StdFinite(ReadOnlySpan<double> x, int w, int ddof, Span<double> y)
    {
        int n = x.Length;
        int first = w - 1;
        if (n <= first)
        {
            y.Fill(double.NaN);
            return;
        }
        y[..first].Fill(double.NaN);
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double yr = ref MemoryMarshal.GetReference(y);
        int chunk = RollingSum.ChunkFor(w);
        double invW = 1.0 / w;
        double denominator = w - ddof;
        int run = 1;
        for (int k = first - 1; k >= 0 && Unsafe.Add(ref xr, k) == Unsafe.Add(ref xr, first); k--) run++;
        for (int start = first, end; start < n; start = end)
        {
            end = n - start <= chunk ? n : start + chunk;
            double shift = Unsafe.Add(ref xr, start);
            double s = 0, q = 0;
            for (int k = start - w + 1; k <= start; k++)
            {
                double d = Unsafe.Add(ref xr, k) - shift;
                s += d;
                q += d * d;
            }
            // The loop stores w·variance (0 for a window of equal values); the division, clamp and square root
            // run vectorised over the chunk while it is still in cache.
            Unsafe.Add(ref yr, start) = run >= w ? 0.0 : q - s * s * invW;
            for (int i = start + 1; i < end; i++)
            {
                double xi = Unsafe.Add(ref xr, i);
                run = xi == Unsafe.Add(ref xr, i - 1) ? run + 1 : 1;
                double din = xi - shift, dout = Unsafe.Add(ref xr, i - w) - shift;
                s += din - dout;
                q += din * din - dout * dout;
                Unsafe.Add(ref yr, i) = run >= w ? 0.0 : q - s * s * invW;
            }
            var part = y[start..end];
            TensorPrimitives.Max(part, 0.0, part);
            TensorPrimitives.Divide(part, denominator, part);
            TensorPrimitives.Sqrt(part, part);
            if (end < n) run = RunAt(ref xr, end, run);
        }
    }

    // The run counter is advanced inside the chunk loop up to end − 1; the next chunk's first bar needs it at end.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RunAt(ref double x, int i, int runBefore) => Unsafe.Add(ref x, i) == Unsafe.Add(ref x, i - 1) ? runBefore + 1 : 1;
}
