using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using VectorBacktest.Kernels;

namespace VectorBacktest.Tests.Kernels;

public class ElementwiseKernelTests
{
    [Property(MaxTest = 25)]
    public Property ShiftDiffPercentChangeEqualScalarForEveryLength() =>
        Prop.ForAll(TestSeries.Cases(12, withInfinities: true), c =>
        {
            int p = c.Window - 1;
            for (int n = 0; n <= TestSeries.MaxLength; n++)
            {
                var x = c.Series(n);
                var shift = new double[n];
                var diff = new double[n];
                var pct = new double[n];
                for (int i = 0; i < n; i++)
                {
                    shift[i] = i >= p ? x[i - p] : double.NaN;
                    diff[i] = i >= c.Window ? x[i] - x[i - c.Window] : double.NaN;
                    pct[i] = i >= c.Window ? x[i] / x[i - c.Window] - 1 : double.NaN;
                }
                TestSeries.AssertBitEqual(shift, Shift.Compute(x, p), $"shift {c}, n {n}");
                TestSeries.AssertBitEqual(diff, Diff.Compute(x, c.Window), $"diff {c}, n {n}");
                TestSeries.AssertBitEqual(pct, PercentChange.Compute(x, c.Window), $"pct {c}, n {n}");
            }
        });

    [Property(MaxTest = 25)]
    public Property CrossingsEqualScalarForEveryLength() =>
        Prop.ForAll(TestSeries.Cases(5), c =>
        {
            for (int n = 0; n <= TestSeries.MaxLength; n++)
            {
                // Rounded values so ties (the case that separates the two rules) are frequent.
                var a = Round(c.Series(n));
                var b = Round(TestSeries.Make(n, c.Seed + 1, c.NanRate));
                foreach (var rule in new[] { CrossRule.Strict, CrossRule.FromTouch })
                {
                    bool touch = rule == CrossRule.FromTouch;
                    Assert.Equal(Reference.CrossAbove(a, b, touch), Crossings.Above(a, b, rule));
                    Assert.Equal(Reference.CrossAbove(b, a, touch), Crossings.Below(a, b, rule));
                    var level = new double[n];
                    Array.Fill(level, 100.0);
                    var up = new bool[n];
                    var down = new bool[n];
                    Crossings.Above(a, 100.0, up, rule);
                    Crossings.Below(a, 100.0, down, rule);
                    Assert.Equal(Reference.CrossAbove(a, level, touch), up);
                    Assert.Equal(Reference.CrossAbove(level, a, touch), down);
                }
            }
        });

    [Fact]
    public void HandExamples()
    {
        TestSeries.AssertBitEqual([double.NaN, double.NaN, 1, 2], Shift.Compute([1.0, 2, 3, 4], 2), "shift");
        TestSeries.AssertBitEqual([0, 0, 1], Shift.Compute([1.0, 2, 3], 2, fill: 0), "shift fill");
        TestSeries.AssertBitEqual([double.NaN, 1, 2, -4], Diff.Compute([1.0, 2, 4, 0]), "diff");
        TestSeries.AssertBitEqual([double.NaN, 1, 0.5, -1], PercentChange.Compute([1.0, 2, 3, 0]), "pct");
        double[] fast = [1, 2, 2, 3, 1, 2];
        double[] slow = [2, 2, 2, 2, 2, 2];
        // Strict: the touch at bars 1–2 is not a cross; FromTouch: bar 3 leaves a tie upwards, so it crosses.
        Assert.Equal([false, false, false, false, false, false], Crossings.Above(fast, slow, CrossRule.Strict));
        Assert.Equal([false, false, false, true, false, false], Crossings.Above(fast, slow, CrossRule.FromTouch));
        Assert.Equal([false, false, false, false, true, false], Crossings.Below(fast, slow, CrossRule.Strict));
        Assert.Equal([false, false, false, false, true, false], Crossings.Below(fast, slow, CrossRule.FromTouch));
        Assert.Equal([false, false, false], Crossings.Below([3.0, 2, 1], [2.0, 2, 2], CrossRule.Strict));
        Assert.Equal([false, false, true], Crossings.Below([3.0, 2, 1], [2.0, 2, 2], CrossRule.FromTouch));
        Assert.Equal([false, false, false], Crossings.Above([double.NaN, 3, 4], [2.0, 2, 2]));
    }

    private static double[] Round(double[] x)
    {
        for (int i = 0; i < x.Length; i++) x[i] = Math.Round(x[i] / 4) * 4;
        return x;
    }
}
