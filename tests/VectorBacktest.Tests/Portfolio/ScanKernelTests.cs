using FsCheck;
using FsCheck.Fluent;
using VectorBacktest.Portfolio.Scans;

namespace VectorBacktest.Tests.Portfolio;

/// <summary>The SIMD scans equal plain loops for every length (0, 1, and lengths not a multiple of any vector width).</summary>
public class ScanKernelTests
{
    private static int NextTrueEitherReference(bool[] a, bool[] b, int from)
    {
        int n = Math.Max(a.Length, b.Length);
        for (int i = from; i < n; i++)
            if ((a.Length > 0 && a[i]) || (b.Length > 0 && b[i])) return i;
        return -1;
    }

    private static int FirstReachedReference(double[] low, double[] high, int from, int to, double lower, double upper)
    {
        for (int i = from; i < to; i++)
            if (low[i] <= lower || high[i] >= upper) return i;
        return -1;
    }

    [Fact]
    public void NextTrueEither_equals_reference_for_all_lengths()
    {
        var rng = new Random(7);
        for (int n = 0; n <= 300; n++)
        {
            for (int trial = 0; trial < 4; trial++)
            {
                double density = trial switch { 0 => 0.0, 1 => 0.005, 2 => 0.05, _ => 0.5 };
                var a = new bool[n]; var b = new bool[n];
                for (int i = 0; i < n; i++) { a[i] = rng.NextDouble() < density; b[i] = rng.NextDouble() < density; }
                for (int from = 0; from <= n; from += Math.Max(1, n / 7))
                {
                    Assert.Equal(NextTrueEitherReference(a, b, from), SignalScan.NextTrueEither(a, b, from));
                    Assert.Equal(NextTrueEitherReference(a, [], from), SignalScan.NextTrueEither(a, [], from));
                    Assert.Equal(NextTrueEitherReference([], b, from), SignalScan.NextTrueEither([], b, from));
                }
            }
        }
    }

    [Fact]
    public void NextTrueEither_property()
    {
        Prop.ForAll(Gen.ArrayOf(Gen.Elements(false, false, false, true)).ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(),
            (a, seed) =>
            {
                var b = new bool[a.Length];
                var rng = new Random(seed);
                for (int i = 0; i < b.Length; i++) b[i] = rng.Next(9) == 0;
                int from = a.Length == 0 ? 0 : rng.Next(a.Length + 1);
                return NextTrueEitherReference(a, b, from) == SignalScan.NextTrueEither(a, b, from);
            }).Check(Config.QuickThrowOnFailure.WithQuietOnSuccess(true));
    }

    [Fact]
    public void FirstReached_equals_reference_for_all_lengths()
    {
        var rng = new Random(11);
        for (int n = 0; n <= 300; n++)
        {
            var low = new double[n]; var high = new double[n];
            for (int i = 0; i < n; i++)
            {
                low[i] = 95 + rng.NextDouble() * 5;
                high[i] = 100 + rng.NextDouble() * 5;
                if (rng.Next(50) == 0) low[i] = double.NaN;
            }
            foreach (var (lower, upper) in new[] { (95.2, 104.8), (90.0, 110.0), (double.NegativeInfinity, 104.99), (95.01, double.PositiveInfinity) })
                for (int from = 0; from <= n; from += Math.Max(1, n / 5))
                    for (int to = from; to <= n; to += Math.Max(1, (n - from) / 3 + 1))
                        Assert.Equal(FirstReachedReference(low, high, from, to, lower, upper), LevelScan.FirstReached(low, high, from, to, lower, upper));
        }
    }

    [Fact]
    public void FirstReached_property()
    {
        Prop.ForAll(Gen.ArrayOf(Gen.Choose(0, 1000)).ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (cells, threshold) =>
        {
            int n = cells.Length;
            var low = new double[n]; var high = new double[n];
            for (int i = 0; i < n; i++) { low[i] = cells[i]; high[i] = cells[i] + 50; }
            double lower = threshold * 0.5, upper = 1000 + threshold * 0.04;
            return FirstReachedReference(low, high, 0, n, lower, upper) == LevelScan.FirstReached(low, high, 0, n, lower, upper);
        }).Check(Config.QuickThrowOnFailure.WithQuietOnSuccess(true));
    }
}
