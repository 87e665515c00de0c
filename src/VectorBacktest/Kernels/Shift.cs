namespace VectorBacktest.Kernels;

/// <summary>Lags a series: <c>output[i] = input[i − periods]</c> (pandas <c>shift(periods)</c> for periods ≥ 0).</summary>
/// <remarks>
/// Known at bar <c>i</c>'s close (it is an older value). The first <c>periods</c> outputs are the fill value (NaN unless given). Only lags are offered: a negative
/// shift would read future bars, which this library keeps out by construction.
/// </remarks>
public static class Shift
{
    /// <summary>Writes <paramref name="input"/> lagged by <paramref name="periods"/> bars into <paramref name="output"/>.</summary>
    /// <param name="input">The series.</param>
    /// <param name="periods">Lag in bars, ≥ 0.</param>
    /// <param name="output">Destination, same length as <paramref name="input"/>; may not overlap it.</param>
    /// <param name="fill">Value of the first <paramref name="periods"/> outputs.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> &lt; 0.</exception>
    /// <exception cref="ArgumentException"><paramref name="output"/> has another length.</exception>
    public static void Compute(ReadOnlySpan<double> input, int periods, Span<double> output, double fill = double.NaN)
    {
        KernelGuard.AtLeast(periods, 0);
        KernelGuard.SameLength(input.Length, output.Length);
        int head = Math.Min(periods, input.Length);
        output[..head].Fill(fill);
        input[..(input.Length - head)].CopyTo(output[head..]);
    }

    /// <summary>Returns <paramref name="input"/> lagged by <paramref name="periods"/> bars as a new array.</summary>
    /// <param name="input">The series.</param>
    /// <param name="periods">Lag in bars, ≥ 0.</param>
    /// <param name="fill">Value of the first <paramref name="periods"/> outputs.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> &lt; 0.</exception>
    public static double[] Compute(ReadOnlySpan<double> input, int periods, double fill = double.NaN)
    {
        var output = new double[input.Length];
        Compute(input, periods, output, fill);
        return output;
    }
}
