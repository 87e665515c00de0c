using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using VectorBacktest.Kernels;

namespace VectorBacktest.Indicators;

/// <summary>Exponential moving average with smoothing <c>α = 2 / (period + 1)</c>; value at bar <c>i</c> is known at its close.</summary>
/// <remarks>
/// The default seed is <see cref="EmaSeed.FirstValue"/> (pandas <c>ewm(span, adjust=False)</c>), matching the
/// Python tools users compare with; <see cref="EmaSeed.Sma"/> gives TA-Lib's values. See <see cref="EmaSeed"/> for
/// the first defined index and NaN handling of each. A sequential recurrence: one tight scalar loop.
/// </remarks>
public static class Ema
{
    /// <summary>Writes the exponential moving average of <paramref name="input"/> into <paramref name="output"/>.</summary>
    /// <param name="input">The series.</param>
    /// <param name="period">Span in bars, ≥ 1 (α = 2 / (period + 1); 1 returns the input).</param>
    /// <param name="output">Destination, same length as <paramref name="input"/>; may be the input itself.</param>
    /// <param name="seed">How the average starts (default <see cref="EmaSeed.FirstValue"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> &lt; 1, or <paramref name="seed"/> is not defined.</exception>
    /// <exception cref="ArgumentException"><paramref name="output"/> has another length.</exception>
    public static void Compute(ReadOnlySpan<double> input, int period, Span<double> output, EmaSeed seed = EmaSeed.FirstValue)
    {
        KernelGuard.AtLeast(period, 1);
        KernelGuard.SameLength(input.Length, output.Length);
        switch (seed)
        {
            case EmaSeed.FirstValue:
                PandasAdjustFalse(input, period, output);
                break;
            case EmaSeed.Sma:
                SmaSeeded(input, period, 2.0 / (period + 1), output);
                break;
            default:
                KernelGuard.ThrowOutOfRange(nameof(seed), seed, "EmaSeed.FirstValue or EmaSeed.Sma");
                break;
        }
    }

    /// <summary>Returns the exponential moving average of <paramref name="input"/> as a new array.</summary>
    /// <inheritdoc cref="Compute(ReadOnlySpan{double}, int, Span{double}, EmaSeed)"/>
    public static double[] Compute(ReadOnlySpan<double> input, int period, EmaSeed seed = EmaSeed.FirstValue)
    {
        var output = new double[input.Length];
        Compute(input, period, output, seed);
        return output;
    }

    /// <summary>pandas 1.5 <c>ewm</c> (window/aggregations.pyx) with adjust=False, ignore_na=False, min_periods=0.</summary>
    private static void PandasAdjustFalse(ReadOnlySpan<double> x, int period, Span<double> y)
    {
        int n = x.Length;
        if (n == 0) return;
        double com = (period - 1) / 2.0;
        double alpha = 1.0 / (1.0 + com);
        double oldWeightFactor = 1.0 - alpha;
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double yr = ref MemoryMarshal.GetReference(y);
        double weighted = xr;
        double oldWeight = 1.0;
        yr = weighted;
        for (int i = 1; i < n; i++)
        {
            double current = Unsafe.Add(ref xr, i);
            bool observed = !double.IsNaN(current);
            if (!double.IsNaN(weighted))
            {
                oldWeight *= oldWeightFactor;
                if (observed)
                {
                    // pandas skips the update when it would not change the value (constant series stay exact).
                    if (weighted != current)
                    {
                        // pandas divides by (oldWeight + alpha); between observations that sum is 1.0 exactly for
                        // every span up to 1000 at least, and dividing by 1.0 changes no bit, so the division (the
                        // slowest link of the chain) is skipped then.
                        double denominator = oldWeight + alpha;
                        weighted = oldWeight * weighted + alpha * current;
                        if (denominator != 1.0) weighted /= denominator;
                    }
                    oldWeight = 1.0;
                }
            }
            else if (observed)
            {
                weighted = current;
            }
            Unsafe.Add(ref yr, i) = weighted;
        }
    }

    /// <summary>
    /// The SMA-seeded recurrence, starting at the first non-NaN input. TA-Lib writes it <c>(x − y)·α + y</c>; here it is
    /// one fused multiply-add <c>y·(1 − α) + (α·x)</c>, equal in exact arithmetic, within an ulp or two of TA-Lib, and
    /// with a dependency chain of one FMA per bar instead of subtract, multiply and add.
    /// </summary>
    private static void SmaSeeded(ReadOnlySpan<double> x, int period, double alpha, Span<double> y)
    {
        int n = x.Length;
        int f = 0;
        while (f < n && double.IsNaN(x[f])) f++;
        int start = f + period - 1;
        if (start >= n)
        {
            y.Fill(double.NaN);
            return;
        }
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double yr = ref MemoryMarshal.GetReference(y);
        double sum = 0;
        for (int i = f; i <= start; i++) sum += Unsafe.Add(ref xr, i);
        double value = sum / period;
        y[..start].Fill(double.NaN);
        Unsafe.Add(ref yr, start) = value;
        double decay = 1.0 - alpha;
        for (int i = start + 1; i < n; i++)
        {
            value = Math.FusedMultiplyAdd(value, decay, alpha * Unsafe.Add(ref xr, i));
            Unsafe.Add(ref yr, i) = value;
        }
    }
}
