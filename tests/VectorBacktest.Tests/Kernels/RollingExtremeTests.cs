using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using VectorBacktest.Kernels;

namespace VectorBacktest.Tests.Kernels;

public class RollingExtremeTests
{
    [Property(MaxTest = 12)]
    public Property MaxAndMinEqualNaiveWindowsForEveryLength() =>
        Prop.ForAll(TestSeries.Cases(40, withInfinities: true), c =>
        {
            for (int n = 0; n <= TestSeries.MaxLength; n++)
            {
                var x = c.Series(n);
                TestSeries.AssertEqual(Reference.RollingExtreme(x, c.Window, max: true), RollingMax.Compute(x, c.Window), $"max {c}, n {n}");
                TestSeries.AssertEqual(Reference.RollingExtreme(x, c.Window, max: false), RollingMin.Compute(x, c.Window), $"min {c}, n {n}");
            }
        });

    [Property(MaxTest = 12)]
    public Property HighestAndLowestIndexEqualNaiveWindowsForEveryLength() =>
        Prop.ForAll(TestSeries.Cases(40, withInfinities: true), c =>
        {
            for (int n = 0; n <= TestSeries.MaxLength; n++)
            {
                var x = c.Series(n);
                Assert.Equal(Reference.ExtremeIndex(x, c.Window, max: true), HighestIndex.Compute(x, c.Window));
                Assert.Equal(Reference.ExtremeIndex(x, c.Window, max: false), LowestIndex.Compute(x, c.Window));
            }
        });

    [Fact]
    public void HandExamples()
    {
        double[] x = [3, 1, 4, 1, 5, 9, 2, 6];
        TestSeries.AssertEqual([double.NaN, double.NaN, 4, 4, 5, 9, 9, 9], RollingMax.Compute(x, 3), "max 3");
        TestSeries.AssertEqual([double.NaN, double.NaN, 1, 1, 1, 1, 2, 2], RollingMin.Compute(x, 3), "min 3");
        // Ties go to the most recent bar: the two 1s at bars 1 and 3.
        Assert.Equal([-1, -1, 1, 3, 3, 3, 6, 6], LowestIndex.Compute(x, 3));
        Assert.Equal([-1, -1, 2, 2, 4, 5, 5, 5], HighestIndex.Compute(x, 3));
        double[] withNan = [1, double.NaN, 3, 4, 5];
        TestSeries.AssertEqual([double.NaN, double.NaN, double.NaN, 4, 5], RollingMax.Compute(withNan, 2), "NaN window");
        Assert.Equal([-1, -1, -1, 3, 4], HighestIndex.Compute(withNan, 2));
        Assert.Equal([-1, -1], HighestIndex.Compute([1.0, 2.0], 3));
    }
}
