using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;
using VectorBacktest.Kernels;

namespace VectorBacktest.Indicators;

/// <summary>Average true range with Wilder's smoothing, in price units; the value at bar <c>i</c> is known at its close.</summary>
/// <remarks>
/// <para><b>Definition (TA-Lib's).</b> Over the <see cref="TrueRange"/> from bar 1 on (bar 0 has no previous
/// close, so its range is left out): the first ATR is the plain mean of <c>TR[1] … TR[period]</c>; after that
/// <c>atr = atr·(1 − 1/period) + TR[i]/period</c>: TA-Lib's <c>(atr·(period − 1) + TR[i]) / period</c> up to the last
/// bit or two, evaluated as one fused multiply-add so the sequential chain is one operation per bar.</para>
/// <para><b>Warm-up.</b> On clean data the first defined index is <c>period</c>. Leading bars whose true range is
/// NaN are skipped (the seed starts at the first defined true range at or after bar 1). A NaN after that makes
/// that and every later output NaN (Wilder's average has infinite memory). A series too short gives all NaN.</para>
/// </remarks>
public static class Atr
{
    /// <summary>Writes the ATR into <paramref name="output"/>.</summary>
    /// <param name="high">Bar highs.</param>
    /// <param name="low">Bar lows, same length.</param>
    /// <param name="close">Bar closes, same length.</param>
    /// <param name="period">Smoothing period in bars, ≥ 1 (14 is customary).</param>
    /// <param name="output">Destination, same length; may not overlap the inputs.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period, Span<double> output)
    {
        KernelGuard.AtLeast(period, 1);
        KernelGuard.SameLength(high.Length, low.Length);
        KernelGuard.SameLength(high.Length, close.Length);
        KernelGuard.SameLength(high.Length, output.Length);
        int n = output.Length;
        ref double h = ref MemoryMarshal.GetReference(high);
        ref double l = ref MemoryMarshal.GetReference(low);
        ref double c = ref MemoryMarshal.GetReference(close);
        ref double y = ref MemoryMarshal.GetReference(output);
        int f = 1;
        while (f < n && double.IsNaN(TrueRange.At(ref h, ref l, ref c, f))) f++;
        int start = f + period - 1;
        if (start >= n)
        {
            output.Fill(double.NaN);
            return;
        }
        double sum = 0;
        for (int i = f; i <= start; i++) sum += TrueRange.At(ref h, ref l, ref c, i);
        double atr = sum / period;
        output[..start].Fill(double.NaN);
        Unsafe.Add(ref y, start) = atr;
        // The true range is computed inline: its few independent operations hide under the latency of the
        // smoothing chain, where a separate true-range pass would cost a full trip through memory.
        double decay = 1.0 - 1.0 / period, weight = 1.0 / period;
        for (int i = start + 1; i < n; i++)
        {
            atr = Math.FusedMultiplyAdd(atr, decay, TrueRange.At(ref h, ref l, ref c, i) * weight);
            Unsafe.Add(ref y, i) = atr;
        }
    }

    /// <summary>Returns the ATR as a new array.</summary>
    /// <inheritdoc cref="Compute(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, int, Span{double})"/>
    public static double[] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period = 14)
    {
        var output = new double[high.Length];
        Compute(high, low, close, period, output);
        return output;
    }
}
