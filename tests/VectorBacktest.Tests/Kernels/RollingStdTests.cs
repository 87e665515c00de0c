using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using VectorBacktest.Kernels;

namespace VectorBacktest.Tests.Kernels;

public class RollingStdTests
{
    // Compared as variances: the shifted sliding sums lose about ε·(n + w)·w·(2·max|x|)² to rounding, which the
    // tolerance 64·ε·(n + w)·w·max|x|² / (w − ddof) covers. Constant windows must be exactly 0.
    [Property(MaxTest = 25)]
    public Property VarianceMatchesTwoPassWindowsForEveryLength() =>
        Prop.ForAll(TestSeries.Cases(40, withInfinities: true), Gen.Elements(0, 1).ToArbitrary(), (c, ddof) =>
        {
            int w = Math.Max(c.Window, ddof + 1);
            for (int n = 0; n <= TestSeries.MaxLength; n++)
            {
                var x = c.Series(n);
                var expected = Reference.RollingStd(x, w, ddof);
                var actual = RollingStd.Compute(x, w, ddof);
                double m = Math.Max(1, TestSeries.MaxAbs(x));
                double tolerance = 64 * Math.Pow(2, -52) * (n + w) * w * m * m / (w - ddof);
                TestSeries.AssertClose(Square(expected), Square(actual), tolerance, $"{c}, ddof {ddof}, n {n}");
                for (int i = w - 1; i < n; i++)
                    if (IsConstant(x, i - w + 1, i)) Assert.Equal(0.0, actual[i]);
            }
        });

    [Fact]
    public void HandExample()
    {
        double[] x = [1, 2, 3, 5, 5, 5];
        var population = RollingStd.Compute(x, 3, 0);
        TestSeries.AssertClose([double.NaN, double.NaN, Math.Sqrt(2.0 / 3), Math.Sqrt(14.0 / 9), Math.Sqrt(8.0 / 9), 0], population, 1e-15, "ddof 0");
        var sample = RollingStd.Compute(x, 3, 1);
        TestSeries.AssertClose([double.NaN, double.NaN, 1, Math.Sqrt(7.0 / 3), Math.Sqrt(4.0 / 3), 0], sample, 1e-15, "ddof 1");
    }

    [Fact]
    public void LongSeriesAcrossChunks()
    {
        var x = TestSeries.Make(20_000, 5, nanRate: 0.0005);
        for (int w = 2; w <= 1500; w *= 3)
        {
            double m = TestSeries.MaxAbs(x);
            double tolerance = 64 * Math.Pow(2, -52) * (4 * Math.Max(RollingSum.ChunkLength, 4 * w)) * w * m * m / w;
            TestSeries.AssertClose(Square(Reference.RollingStd(x, w, 1)), Square(RollingStd.Compute(x, w, 1)), tolerance, $"window {w}");
        }
    }

    private static double[] Square(double[] s)
    {
        var r = new double[s.Length];
        for (int i = 0; i < s.Length; i++) r[i] = s[i] * s[i];
        return r;
    }

    private static bool IsConstant(double[] x, int from, int to)
    {
        for (int k = from + 1; k <= to; k++)
            if (!(x[k] == x[from])) return false;
        return double.IsFinite(x[from]);
    }
}
