using FsCheck.Xunit;
using VectorBacktest.Indicators.Smc;
using VectorBacktest.Tests.Infrastructure;

namespace VectorBacktest.Tests.Indicators.Smc;

public class SwingsTests
{
    private static List<PlainSwing> Events(Swings swings)
    {
        var list = new List<PlainSwing>(swings.Count);
        for (int s = 0; s < swings.Count; s++)
            list.Add(new PlainSwing(swings.Index[s], swings.KnownAt[s], swings.HighLow[s], swings.Level[s]));
        return list;
    }

    [SharedTheory]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(50)]
    public void Reference_mode_reproduces_the_golden_table(int swingLength)
    {
        var data = SmcDataset.BtcUsd1h;
        var golden = SmcDataset.Golden("swing_highs_lows", $"swing_length={swingLength}");
        var table = Swings.Find(data.High, data.Low, swingLength, SmcMode.Reference).ToTable();

        Assert.Equal(data.Length, golden.Count);
        GoldenAssert.ColumnEqual(golden.Doubles("HighLow"), table.HighLow, "HighLow");
        GoldenAssert.ColumnEqual(golden.Doubles("Level"), table.Level, "Level");
    }

    [SharedTheory]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(50)]
    public void Causal_mode_lists_the_reference_interior_swings_with_their_settlement_bar(int swingLength)
    {
        var data = SmcDataset.BtcUsd1h;
        var reference = Swings.Find(data.High, data.Low, swingLength, SmcMode.Reference);
        var causal = Swings.Find(data.High, data.Low, swingLength);

        // Causal = reference without bar 0, the open run and bar N-1, and each swing stamped with its settlement.
        var expected = Events(reference).Where(s => s.Index != 0 && s.KnownAt != int.MaxValue).ToList();
        Assert.Equal(expected, Events(causal));
        for (int s = 0; s < causal.Count; s++)
            Assert.True(causal.KnownAt[s] >= causal.Index[s] + swingLength + 1);
    }

    [Property(Arbitrary = [typeof(SmcArbitraries)], MaxTest = 300)]
    public void Fast_kernel_equals_the_plain_implementation(RandomBars bars)
    {
        foreach (var mode in new[] { SmcMode.Causal, SmcMode.Reference })
        {
            var fast = Events(Swings.Find(bars.High, bars.Low, bars.SwingLength, mode));
            var plain = PlainSwings.Compute(bars.High, bars.Low, bars.SwingLength, mode == SmcMode.Reference);
            Assert.Equal(plain, fast);
        }
    }

    [Theory]
    [InlineData(5000, 1)]
    [InlineData(5000, 3)]
    [InlineData(7001, 40)]
    [InlineData(3000, 600)]
    public void Fast_kernel_equals_the_plain_implementation_across_chunks(int length, int swingLength)
    {
        // Longer than the kernel's 1024-bar chunks, including windows wider than a chunk.
        var bars = new RandomBars(length, length + swingLength, swingLength);
        foreach (var mode in new[] { SmcMode.Causal, SmcMode.Reference })
            Assert.Equal(PlainSwings.Compute(bars.High, bars.Low, swingLength, mode == SmcMode.Reference),
                Events(Swings.Find(bars.High, bars.Low, swingLength, mode)));
    }

    [Fact]
    public void Flat_series_is_one_run_of_highs()
    {
        var flat = Enumerable.Repeat(100.0, 3000).ToArray();
        var reference = Swings.Find(flat, flat, 7, SmcMode.Reference);
        // Every tested bar is a high candidate (a bar that is both is a high); the run keeps the earliest.
        Assert.Equal([0, 13, 2999], reference.Index.ToArray());
        Assert.Equal(new sbyte[] { -1, 1, -1 }, reference.HighLow.ToArray());
        Assert.Equal(0, Swings.Find(flat, flat, 7).Count);
    }

    [Property(Arbitrary = [typeof(SmcArbitraries)], MaxTest = 60)]
    public void Causal_swings_never_repaint_on_random_series(RandomBars bars)
    {
        NoRepaint.Check(bars.Length, NoRepaint.AllPrefixes(bars.Length), length =>
            Events(Swings.Find(bars.High.AsSpan(0, length), bars.Low.AsSpan(0, length), bars.SwingLength))
                .Select(s => (s.KnownAt, s)));
    }

    [SharedTheory]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(50)]
    public void Causal_swings_never_repaint_on_the_dataset(int swingLength)
    {
        var data = SmcDataset.BtcUsd1h;
        NoRepaint.Check(data.Length, NoRepaint.SamplePrefixes(data.Length, 50, swingLength), length =>
            Events(Swings.Find(data.High.AsSpan(0, length), data.Low.AsSpan(0, length), swingLength))
                .Select(s => (s.KnownAt, s)));
    }

    [SharedFact]
    public void Causal_table_rows_never_repaint_on_the_dataset()
    {
        var data = SmcDataset.BtcUsd1h;
        NoRepaint.Check(data.Length, NoRepaint.SamplePrefixes(data.Length, 15, 7), length =>
        {
            var table = Swings.Find(data.High.AsSpan(0, length), data.Low.AsSpan(0, length), 10).ToTable();
            return Enumerable.Range(0, length).Select(t => (t, (table.HighLow[t], table.Level[t], table.SwingIndex[t])));
        });
    }

    [Fact]
    public void Causal_table_places_each_swing_on_its_known_bar()
    {
        var bars = new RandomBars(400, 11, 3);
        var swings = Swings.Find(bars.High, bars.Low, 3);
        var table = swings.ToTable();
        Assert.True(swings.Count > 10);
        Assert.Equal(swings.Count, table.HighLow.Count(v => !double.IsNaN(v)));
        for (int s = 0; s < swings.Count; s++)
        {
            int row = swings.KnownAt[s];
            Assert.Equal(swings.HighLow[s], table.HighLow[row]);
            Assert.Equal(swings.Level[s], table.Level[row]);
            Assert.Equal(swings.Index[s], table.SwingIndex[row]);
            Assert.Equal(s + 1, swings.CountKnownAt(row));
            Assert.Equal(s, swings.CountKnownAt(row - 1));
        }
    }

    [Fact]
    public void Hand_made_series_gives_the_expected_swings()
    {
        // n = 1: window i … i+1, candidates for 1 ≤ i ≤ N-2.
        double[] high = [5, 6, 9, 7, 7, 8, 4, 6, 3];
        double[] low = [4, 5, 8, 2, 6, 7, 1, 5, 2];
        // Candidates: 1 low, 2 and 3 high (7 ≥ 7; 9 wins the run), 4 low, 5 high, 6 low, 7 high (open run).
        var reference = Swings.Find(high, low, 1, SmcMode.Reference);
        Assert.Equal([0, 1, 2, 4, 5, 6, 7, 8], reference.Index.ToArray());
        Assert.Equal(new sbyte[] { 1, -1, 1, -1, 1, -1, 1, -1 }, reference.HighLow.ToArray());
        Assert.Equal([5.0, 5, 9, 6, 8, 1, 6, 2], reference.Level.ToArray());
        Assert.Equal([2, 3, 5, 6, 7, 8, int.MaxValue, int.MaxValue], reference.KnownAt.ToArray());

        var causal = Swings.Find(high, low, 1);
        Assert.Equal([1, 2, 4, 5, 6], causal.Index.ToArray());
        Assert.Equal([3, 5, 6, 7, 8], causal.KnownAt.ToArray());
    }

    [Fact]
    public void Ties_keep_the_earliest_extreme_and_a_double_candidate_is_a_high()
    {
        double[] high = [1, 1, 5, 5, 2, 2];
        double[] low = [0, 0, 0, 0, 0, 0];
        // n = 1, bars 1 … 4 tested: 1 low; 2, 3 high; 4 both a high (2 ≥ 2) and a low (0 ≤ 0), so a high, which
        // extends the run 2 … 4 instead of closing it; the run keeps bar 2, the earlier of the two 5s.
        var swings = Swings.Find(high, low, 1, SmcMode.Reference);
        Assert.Equal([0, 1, 2, 5], swings.Index.ToArray());
        Assert.Equal(new sbyte[] { 1, -1, 1, -1 }, swings.HighLow.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(29)]
    public void Series_shorter_than_a_window_gives_no_swings(int length)
    {
        var bars = new RandomBars(length, 3, 10);
        foreach (var mode in new[] { SmcMode.Causal, SmcMode.Reference })
        {
            var swings = Swings.Find(bars.High, bars.Low, 10, mode);
            Assert.Equal(0, swings.Count);
            var table = swings.ToTable();
            Assert.Equal(length, table.HighLow.Length);
            Assert.All(table.HighLow, v => Assert.True(double.IsNaN(v)));
        }
    }

    [Fact]
    public void Huge_swing_length_gives_no_swings()
    {
        var bars = new RandomBars(50, 3, 1);
        Assert.Equal(0, Swings.Find(bars.High, bars.Low, int.MaxValue).Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Swing_length_below_one_is_rejected(int swingLength)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Swings.Find(new double[10], new double[10], swingLength));
        Assert.Equal("swingLength", ex.ParamName);
        Assert.Contains("at least 1", ex.Message);
    }

    [Fact]
    public void Mismatched_lengths_and_bad_mode_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Swings.Find(new double[10], new double[9], 2));
        Assert.Equal("low", ex.ParamName);
        var modeEx = Assert.Throws<ArgumentOutOfRangeException>(() => Swings.Find(new double[10], new double[10], 2, (SmcMode)7));
        Assert.Equal("mode", modeEx.ParamName);
        var swings = Swings.Find(new double[10], new double[10], 2);
        var bufferEx = Assert.Throws<ArgumentException>(() => swings.WriteTable(new double[9], new double[10], new double[10]));
        Assert.Equal("highLow", bufferEx.ParamName);
    }
}
