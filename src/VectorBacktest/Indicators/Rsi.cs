using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using VectorBacktest.Kernels;

namespace VectorBacktest.Indicators;

/// <summary>Relative strength index with Wilder's smoothing, in [0, 100]; the value at bar <c>i</c> is known at its close.</summary>
/// <remarks>
/// <para><b>Definition (TA-Lib's).</b> Changes <c>d = x[i] − x[i−1]</c> split into gains <c>max(d, 0)</c> and
/// losses <c>max(−d, 0)</c>. The first averages are the plain means of the first <c>period</c> gains and losses;
/// after that <c>avg = avg·(1 − 1/period) + new/period</c>, which is TA-Lib's
/// <c>(avg·(period − 1) + new) / period</c> up to the last bit or two, evaluated as one fused multiply-add so the
/// sequential chain is one operation per bar instead of a multiply, an add and a division. <c>RSI = 100 · avgGain / (avgGain + avgLoss)</c>.
/// When both averages are 0 (a flat stretch) the RSI is 50, the neutral value (TA-Lib writes 0 there).</para>
/// <para><b>Warm-up.</b> The first defined index is <c>f + period</c>, where <c>f</c> is the first non-NaN input
/// (0 on clean data); earlier outputs are NaN, and a series too short gives all NaN. A NaN after <c>f</c> makes
/// that and every later output NaN: Wilder's average has infinite memory, so there is no honest value after a
/// gap.</para>
/// </remarks>
public static class Rsi
{
    /// <summary>Writes the RSI of <paramref name="input"/> into <paramref name="output"/>.</summary>
    /// <param name="input">The series (for example closes).</param>
    /// <param name="period">Smoothing period in bars, ≥ 1 (14 is customary).</param>
    /// <param name="output">Destination, same length as <paramref name="input"/>; may not overlap it.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="output"/> has another length.</exception>
    public static void Compute(ReadOnlySpan<double> input, int period, Span<double> output)
    {
        KernelGuard.AtLeast(period, 1);
        KernelGuard.SameLength(input.Length, output.Length);
        int n = input.Length;
        int f = 0;
        while (f < n && double.IsNaN(input[f])) f++;
        int start = f + period;
        if (start >= n)
        {
            output.Fill(double.NaN);
            return;
        }
        output[..start].Fill(double.NaN);
        ref double xr = ref MemoryMarshal.GetReference(input);
        ref double yr = ref MemoryMarshal.GetReference(output);
        double gain = 0, loss = 0;
        for (int i = f + 1; i <= start; i++)
        {
            double d = Unsafe.Add(ref xr, i) - Unsafe.Add(ref xr, i - 1);
            gain += Math.Max(d, 0.0);
            loss += Math.Max(-d, 0.0);
        }
        gain /= period;
        loss /= period;
        Unsafe.Add(ref yr, start) = Value(gain, loss);
        double decay = 1.0 - 1.0 / period, weight = 1.0 / period;
        for (int i = start + 1; i < n; i++)
        {
            double d = Unsafe.Add(ref xr, i) - Unsafe.Add(ref xr, i - 1);
            gain = Math.FusedMultiplyAdd(gain, decay, Math.Max(d, 0.0) * weight);
            loss = Math.FusedMultiplyAdd(loss, decay, Math.Max(-d, 0.0) * weight);
            Unsafe.Add(ref yr, i) = Value(gain, loss);
        }
    }

    /// <summary>Returns the RSI of <paramref name="input"/> as a new array.</summary>
    /// <inheritdoc cref="Compute(ReadOnlySpan{double}, int, Span{double})"/>
    public static double[] Compute(ReadOnlySpan<double> input, int period = 14)
    {
        var output = new double[input.Length];
        Compute(input, period, output);
        return output;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Value(double gain, double loss)
    {
        double total = gain + loss;
        return total == 0 ? 50.0 : 100.0 * (gain / total);
    }
}
