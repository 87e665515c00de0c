using FsCheck.Xunit;
using VectorBacktest.Indicators.Smc;
using VectorBacktest.Tests.Infrastructure;

namespace VectorBacktest.Tests.Indicators.Smc;

public class StructureBreaksTests
{
    private static List<PlainBreak> Events(StructureBreaks breaks)
    {
        var list = new List<PlainBreak>(breaks.Count);
        for (int e = 0; e < breaks.Count; e++)
            list.Add(new PlainBreak(breaks.SwingIndex[e], breaks.BrokenIndex[e], breaks.KnownAt[e], breaks.Bos[e], breaks.Choch[e], breaks.Level[e]));
        return list;
    }

    private static StructureBreaks Run(double[] high, double[] low, double[] close, int length, int swingLength, bool closeBreak, SmcMode mode)
    {
        var h = high.AsSpan(0, length);
        var l = low.AsSpan(0, length);
        return StructureBreaks.Find(Swings.Find(h, l, swingLength, mode), h, l, close.AsSpan(0, length), closeBreak);
    }

    [SharedTheory]
    [InlineData(10, true)]
    [InlineData(10, false)]
    [InlineData(50, true)]
    [InlineData(50, false)]
    public void Reference_mode_reproduces_the_golden_table(int swingLength, bool closeBreak)
    {
        var data = SmcDataset.BtcUsd1h;
        var golden = SmcDataset.Golden("bos_choch", $"swing_length={swingLength}_close_break={(closeBreak ? "True" : "False")}");
        var table = Run(data.High, data.Low, data.Close, data.Length, swingLength, closeBreak, SmcMode.Reference).ToTable();

        Assert.Equal(data.Length, golden.Count);
        GoldenAssert.ColumnEqual(golden.Doubles("BOS"), table.Bos, "BOS");
        GoldenAssert.ColumnEqual(golden.Doubles("CHOCH"), table.Choch, "CHOCH");
        GoldenAssert.Float32ColumnEqual(golden.Doubles("Level"), table.Level, "Level");
        GoldenAssert.ColumnEqual(golden.Doubles("BrokenIndex"), table.BrokenIndex, "BrokenIndex");
    }

    [SharedFact]
    public void Reference_rows_with_only_a_broken_index_are_reproduced()
    {
        var data = SmcDataset.BtcUsd1h;
        var breaks = Run(data.High, data.Low, data.Close, data.Length, 10, true, SmcMode.Reference);
        int orphans = 0;
        for (int e = 0; e < breaks.Count; e++)
            if (breaks.Bos[e] == 0 && breaks.Choch[e] == 0 && double.IsNaN(breaks.Level[e])) orphans++;
        Assert.Equal(52, orphans);
    }

    [SharedFact]
    public void Reference_known_at_matches_the_look_ahead_quoted_in_the_semantics()
    {
        // SEMANTICS.md §4, n = 10: K - b median 78 bars, max 176; and K > BrokenIndex for every signal.
        var data = SmcDataset.BtcUsd1h;
        var breaks = Run(data.High, data.Low, data.Close, data.Length, 10, true, SmcMode.Reference);
        var lags = new List<int>();
        for (int e = 0; e < breaks.Count; e++)
        {
            if (breaks.Bos[e] == 0 && breaks.Choch[e] == 0) continue;
            if (breaks.KnownAt[e] == SmcKnownAt.Never) continue;
            Assert.True(breaks.KnownAt[e] > breaks.BrokenIndex[e]);
            lags.Add(breaks.KnownAt[e] - breaks.SwingIndex[e]);
        }
        lags.Sort();
        Assert.Equal(78, lags[lags.Count / 2]);
        Assert.Equal(176, lags[^1]);
    }

    [Property(Arbitrary = [typeof(SmcArbitraries)], MaxTest = 300)]
    public void Fast_kernel_equals_the_plain_implementation(RandomBars bars)
    {
        foreach (var mode in new[] { SmcMode.Causal, SmcMode.Reference })
        foreach (bool closeBreak in new[] { true, false })
        {
            bool reference = mode == SmcMode.Reference;
            var plain = PlainStructureBreaks.Compute(bars.High, bars.Low, bars.Close, bars.SwingLength, closeBreak, reference);
            var fast = Events(Run(bars.High, bars.Low, bars.Close, bars.Length, bars.SwingLength, closeBreak, mode));
            Assert.Equal(plain, fast);
        }
    }

    [Theory]
    [InlineData(6000, 17, 2)]
    public void Fast_kernel_equals_the_plain_implementation_on_long_series(int length, int seed, int swingLength)
    {
        // Long enough for levels that stay unbroken across many 64-bar blocks and 4096-bar groups.
        var bars = new RandomBars(length, seed, swingLength);
        foreach (var mode in new[] { SmcMode.Causal, SmcMode.Reference })
        foreach (bool closeBreak in new[] { true, false })
        {
            bool reference = mode == SmcMode.Reference;
            var plain = PlainStructureBreaks.Compute(bars.High, bars.Low, bars.Close, swingLength, closeBreak, reference);
            var fast = Events(Run(bars.High, bars.Low, bars.Close, length, swingLength, closeBreak, mode));
            Assert.True(plain.Count > 20);
            Assert.Equal(plain, fast);
        }
    }

    [Property(Arbitrary = [typeof(SmcArbitraries)], MaxTest = 60)]
    public void Causal_events_never_repaint_on_random_series(RandomBars bars)
    {
        foreach (bool closeBreak in new[] { true, false })
            NoRepaint.Check(bars.Length, NoRepaint.AllPrefixes(bars.Length), length =>
                Events(Run(bars.High, bars.Low, bars.Close, length, bars.SwingLength, closeBreak, SmcMode.Causal)).Select(e => (e.KnownAt, e)));
    }

    [SharedTheory]
    [InlineData(10, true)]
    [InlineData(10, false)]
    [InlineData(50, true)]
    public void Causal_events_never_repaint_on_the_dataset(int swingLength, bool closeBreak)
    {
        var data = SmcDataset.BtcUsd1h;
        NoRepaint.Check(data.Length, NoRepaint.SamplePrefixes(data.Length, 40, swingLength), length =>
            Events(Run(data.High, data.Low, data.Close, length, swingLength, closeBreak, SmcMode.Causal)).Select(e => (e.KnownAt, e)));
    }

    [SharedFact]
    public void Causal_table_rows_never_repaint_on_the_dataset()
    {
        var data = SmcDataset.BtcUsd1h;
        NoRepaint.Check(data.Length, NoRepaint.SamplePrefixes(data.Length, 15, 3), length =>
        {
            var t = Run(data.High, data.Low, data.Close, length, 10, true, SmcMode.Causal).ToTable();
            return Enumerable.Range(0, length).Select(r => (r, (t.Bos[r], t.Choch[r], t.Level[r], t.BrokenIndex[r], t.SwingIndex[r])));
        });
    }

    [SharedFact]
    public void Causal_events_are_the_reference_signals_timed_honestly()
    {
        var data = SmcDataset.BtcUsd1h;
        var causal = Run(data.High, data.Low, data.Close, data.Length, 10, true, SmcMode.Causal);
        var reference = Events(Run(data.High, data.Low, data.Close, data.Length, 10, true, SmcMode.Reference))
            .Where(e => e.Bos != 0 || e.Choch != 0).ToDictionary(e => e.SwingIndex);
        Assert.True(causal.Count > 300);
        int same = 0;
        for (int e = 0; e < causal.Count; e++)
        {
            Assert.True(causal.KnownAt[e] >= causal.BrokenIndex[e]);
            Assert.True(e == 0 || causal.KnownAt[e] > causal.KnownAt[e - 1]);
            if (reference.TryGetValue(causal.SwingIndex[e], out var r) && r.BrokenIndex == causal.BrokenIndex[e]
                && r.Bos == causal.Bos[e] && r.Choch == causal.Choch[e] && r.Level.Equals(causal.Level[e])) same++;
        }
        // Only the first swings (artificial bar 0 in the reference), the end of the data and the cancellations
        // the causal mode cannot yet know about differ.
        Assert.True(same >= causal.Count * 9 / 10, $"{same} of {causal.Count} causal events equal a reference row");
    }

    [Fact]
    public void Hand_made_bullish_break_of_structure_is_reported_when_known()
    {
        // n = 1. Runs of candidates: lows 1-2, highs 3-4, lows 5-6, highs 7-8, lows 9-10 (still open at the end).
        double[] high = [4, 3, 4, 5, 4, 4, 6, 7, 6, 5, 6, 8];
        double[] low = [3, 2, 3, 4, 3, 3, 5, 6, 5, 4, 5, 7];
        double[] close = [3.5, 2.5, 3.5, 4.5, 3.5, 3.5, 5.5, 6.5, 5.5, 4.5, 5.5, 7.5];
        var swings = Swings.Find(high, low, 1);
        Assert.Equal([1, 3, 5, 7], swings.Index.ToArray());
        Assert.Equal([4, 6, 8, 10], swings.KnownAt.ToArray());
        var breaks = StructureBreaks.Find(swings, high, low, close);
        // Pattern a=1 (2), b=3 (5), c=5 (3), d=7 (7): 2 < 3 < 5 < 7, bullish BOS on b. Close 5.5 > 5 at bar 6.
        // Known once d's run has a confirmed candidate above 5: bar 7, confirmed at 8 (d itself settles at 10).
        Assert.Equal(1, breaks.Count);
        Assert.Equal(3, breaks.SwingIndex[0]);
        Assert.Equal(6, breaks.BrokenIndex[0]);
        Assert.Equal(8, breaks.KnownAt[0]);
        Assert.Equal(1, breaks.Bos[0]);
        Assert.Equal(0, breaks.Choch[0]);
        Assert.Equal(5.0, breaks.Level[0]);
        var table = breaks.ToTable();
        Assert.Equal(1.0, table.Bos[8]);
        Assert.Equal(6.0, table.BrokenIndex[8]);
        Assert.Equal(3.0, table.SwingIndex[8]);
        Assert.Equal(1, table.Bos.Count(v => !double.IsNaN(v)));
    }

    [Fact]
    public void Float32_rounding_of_the_level_decides_a_break()
    {
        // 20000.37 rounds down to 20000.369140625 as float32, so a close exactly at the level breaks it.
        double level = 20000.37;
        Assert.True((float)level < level);
        double[] high = [3, 2, 3, level, 3, 3, 2.5, 20001, 3, 2.7, 3, 3];
        double[] low = [2, 1, 2, 5, 2, 2, 1.5, 6, 2, 1.8, 2, 2];
        double[] close = [2, 1.5, 2, 6, 2.5, 2, level, 7, 2, 2, 2, 2];
        var breaks = StructureBreaks.Find(Swings.Find(high, low, 1), high, low, close);
        Assert.Equal(1, breaks.Count);
        Assert.Equal(6, breaks.BrokenIndex[0]);
        Assert.Equal((double)(float)level, breaks.Level[0]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public void Short_series_give_no_events(int length)
    {
        var bars = new RandomBars(length, 1, 2);
        foreach (var mode in new[] { SmcMode.Causal, SmcMode.Reference })
        {
            var breaks = Run(bars.High, bars.Low, bars.Close, length, 2, true, mode);
            Assert.Equal(0, breaks.Count);
            Assert.Equal(length, breaks.ToTable().Bos.Length);
        }
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        var swings = Swings.Find(new double[10], new double[10], 2);
        Assert.Equal("swings", Assert.Throws<ArgumentNullException>(() => StructureBreaks.Find(null!, new double[10], new double[10], new double[10])).ParamName);
        Assert.Equal("close", Assert.Throws<ArgumentException>(() => StructureBreaks.Find(swings, new double[10], new double[10], new double[11])).ParamName);
        Assert.Equal("high", Assert.Throws<ArgumentException>(() => StructureBreaks.Find(swings, new double[9], new double[10], new double[10])).ParamName);
    }
}
