using VectorBacktest.Data.SampleData;

namespace VectorBacktest.Tests.Analysis;

/// <summary>Seeded random inputs and a tolerant comparison for the analysis tests.</summary>
internal static class AnalysisTestData
{
    /// <summary>
    /// Returns roughly uniform in [−5 %, +5 %] (skewed slightly by a fat tail every 17th draw); when
    /// <paramref name="withNaN"/> is set about one value in eight is NaN.
    /// </summary>
    public static double[] RandomReturns(int length, ulong seed, bool withNaN = false)
    {
        var rng = new SplitMix64(seed);
        var r = new double[length];
        for (int i = 0; i < length; i++)
        {
            double u = rng.NextDouble();
            r[i] = (u - 0.48) * 0.1 * (rng.Next() % 17 == 0 ? 4 : 1);
            if (withNaN && rng.Next() % 8 == 0) r[i] = double.NaN;
        }
        return r;
    }

    /// <summary>An equity curve compounding <see cref="RandomReturns"/> from 1000.</summary>
    public static double[] RandomEquity(int length, ulong seed)
    {
        var r = RandomReturns(length, seed);
        var e = new double[length];
        double v = 1000;
        for (int i = 0; i < length; i++) e[i] = v *= 1 + r[i];
        return e;
    }

    /// <summary>
    /// True when both are NaN, the same infinity, or finite and within <paramref name="relative"/> of each other
    /// (relative to the larger magnitude, plus <paramref name="absolute"/>).
    /// </summary>
    public static bool Close(double expected, double actual, double relative = 1e-10, double absolute = 1e-14)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual)) return double.IsNaN(expected) && double.IsNaN(actual);
        if (double.IsInfinity(expected) || double.IsInfinity(actual)) return expected == actual;
        return Math.Abs(expected - actual) <= relative * Math.Max(Math.Abs(expected), Math.Abs(actual)) + absolute;
    }

    public static void AssertClose(double expected, double actual, double relative = 1e-10, double absolute = 1e-14) =>
        Assert.True(Close(expected, actual, relative, absolute), $"expected {expected:R}, got {actual:R}");
}
