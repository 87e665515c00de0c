using FsCheck.Xunit;
using VectorBacktest.Indicators.Smc;
using VectorBacktest.Tests.Infrastructure;

namespace VectorBacktest.Tests.Indicators.Smc;

public class FairValueGapsTests
{
    private readonly record struct Gap(int Index, int KnownAt, sbyte Direction, double Top, double Bottom, int MitigatedAt);

    private readonly record struct Fact(string Kind, int Index, sbyte Direction, double Top, double Bottom);

    private static List<Gap> Events(FairValueGaps gaps)
    {
        var list = new List<Gap>(gaps.Count);
        for (int g = 0; g < gaps.Count; g++)
            list.Add(new Gap(gaps.Index[g], gaps.KnownAt[g], gaps.Direction[g], gaps.Top[g], gaps.Bottom[g], gaps.MitigatedAt[g]));
        return list;
    }

    // A gap is a fact of its KnownAt bar; its mitigation a separate fact of the mitigation bar.
    private static IEnumerable<(int KnownAt, Fact Value)> Facts(FairValueGaps gaps)
    {
        var facts = new List<(int, Fact)>();
        foreach (var g in Events(gaps))
        {
            facts.Add((g.KnownAt, new Fact("gap", g.Index, g.Direction, g.Top, g.Bottom)));
            if (g.MitigatedAt != FairValueGaps.NotMitigated) facts.Add((g.MitigatedAt, new Fact("mitigated", g.Index, g.Direction, 0, 0)));
        }
        return facts.OrderBy(f => f.Item1).ThenBy(f => f.Item2.Kind).ThenBy(f => f.Item2.Index);
    }

    [SharedTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reference_mode_reproduces_the_golden_table(bool join)
    {
        var data = SmcDataset.BtcUsd1h;
        var golden = SmcDataset.Golden("fvg", $"join_consecutive={(join ? "True" : "False")}");
        var table = FairValueGaps.Find(data.Open, data.High, data.Low, data.Close, join, SmcMode.Reference).ToTable();

        Assert.Equal(data.Length, golden.Count);
        GoldenAssert.ColumnEqual(golden.Doubles("FVG"), table.FVG, "FVG");
        GoldenAssert.ColumnEqual(golden.Doubles("Top"), table.Top, "Top");
        GoldenAssert.ColumnEqual(golden.Doubles("Bottom"), table.Bottom, "Bottom");
        GoldenAssert.ColumnEqual(golden.Doubles("MitigatedIndex"), table.MitigatedIndex, "MitigatedIndex");
    }

    [SharedTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Causal_mode_lists_the_reference_gaps_known_within_the_data(bool join)
    {
        var data = SmcDataset.BtcUsd1h;
        var reference = Events(FairValueGaps.Find(data.Open, data.High, data.Low, data.Close, join, SmcMode.Reference));
        var causal = Events(FairValueGaps.Find(data.Open, data.High, data.Low, data.Close, join));
        Assert.Equal(reference.Where(g => g.KnownAt != SmcKnownAt.Never), causal);
        Assert.All(causal, g => Assert.InRange(g.KnownAt - g.Index, 1, 2));
        Assert.All(causal, g => Assert.True(g.MitigatedAt == FairValueGaps.NotMitigated || g.MitigatedAt >= g.KnownAt));
    }

    [Property(Arbitrary = [typeof(SmcArbitraries)], MaxTest = 300)]
    public void Candidate_kernel_equals_the_scalar_rule(RandomBars bars)
    {
        var fast = new sbyte[bars.Length];
        FairValueGaps.DetectCandidates(bars.Open, bars.High, bars.Low, bars.Close, fast);
        Assert.Equal(PlainFairValueGaps.Candidates(bars.Open, bars.High, bars.Low, bars.Close), fast);
    }

    [Property(Arbitrary = [typeof(SmcArbitraries)], MaxTest = 300)]
    public void Reference_table_equals_the_plain_implementation(RandomBars bars)
    {
        foreach (bool join in new[] { false, true })
        {
            var table = FairValueGaps.Find(bars.Open, bars.High, bars.Low, bars.Close, join, SmcMode.Reference).ToTable();
            var (fvg, top, bottom, mitigated) = PlainFairValueGaps.Table(bars.Open, bars.High, bars.Low, bars.Close, join);
            Assert.Equal(fvg, table.FVG);
            Assert.Equal(top, table.Top);
            Assert.Equal(bottom, table.Bottom);
            Assert.Equal(mitigated, table.MitigatedIndex);
        }
    }

    [Property(Arbitrary = [typeof(SmcArbitraries)], MaxTest = 300)]
    public void Causal_events_equal_the_plain_implementation(RandomBars bars)
    {
        foreach (bool join in new[] { false, true })
        {
            var fast = Events(FairValueGaps.Find(bars.Open, bars.High, bars.Low, bars.Close, join));
            var plain = PlainFairValueGaps.CausalEvents(bars.Open, bars.High, bars.Low, bars.Close, join)
                .Select(g => new Gap(g.Index, g.KnownAt, g.Direction, g.Top, g.Bottom, g.MitigatedAt)).ToList();
            Assert.Equal(plain, fast);
        }
    }

    [Property(Arbitrary = [typeof(SmcArbitraries)], MaxTest = 60)]
    public void Causal_gaps_never_repaint_on_random_series(RandomBars bars)
    {
        foreach (bool join in new[] { false, true })
            NoRepaint.Check(bars.Length, NoRepaint.AllPrefixes(bars.Length), length =>
                Facts(FairValueGaps.Find(bars.Open.AsSpan(0, length), bars.High.AsSpan(0, length),
                    bars.Low.AsSpan(0, length), bars.Close.AsSpan(0, length), join)));
    }

    [SharedTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Causal_gaps_never_repaint_on_the_dataset(bool join)
    {
        var data = SmcDataset.BtcUsd1h;
        NoRepaint.Check(data.Length, NoRepaint.SamplePrefixes(data.Length, 80, join ? 2 : 1), length =>
            Facts(FairValueGaps.Find(data.Open.AsSpan(0, length), data.High.AsSpan(0, length),
                data.Low.AsSpan(0, length), data.Close.AsSpan(0, length), join)));
    }

    [Property(Arbitrary = [typeof(SmcArbitraries)], MaxTest = 25)]
    public void Latest_active_view_never_repaints_and_matches_its_definition(RandomBars bars)
    {
        foreach (bool join in new[] { false, true })
            foreach (int direction in new[] { 1, -1 })
            {
                NoRepaint.Check(bars.Length, NoRepaint.AllPrefixes(bars.Length), length =>
                {
                    var gaps = FairValueGaps.Find(bars.Open.AsSpan(0, length), bars.High.AsSpan(0, length),
                        bars.Low.AsSpan(0, length), bars.Close.AsSpan(0, length), join);
                    var top = new double[length];
                    var bottom = new double[length];
                    gaps.WriteLatestActive(direction, top, bottom);
                    return Enumerable.Range(0, length).Select(t => (t, (top[t], bottom[t])));
                });

                var full = FairValueGaps.Find(bars.Open, bars.High, bars.Low, bars.Close, join);
                var events = Events(full);
                var tops = new double[bars.Length];
                var bottoms = new double[bars.Length];
                full.WriteLatestActive(direction, tops, bottoms);
                for (int t = 0; t < bars.Length; t++)
                {
                    var active = events.Where(g => g.Direction == direction && g.KnownAt <= t
                        && (g.MitigatedAt == FairValueGaps.NotMitigated || g.MitigatedAt > t)).ToList();
                    Assert.Equal(active.Count == 0 ? double.NaN : active[^1].Top, tops[t]);
                    Assert.Equal(active.Count == 0 ? double.NaN : active[^1].Bottom, bottoms[t]);
                }
            }
    }

    [Fact]
    public void Causal_table_places_gaps_on_their_known_bar_and_mitigations_on_theirs()
    {
        // Bar 1 is a bullish gap (high[0] = 10 < low[2] = 12), known at bar 2; bar 3 touches its Top.
        double[] open = [9, 10, 12.5, 13];
        double[] high = [10, 12, 13, 13];
        double[] low = [9, 10, 12, 11];
        double[] close = [10, 11.5, 12.8, 11.5];
        var gaps = FairValueGaps.Find(open, high, low, close);
        Assert.Equal([new Gap(1, 2, 1, 12, 10, 3)], Events(gaps));
        var table = gaps.ToTable();
        Assert.Equal([double.NaN, double.NaN, 1, double.NaN], table.FVG);
        Assert.Equal([double.NaN, double.NaN, 1, double.NaN], table.GapIndex);
        Assert.All(table.MitigatedIndex, v => Assert.True(double.IsNaN(v)));
        Assert.Equal([0, 0, 0, 1.0], table.Mitigations);

        var reference = FairValueGaps.Find(open, high, low, close, mode: SmcMode.Reference).ToTable();
        Assert.Equal([double.NaN, 1, double.NaN, double.NaN], reference.FVG);
        Assert.Equal([double.NaN, 3, double.NaN, double.NaN], reference.MitigatedIndex);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Series_shorter_than_three_bars_have_no_gaps(int length)
    {
        var prices = Enumerable.Range(0, length).Select(i => 100.0 + i).ToArray();
        foreach (var mode in new[] { SmcMode.Causal, SmcMode.Reference })
        {
            var gaps = FairValueGaps.Find(prices, prices, prices, prices, true, mode);
            Assert.Equal(0, gaps.Count);
            Assert.All(gaps.ToTable().FVG, v => Assert.True(double.IsNaN(v)));
        }
    }

    [Fact]
    public void Bad_arguments_name_the_parameter()
    {
        double[] four = [1, 2, 3, 4];
        double[] three = [1, 2, 3];
        Assert.Equal("low", Assert.Throws<ArgumentException>(() => FairValueGaps.Find(four, four, three, four)).ParamName);
        Assert.Equal("mode", Assert.Throws<ArgumentOutOfRangeException>(() => FairValueGaps.Find(four, four, four, four, false, (SmcMode)7)).ParamName);
        Assert.Equal("direction", Assert.Throws<ArgumentException>(() => FairValueGaps.DetectCandidates(four, four, four, four, new sbyte[3])).ParamName);
        var gaps = FairValueGaps.Find(four, four, four, four);
        Assert.Equal("direction", Assert.Throws<ArgumentOutOfRangeException>(() => gaps.WriteLatestActive(0, new double[4], new double[4])).ParamName);
        Assert.Equal("top", Assert.Throws<ArgumentException>(() => gaps.WriteLatestActive(1, new double[3], new double[4])).ParamName);
    }

    /// <summary>SEMANTICS.md §3 written as plain loops over per-bar columns, quadratic on purpose.</summary>
    private static class PlainFairValueGaps
    {
        public static sbyte[] Candidates(double[] o, double[] h, double[] l, double[] c)
        {
            var d = new sbyte[c.Length];
            for (int i = 1; i + 1 < c.Length; i++)
            {
                if (c[i] > o[i] && h[i - 1] < l[i + 1]) d[i] = 1;
                else if (c[i] < o[i] && l[i - 1] > h[i + 1]) d[i] = -1;
            }
            return d;
        }

        public static (double[] Fvg, double[] Top, double[] Bottom, double[] Mitigated) Table(double[] o, double[] h, double[] l, double[] c, bool join)
        {
            int n = c.Length;
            var fvg = new double[n];
            var top = new double[n];
            var bottom = new double[n];
            var mitigated = new double[n];
            Array.Fill(fvg, double.NaN); Array.Fill(top, double.NaN); Array.Fill(bottom, double.NaN); Array.Fill(mitigated, double.NaN);
            var d = Candidates(o, h, l, c);
            for (int i = 0; i < n; i++)
            {
                if (d[i] > 0) { fvg[i] = 1; top[i] = l[i + 1]; bottom[i] = h[i - 1]; }
                if (d[i] < 0) { fvg[i] = -1; top[i] = l[i - 1]; bottom[i] = h[i + 1]; }
            }
            if (join)
                for (int i = 0; i + 1 < n; i++)
                    if (!double.IsNaN(fvg[i]) && fvg[i] == fvg[i + 1])
                    {
                        top[i + 1] = Math.Max(top[i], top[i + 1]);
                        bottom[i + 1] = Math.Min(bottom[i], bottom[i + 1]);
                        fvg[i] = top[i] = bottom[i] = double.NaN;
                    }
            for (int i = 0; i < n; i++)
            {
                if (double.IsNaN(fvg[i])) continue;
                mitigated[i] = 0;
                for (int j = i + 2; j < n; j++)
                    if (fvg[i] > 0 ? l[j] <= top[i] : h[j] >= bottom[i]) { mitigated[i] = j; break; }
            }
            return (fvg, top, bottom, mitigated);
        }

        // Known at: i+1 for a single gap; for a run ending at e, e+1 when bar e+1's colour cannot continue it, else e+2.
        public static List<(int Index, int KnownAt, sbyte Direction, double Top, double Bottom, int MitigatedAt)> CausalEvents(
            double[] o, double[] h, double[] l, double[] c, bool join)
        {
            var (fvg, top, bottom, mitigated) = Table(o, h, l, c, join);
            var list = new List<(int, int, sbyte, double, double, int)>();
            for (int i = 0; i < c.Length; i++)
            {
                if (double.IsNaN(fvg[i])) continue;
                int known = i + 1;
                if (join && !(fvg[i] > 0 ? !(c[i + 1] > o[i + 1]) : !(c[i + 1] < o[i + 1]))) known = i + 2;
                if (known >= c.Length) continue;
                list.Add((i, known, (sbyte)fvg[i], top[i], bottom[i], mitigated[i] == 0 ? FairValueGaps.NotMitigated : (int)mitigated[i]));
            }
            return list;
        }
    }
}
