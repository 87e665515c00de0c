namespace VectorBacktest.Kernels;

/// <summary>
/// Rolling arg-min: the bar index of the smallest value among the last <c>window</c> values.
/// </summary>
/// <remarks>
/// <para><b>Output.</b> An absolute bar index into the input (so <c>i − output[i]</c> is "bars ago", as in
/// Aroon or Pine's <c>lowestbars</c> with the sign flipped). <b>Ties go to the most recent bar</b>: a level
/// that is touched again counts from its latest touch. (numpy's <c>argmin</c> would pick the oldest.)</para>
/// <para><c>output[i]</c> uses bars up to <c>i</c>, so it is known at bar <c>i</c>'s close.
/// <b>Undefined outputs are −1</b>: the warm-up (indices below <c>window − 1</c>), and every window that
/// holds a NaN. A series shorter than the window gives all −1.</para>
/// <para><b>Algorithm.</b> van Herk / Gil–Werman blocks on indices, O(1) per bar, no scratch memory.</para>
/// </remarks>
public static class LowestIndex
{
    /// <summary>Writes the rolling index of the smallest value of <paramref name="input"/> into <paramref name="output"/>.</summary>
    /// <param name="input">The series.</param>
    /// <param name="window">Values per window, ≥ 1.</param>
    /// <param name="output">Destination, same length as <paramref name="input"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="output"/> has another length.</exception>
    public static void Compute(ReadOnlySpan<double> input, int window, Span<int> output)
    {
        KernelGuard.AtLeast(window, 1);
        KernelGuard.SameLength(input.Length, output.Length);
        var kernel = new RunKernel(window);
        CleanRuns.Apply(input, output, RunBreak.NaN, -1, ref kernel);
    }

    /// <summary>Returns the rolling index of the smallest value of <paramref name="input"/> as a new array.</summary>
    /// <param name="input">The series.</param>
    /// <param name="window">Values per window, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> &lt; 1.</exception>
    public static int[] Compute(ReadOnlySpan<double> input, int window)
    {
        var output = new int[input.Length];
        Compute(input, window, output);
        return output;
    }

    private readonly struct RunKernel(int window) : IRunKernel<int>
    {
        public void Run(ReadOnlySpan<double> input, Span<int> output, int offset) =>
            VanHerkGilWerman.Indices<MinOperator>(input, window, output, offset);
    }
}
