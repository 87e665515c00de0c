namespace VectorBacktest.Kernels;

/// <summary>
/// Rolling largest value of the last <c>window</c> values (pandas <c>rolling(window).max()</c>).
/// </summary>
/// <remarks>
/// <para><b>Warm-up.</b> <c>output[i]</c> uses bars up to <c>i</c>, so it is known at bar <c>i</c>'s close. The first defined index is <c>window − 1</c>; earlier outputs are NaN. A series
/// shorter than the window gives all NaN.</para>
/// <para><b>NaN input.</b> A window that holds a NaN gives NaN, as pandas does with its default
/// <c>min_periods = window</c>; ±∞ are ordinary values. When a window holds both +0 and −0 and the result is a
/// zero, its sign is unspecified.</para>
/// <para><b>Algorithm.</b> van Herk / Gil–Werman blocks: about three comparisons per bar whatever the window,
/// no scratch memory (see <c>VanHerkGilWerman</c>).</para>
/// </remarks>
public static class RollingMax
{
    /// <summary>Writes the rolling largest value of <paramref name="input"/> into <paramref name="output"/>.</summary>
    /// <param name="input">The series.</param>
    /// <param name="window">Values per window, ≥ 1.</param>
    /// <param name="output">Destination, same length as <paramref name="input"/>; may not overlap it.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="output"/> has another length.</exception>
    public static void Compute(ReadOnlySpan<double> input, int window, Span<double> output)
    {
        KernelGuard.AtLeast(window, 1);
        KernelGuard.SameLength(input.Length, output.Length);
        var kernel = new RunKernel(window);
        CleanRuns.Apply(input, output, RunBreak.NaN, double.NaN, ref kernel);
    }

    /// <summary>Returns the rolling largest value of <paramref name="input"/> as a new array.</summary>
    /// <inheritdoc cref="Compute(ReadOnlySpan{double}, int, Span{double})"/>
    public static double[] Compute(ReadOnlySpan<double> input, int window)
    {
        var output = new double[input.Length];
        Compute(input, window, output);
        return output;
    }

    private readonly struct RunKernel(int window) : IRunKernel<double>
    {
        public void Run(ReadOnlySpan<double> input, Span<double> output, int offset) =>
            VanHerkGilWerman.Values<MaxOperator>(input, window, output);
    }
}
