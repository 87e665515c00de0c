using FsCheck.Xunit;
using VectorBacktest.Analysis;
using static VectorBacktest.Tests.Analysis.AnalysisTestData;

namespace VectorBacktest.Tests.Analysis;

/// <summary>The SIMD reductions against plain scalar loops, for every length 0–70 and random lengths.</summary>
public class VectorReduceTests
{
    public static IEnumerable<object[]> Lengths() => Enumerable.Range(0, 71).Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Every_length_matches_the_scalar_loop(int length) => Check(RandomReturns(length, (ulong)length + 99), 0.003);

    [Property(MaxTest = 100)]
    public void Random_lengths_match_the_scalar_loop(ushort length, ulong seed, sbyte shift) =>
        Check(RandomReturns(length % 600, seed), shift / 1000.0);

    private static void Check(double[] x, double c)
    {
        AssertClose(x.Sum(v => (v - c) * (v - c)), VectorReduce.Sum(x, new SquaredDeviation(c)), 1e-12);
        AssertClose(x.Sum(v => (v - c) * (v - c) * (v - c)), VectorReduce.Sum(x, new CubedDeviation(c)), 1e-10, 1e-16);
        AssertClose(x.Sum(v => Math.Pow(v - c, 4)), VectorReduce.Sum(x, new FourthPowerDeviation(c)), 1e-12);
        AssertClose(x.Sum(v => Math.Min(v - c, 0) * Math.Min(v - c, 0)), VectorReduce.Sum(x, new SquaredShortfall(c)), 1e-12);
        AssertClose(x.Sum(v => Math.Max(v - c, 0)), VectorReduce.Sum(x, new Excess(c)), 1e-12);
        AssertClose(x.Sum(v => Math.Max(c - v, 0)), VectorReduce.Sum(x, new Shortfall(c)), 1e-12);
    }
}
