using System.Numerics.Tensors;

namespace VectorBacktest.Kernels;

/// <summary>Difference to the value <c>periods</c> bars earlier: <c>output[i] = input[i] − input[i − periods]</c> (pandas <c>diff</c>).</summary>
/// <remarks>Known at bar <c>i</c>'s close. The first defined index is <c>periods</c>; earlier outputs are NaN. NaN propagates (IEEE arithmetic).</remarks>
public static class Diff
{
    /// <summary>Writes the difference series into <paramref name="output"/>.</summary>
    /// <param name="input">The series.</param>
    /// <param name="periods">Distance in bars, ≥ 1.</param>
    /// <param name="output">Destination, same length as <paramref name="input"/>; may not overlap it.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="output"/> has another length.</exception>
    public static void Compute(ReadOnlySpan<double> input, int periods, Span<double> output)
    {
        KernelGuard.AtLeast(periods, 1);
        KernelGuard.SameLength(input.Length, output.Length);
        int head = Math.Min(periods, input.Length);
        output[..head].Fill(double.NaN);
        if (head < input.Length)
            TensorPrimitives.Subtract(input[head..], input[..^head], output[head..]);
    }

    /// <summary>Returns the difference series as a new array.</summary>
    /// <param name="input">The series.</param>
    /// <param name="periods">Distance in bars, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> &lt; 1.</exception>
    public static double[] Compute(ReadOnlySpan<double> input, int periods = 1)
    {
        var output = new double[input.Length];
        Compute(input, periods, output);
        return output;
    }
}
