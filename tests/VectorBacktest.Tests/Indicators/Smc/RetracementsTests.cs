using FsCheck.Xunit;
using VectorBacktest.Indicators.Smc;
using VectorBacktest.Tests.Infrastructure;

namespace VectorBacktest.Tests.Indicators.Smc;

public class RetracementsTests
{
    private static Retracements Run(double[] high, double[] low, int length, int swingLength, SmcMode mode)
    {
        var h = high.AsSpan(0, length);
        var l = low.AsSpan(0, length);
        return Retracements.Find(Swings.Find(h, l, swingLength, mode), h, l);
    }

    private static PlainRetracement[] Rows(Retracements r)
    {
        var rows = new PlainRetracement[r.Direction.Length];
        for (int t = 0; t < rows.Length; t++) rows[t] = new PlainRetracement(r.Direction[t], r.CurrentRetracement[t], r.DeepestRetracement[t]);
        return rows;
    }

    [SharedTheory]
    [InlineData(10)]
    [InlineData(50)]
    public void Reference_mode_reproduces_the_golden_table(int swingLength)
    {
        var data = SmcDataset.BtcUsd1h;
        var golden = SmcDataset.Golden("retracements", $"swing_length={swingLength}");
        var result = Run(data.High, data.Low, data.Length, swingLength, SmcMode.Reference);

        Assert.Equal(data.Length, golden.Count);
        GoldenAssert.ColumnEqual(golden.Doubles("Direction"), result.Direction.Select(d => (double)d).ToArray(), "Direction");
        GoldenAssert.ColumnEqual(golden.Doubles("CurrentRetracement%"), result.CurrentRetracement, "CurrentRetracement%");
        GoldenAssert.ColumnEqual(golden.Doubles("DeepestRetracement%"), result.DeepestRetracement, "DeepestRetracement%");
    }

    [Property(Arbitrary = [typeof(SmcArbitraries)], MaxTest = 300)]
    public void Fast_kernel_equals_the_plain_implementation(RandomBars bars)
    {
        foreach (var mode in new[] { SmcMode.Causal, SmcMode.Reference })
        {
            bool reference = mode == SmcMode.Reference;
            var swings = PlainSwings.Compute(bars.High, bars.Low, bars.SwingLength, reference);
            var plain = PlainRetracements.Compute(swings, bars.High, bars.Low, reference);
            var fast = Rows(Run(bars.High, bars.Low, bars.Length, bars.SwingLength, mode));
            for (int t = 0; t < plain.Length; t++)
            {
                Assert.Equal(plain[t].Direction, fast[t].Direction);
                Assert.Equal(BitConverter.DoubleToInt64Bits(plain[t].Current), BitConverter.DoubleToInt64Bits(fast[t].Current));
                Assert.Equal(BitConverter.DoubleToInt64Bits(plain[t].Deepest), BitConverter.DoubleToInt64Bits(fast[t].Deepest));
            }
            Assert.Equal(plain.Length, fast.Length);
        }
    }

    [Property(Arbitrary = [typeof(SmcArbitraries)], MaxTest = 40)]
    public void Causal_rows_never_repaint_on_random_series(RandomBars bars)
    {
        NoRepaint.Check(bars.Length, NoRepaint.SamplePrefixes(bars.Length, 60, bars.Seed), length =>
            Rows(Run(bars.High, bars.Low, length, bars.SwingLength, SmcMode.Causal)).Select((row, t) => (t, row)));
    }

    [SharedTheory]
    [InlineData(10)]
    [InlineData(50)]
    public void Causal_rows_never_repaint_on_the_dataset(int swingLength)
    {
        var data = SmcDataset.BtcUsd1h;
        NoRepaint.Check(data.Length, NoRepaint.SamplePrefixes(data.Length, 15, swingLength), length =>
            Rows(Run(data.High, data.Low, length, swingLength, SmcMode.Causal)).Select((row, t) => (t, row)));
    }

    [Fact]
    public void Causal_rows_follow_the_swings_from_their_known_bar()
    {
        // n = 1: swing low 1 (level 2) known at 4, swing high 3 (5) known at 6, low 5 (3) known at 8, high 7 (7) at 10.
        double[] high = [4, 3, 4, 5, 4, 4, 6, 7, 6, 5, 6, 8];
        double[] low = [3, 2, 3, 4, 3, 3, 5, 6, 5, 4, 5, 7];
        var r = Run(high, low, high.Length, 1, SmcMode.Causal);
        Assert.Equal([0, 0, 0, 0, -1, -1, 1, 1, -1, -1, 1, 1], r.Direction);
        // Bars 4-5: only a low is known, no leg yet.
        Assert.Equal(0.0, r.CurrentRetracement[4]);
        Assert.Equal(0.0, r.DeepestRetracement[5]);
        // Bar 6: high 5 known, the up-leg 2 → 5 exists, but (A) runs from the next bar (direction before was -1).
        Assert.Equal(0.0, r.CurrentRetracement[6]);
        // Bar 7: up-leg 2 → 5, low 6: 100 - (6 - 2) / 3 * 100 = -33.3; deepest = max(bar 6's 0, -33.3).
        Assert.Equal(-33.3, r.CurrentRetracement[7]);
        Assert.Equal(0.0, r.DeepestRetracement[7]);
        // Bar 8: low 3 known, down-leg 5 → 3, high 6: 100 - (6 - 5) / (3 - 5) * 100 = 150.
        Assert.Equal(150.0, r.CurrentRetracement[8]);
        Assert.Equal(150.0, r.DeepestRetracement[8]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    public void Short_series_give_zero_rows(int length)
    {
        var bars = new RandomBars(length, 2, 3);
        foreach (var mode in new[] { SmcMode.Causal, SmcMode.Reference })
        {
            var r = Run(bars.High, bars.Low, length, 3, mode);
            Assert.Equal(length, r.Direction.Length);
            Assert.All(r.Direction, d => Assert.Equal(0, d));
            Assert.All(r.DeepestRetracement, d => Assert.Equal(0.0, d));
        }
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        var swings = Swings.Find(new double[10], new double[10], 2);
        Assert.Equal("swings", Assert.Throws<ArgumentNullException>(() => Retracements.Find(null!, new double[10], new double[10])).ParamName);
        Assert.Equal("low", Assert.Throws<ArgumentException>(() => Retracements.Find(swings, new double[10], new double[3])).ParamName);
        Assert.Equal("deepest", Assert.Throws<ArgumentException>(() =>
            Retracements.Compute(swings, new double[10], new double[10], new int[10], new double[10], new double[9])).ParamName);
    }
}
