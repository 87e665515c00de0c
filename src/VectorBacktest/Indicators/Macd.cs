using System.Numerics.Tensors;
using VectorBacktest.Kernels;

namespace VectorBacktest.Indicators;

/// <summary>
/// MACD: line = EMA(fast) − EMA(slow), signal = EMA(signal period) of the line, histogram = line − signal; in
/// price units, known at bar <c>i</c>'s close.
/// </summary>
/// <remarks>
/// All three EMAs use the same <see cref="EmaSeed"/>. With <see cref="EmaSeed.FirstValue"/> (default) this is the
/// pandas recipe <c>ewm(span, adjust=False)</c> everywhere, defined from the first non-NaN input. With
/// <see cref="EmaSeed.Sma"/> the line is defined from <c>slow − 1</c> and the signal and histogram from
/// <c>slow + signal − 2</c> (TA-Lib additionally re-aligns the fast EMA's seed; this does not).
/// </remarks>
public static class Macd
{
    /// <summary>Writes the MACD line, signal and histogram.</summary>
    /// <param name="input">The series (for example closes).</param>
    /// <param name="fast">Fast EMA period, ≥ 1 (12 is customary).</param>
    /// <param name="slow">Slow EMA period, ≥ 1 (26 is customary).</param>
    /// <param name="signal">Signal EMA period, ≥ 1 (9 is customary).</param>
    /// <param name="line">Destination of the MACD line, same length as <paramref name="input"/>.</param>
    /// <param name="signalLine">Destination of the signal line, same length.</param>
    /// <param name="histogram">Destination of line − signal, same length.</param>
    /// <param name="seed">How the EMAs start (default <see cref="EmaSeed.FirstValue"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A period &lt; 1, or <paramref name="seed"/> is not defined.</exception>
    /// <exception cref="ArgumentException">A destination has another length. None may overlap the input or each other.</exception>
    public static void Compute(ReadOnlySpan<double> input, int fast, int slow, int signal,
        Span<double> line, Span<double> signalLine, Span<double> histogram, EmaSeed seed = EmaSeed.FirstValue)
    {
        KernelGuard.AtLeast(fast, 1);
        KernelGuard.AtLeast(slow, 1);
        KernelGuard.AtLeast(signal, 1);
        KernelGuard.SameLength(input.Length, signalLine.Length);
        Ema.Compute(input, fast, line, seed);
        Ema.Compute(input, slow, histogram, seed);
        TensorPrimitives.Subtract(line, histogram, line);
        Ema.Compute(line, signal, signalLine, seed);
        TensorPrimitives.Subtract(line, signalLine, histogram);
    }

    /// <summary>Returns the MACD line, signal and histogram as new arrays.</summary>
    /// <param name="input">The series (for example closes).</param>
    /// <param name="fast">Fast EMA period, ≥ 1.</param>
    /// <param name="slow">Slow EMA period, ≥ 1.</param>
    /// <param name="signal">Signal EMA period, ≥ 1.</param>
    /// <param name="seed">How the EMAs start (default <see cref="EmaSeed.FirstValue"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A period &lt; 1, or <paramref name="seed"/> is not defined.</exception>
    public static (double[] Line, double[] Signal, double[] Histogram) Compute(ReadOnlySpan<double> input, int fast = 12, int slow = 26, int signal = 9,
        EmaSeed seed = EmaSeed.FirstValue)
    {
        var line = new double[input.Length];
        var signalLine = new double[input.Length];
        var histogram = new double[input.Length];
        Compute(input, fast, slow, signal, line, signalLine, histogram, seed);
        return (line, signalLine, histogram);
    }
}
