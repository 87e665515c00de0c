using FsCheck;
using FsCheck.Fluent;

namespace VectorBacktest.Tests.Kernels;

/// <summary>One property-test case: a seed for the series, a window, and how often NaN / ±∞ / −0 appear.</summary>
public sealed record SeriesCase(int Seed, int Window, double NanRate, double InfRate)
{
    /// <summary>The series of this case with <paramref name="length"/> values.</summary>
    public double[] Series(int length) => TestSeries.Make(length, Seed, NanRate, InfRate);

    /// <inheritdoc/>
    public override string ToString() => $"seed {Seed}, window {Window}, NaN rate {NanRate}, ∞ rate {InfRate}";
}

/// <summary>Random series and comparisons shared by the kernel property tests.</summary>
public static class TestSeries
{
    /// <summary>Every length the properties check, 0 … 300 (covers 0, 1 and every remainder of every vector width).</summary>
    public const int MaxLength = 300;

    /// <summary>Cases with windows in [1, <paramref name="maxWindow"/>] and NaN placements from none to dense.</summary>
    public static Arbitrary<SeriesCase> Cases(int maxWindow, bool withInfinities = false) =>
        (from seed in Gen.Choose(0, int.MaxValue - 1)
         from window in Gen.Choose(1, maxWindow)
         from nan in Gen.Elements(0.0, 0.0, 0.01, 0.05, 0.2)
         from inf in withInfinities ? Gen.Elements(0.0, 0.01, 0.03) : Gen.Constant(0.0)
         select new SeriesCase(seed, window, nan, inf)).ToArbitrary();

    /// <summary>
    /// A price-like random walk around 100 with repeated values (runs of equal closes, so ties and constant windows
    /// occur), occasional sign changes and −0, and NaN / ±∞ at the given rates.
    /// </summary>
    public static double[] Make(int length, int seed, double nanRate, double infRate = 0)
    {
        var rng = new Random(HashCode.Combine(seed, length));
        var x = new double[length];
        double level = rng.NextDouble() < 0.2 ? 0.5 : 100.0;
        for (int i = 0; i < length; i++)
        {
            double u = rng.NextDouble();
            if (i > 0 && u < 0.15 && double.IsFinite(x[i - 1])) x[i] = x[i - 1];
            else if (u < 0.17) x[i] = -0.0;
            else if (u < 0.20) x[i] = -level * rng.NextDouble();
            else x[i] = level * (1 + 0.05 * (rng.NextDouble() - 0.5)) + Math.Round(rng.NextDouble() * 8, 2);
            double v = rng.NextDouble();
            if (v < nanRate) x[i] = double.NaN;
            else if (v < nanRate + infRate) x[i] = rng.NextDouble() < 0.5 ? double.PositiveInfinity : double.NegativeInfinity;
        }
        return x;
    }

    /// <summary>Random bools with the given density of trues.</summary>
    public static bool[] Bools(int length, int seed, double density)
    {
        var rng = new Random(HashCode.Combine(seed, length, 17));
        var b = new bool[length];
        for (int i = 0; i < length; i++) b[i] = rng.NextDouble() < density;
        return b;
    }

    /// <summary>Bit-for-bit equality (NaN equals NaN; +0 and −0 differ).</summary>
    public static void AssertBitEqual(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            bool same = BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i])
                        || (double.IsNaN(expected[i]) && double.IsNaN(actual[i]));
            if (!same) Assert.Fail($"{context}: index {i} of {expected.Length}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    /// <summary>Equality as numbers (NaN equals NaN; +0 equals −0).</summary>
    public static void AssertEqual(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            bool same = expected[i] == actual[i] || (double.IsNaN(expected[i]) && double.IsNaN(actual[i]));
            if (!same) Assert.Fail($"{context}: index {i} of {expected.Length}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    /// <summary>
    /// |expected − actual| ≤ tolerance at every index, where both are finite; NaN and ±∞ must match exactly.
    /// </summary>
    public static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            bool ok = double.IsFinite(e) && double.IsFinite(a)
                ? Math.Abs(e - a) <= tolerance
                : e.Equals(a) || (double.IsNaN(e) && double.IsNaN(a));
            if (!ok) Assert.Fail($"{context}: index {i} of {expected.Length}: expected {e:R}, got {a:R} (tolerance {tolerance:G3})");
        }
    }

    /// <summary>The largest |x| over the finite values (0 when none).</summary>
    public static double MaxAbs(ReadOnlySpan<double> x)
    {
        double m = 0;
        foreach (double v in x)
            if (double.IsFinite(v)) m = Math.Max(m, Math.Abs(v));
        return m;
    }
}
