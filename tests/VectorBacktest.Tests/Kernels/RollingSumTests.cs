using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using VectorBacktest.Kernels;

namespace VectorBacktest.Tests.Kernels;

public class RollingSumTests
{
    // Tolerance: the running sum re-seeds every chunk, so its rounding error is at most about one ulp of the
    // window sum (≤ w·max|x|) per step since the last seed; 8·ε·(n + w)·w·max|x| bounds that with room to spare.
    private static double Tolerance(double[] x, int w) => 8 * Math.Pow(2, -52) * (x.Length + w) * w * Math.Max(1, TestSeries.MaxAbs(x));

    [Property(MaxTest = 25)]
    public Property MatchesFreshWindowSumsForEveryLength() =>
        Prop.ForAll(TestSeries.Cases(40, withInfinities: true), c =>
        {
            for (int n = 0; n <= TestSeries.MaxLength; n++)
            {
                var x = c.Series(n);
                TestSeries.AssertClose(Reference.RollingSum(x, c.Window), RollingSum.Compute(x, c.Window), Tolerance(x, c.Window), $"{c}, n {n}");
            }
        });

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(300)]
    [InlineData(1100)]
    public void LongSeriesCrossesChunkSeedsAndInterleavedPath(int window)
    {
        // 40,000 values span several 4 × chunk groups (the interleaved loop) and a ragged tail.
        var x = TestSeries.Make(40_000, 11, nanRate: 0.0002);
        var expected = Reference.RollingSum(x, window);
        var actual = RollingSum.Compute(x, window);
        double tolerance = 8 * Math.Pow(2, -52) * (Math.Max(RollingSum.ChunkLength, 4 * window) + window) * window * TestSeries.MaxAbs(x);
        TestSeries.AssertClose(expected, actual, tolerance, $"window {window}");
    }

    [Fact]
    public void HandExample()
    {
        double[] x = [1, 2, 3, 4, double.NaN, 6, 7, 8];
        TestSeries.AssertEqual([double.NaN, 3, 5, 7, double.NaN, double.NaN, 13, 15], RollingSum.Compute(x, 2), "window 2");
        TestSeries.AssertEqual([double.NaN, double.NaN, double.NaN], RollingSum.Compute([1.0, 2, 3], 4), "shorter than window");
    }
}
