namespace VectorBacktest.Tests.Portfolio;

/// <summary>Plain reference signal helpers for the tests (the library's own kernels live in Indicators/ and Signals/).</summary>
internal static class Crossover
{
    /// <summary>True on bar i when a[i-1] &lt; b[i-1] and a[i] &gt; b[i] (strict; NaN compares false).</summary>
    public static bool[] Above(double[] a, double[] b)
    {
        var result = new bool[a.Length];
        for (int i = 1; i < a.Length; i++) result[i] = a[i - 1] < b[i - 1] && a[i] > b[i];
        return result;
    }

    /// <summary>Mean of the last <paramref name="window"/> values as a fresh window sum; NaN for the first window − 1 bars.</summary>
    public static double[] RollingMean(ReadOnlySpan<double> x, int window)
    {
        var result = new double[x.Length];
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += x[i];
            if (i >= window) sum -= x[i - window];
            result[i] = i >= window - 1 ? sum / window : double.NaN;
        }
        return result;
    }
}
