using System.Numerics.Tensors;
using VectorBacktest.Kernels;

namespace VectorBacktest.Indicators;

/// <summary>
/// Bollinger bands: middle = <see cref="Sma"/>, upper/lower = middle ± <c>width</c> · rolling standard deviation,
/// in price units; known at bar <c>i</c>'s close.
/// </summary>
/// <remarks>
/// <para><b>Deviation.</b> Population (<c>ddof = 0</c>) by default, as John Bollinger and TA-Lib define the
/// bands; pass <c>ddof = 1</c> for the sample deviation that <c>close.rolling(n).std()</c> gives in pandas.</para>
/// <para><b>Warm-up.</b> All three are defined from index <c>window − 1</c>; a window holding a NaN gives NaN
/// in all three (see <see cref="RollingStd"/> for ±∞).</para>
/// </remarks>
public static class BollingerBands
{
    /// <summary>Writes the three bands.</summary>
    /// <param name="input">The series (for example closes).</param>
    /// <param name="window">Bars per window, ≥ <paramref name="ddof"/> + 1 (20 is customary).</param>
    /// <param name="width">Band half-width in standard deviations (2 is customary); any finite value.</param>
    /// <param name="middle">Destination of the moving average, same length as <paramref name="input"/>.</param>
    /// <param name="upper">Destination of <c>middle + width·σ</c>, same length.</param>
    /// <param name="lower">Destination of <c>middle − width·σ</c>, same length.</param>
    /// <param name="ddof">Delta degrees of freedom of σ: 0 population (default), 1 sample.</param>
    /// <param name="mode">Summation of the middle band (default <see cref="SmaMode.Fast"/>, as <see cref="Sma"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> ≤ <paramref name="ddof"/>, <paramref name="ddof"/> &lt; 0, or <paramref name="width"/> is not finite.</exception>
    /// <exception cref="ArgumentException">A destination has another length. None may overlap the input or each other.</exception>
    public static void Compute(ReadOnlySpan<double> input, int window, double width, Span<double> middle, Span<double> upper, Span<double> lower,
        int ddof = 0, SmaMode mode = SmaMode.Fast)
    {
        if (!double.IsFinite(width)) KernelGuard.ThrowOutOfRange(nameof(width), width, "a finite number");
        KernelGuard.SameLength(input.Length, upper.Length);
        KernelGuard.SameLength(input.Length, lower.Length);
        RollingStd.Compute(input, window, ddof, upper);
        Sma.Compute(input, window, middle, mode);
        TensorPrimitives.MultiplyAdd(upper, -width, middle, lower);
        TensorPrimitives.MultiplyAdd(upper, width, middle, upper);
    }

    /// <summary>Returns the three bands as new arrays.</summary>
    /// <param name="input">The series (for example closes).</param>
    /// <param name="window">Bars per window, ≥ <paramref name="ddof"/> + 1 (20 is customary).</param>
    /// <param name="width">Band half-width in standard deviations (2 is customary); any finite value.</param>
    /// <param name="ddof">Delta degrees of freedom of σ: 0 population (default), 1 sample.</param>
    /// <param name="mode">Summation of the middle band (default <see cref="SmaMode.Fast"/>, as <see cref="Sma"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> ≤ <paramref name="ddof"/>, <paramref name="ddof"/> &lt; 0, or <paramref name="width"/> is not finite.</exception>
    public static (double[] Middle, double[] Upper, double[] Lower) Compute(ReadOnlySpan<double> input, int window = 20, double width = 2.0,
        int ddof = 0, SmaMode mode = SmaMode.Fast)
    {
        var middle = new double[input.Length];
        var upper = new double[input.Length];
        var lower = new double[input.Length];
        Compute(input, window, width, middle, upper, lower, ddof, mode);
        return (middle, upper, lower);
    }
}
