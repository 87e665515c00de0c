using FsCheck.Xunit;
using VectorBacktest.Indicators.Smc;
using VectorBacktest.Tests.Infrastructure;

namespace VectorBacktest.Tests.Indicators.Smc;

public class LiquidityTests
{
    private readonly record struct Version(sbyte Direction, int Index, int KnownAt, double Level, int End, int Members, int SweptAt);

    private readonly record struct Fact(string Kind, sbyte Direction, int Index, double Level, int End, int Members);

    private static List<Version> Events(Liquidity liquidity)
    {
        var list = new List<Version>(liquidity.Count);
        for (int k = 0; k < liquidity.Count; k++)
            list.Add(new Version(liquidity.Direction[k], liquidity.Index[k], liquidity.KnownAt[k], liquidity.Level[k],
                liquidity.End[k], liquidity.Members[k], liquidity.SweptAt[k]));
        return list;
    }

    private static IEnumerable<(int KnownAt, Fact Value)> Facts(Liquidity liquidity)
    {
        var facts = new List<(int, Fact)>();
        var swept = new HashSet<(sbyte, int)>();
        foreach (var v in Events(liquidity))
        {
            facts.Add((v.KnownAt, new Fact("version", v.Direction, v.Index, v.Level, v.End, v.Members)));
            if (v.SweptAt >= 0 && swept.Add((v.Direction, v.Index))) facts.Add((v.SweptAt, new Fact("swept", v.Direction, v.Index, 0, 0, 0)));
        }
        return facts.OrderBy(f => f.Item1).ThenBy(f => f.Item2.Kind).ThenBy(f => f.Item2.Direction).ThenBy(f => f.Item2.Index);
    }

    private static Liquidity Find(RandomBars bars, int length, double rangePercent, SmcMode mode) =>
        Liquidity.Find(bars.High.AsSpan(0, length), bars.Low.AsSpan(0, length),
            Swings.Find(bars.High.AsSpan(0, length), bars.Low.AsSpan(0, length), bars.SwingLength, mode), rangePercent);

    [SharedTheory]
    [InlineData(10)]
    [InlineData(50)]
    public void Reference_mode_reproduces_the_golden_table(int swingLength)
    {
        var data = SmcDataset.BtcUsd1h;
        var golden = SmcDataset.Golden("liquidity", $"swing_length={swingLength}_range_percent=0.01");
        var swings = Swings.Find(data.High, data.Low, swingLength, SmcMode.Reference);
        var table = Liquidity.Find(data.High, data.Low, swings, 0.01).ToTable();

        Assert.Equal(data.Length, golden.Count);
        GoldenAssert.Float32ColumnEqual(golden.Doubles("Liquidity"), table.Liquidity, "Liquidity");
        GoldenAssert.Float32ColumnEqual(golden.Doubles("Level"), table.Level, "Level");
        GoldenAssert.Float32ColumnEqual(golden.Doubles("End"), table.End, "End");
        GoldenAssert.Float32ColumnEqual(golden.Doubles("Swept"), table.Swept, "Swept");
    }

    // Coarse tick prices make equal levels common; 0.002 of the range is a few ticks wide.
    [Property(Arbitrary = [typeof(SmcArbitraries)], MaxTest = 300)]
    public void Reference_table_equals_the_plain_implementation(RandomBars bars)
    {
        var swings = Swings.Find(bars.High, bars.Low, bars.SwingLength, SmcMode.Reference);
        foreach (double rangePercent in new[] { 0.0, 0.002, 0.01, 0.05 })
        {
            var table = Liquidity.Find(bars.High, bars.Low, swings, rangePercent).ToTable();
            var plain = PlainLiquidity.ReferenceTable(bars.High, bars.Low, swings, rangePercent);
            Assert.Equal(plain[0], table.Liquidity);
            Assert.Equal(plain[1], table.Level);
            Assert.Equal(plain[2], table.End);
            Assert.Equal(plain[3], table.Swept);
        }
    }

    [Property(Arbitrary = [typeof(SmcArbitraries)], MaxTest = 300)]
    public void Causal_versions_equal_the_plain_implementation(RandomBars bars)
    {
        var swings = Swings.Find(bars.High, bars.Low, bars.SwingLength);
        foreach (double rangePercent in new[] { 0.0, 0.002, 0.01, 0.05 })
        {
            var fast = Events(Liquidity.Find(bars.High, bars.Low, swings, rangePercent));
            var plain = PlainLiquidity.CausalVersions(bars.High, bars.Low, swings, rangePercent)
                .Select(v => new Version(v.Direction, v.Index, v.KnownAt, v.Level, v.End, v.Members, v.SweptAt)).ToList();
            Assert.Equal(plain, fast);
        }
    }

    [Property(Arbitrary = [typeof(SmcArbitraries)], MaxTest = 60)]
    public void Causal_liquidity_never_repaints_on_random_series(RandomBars bars)
    {
        foreach (double rangePercent in new[] { 0.002, 0.02 })
            NoRepaint.Check(bars.Length, NoRepaint.AllPrefixes(bars.Length),
                length => Facts(Find(bars, length, rangePercent, SmcMode.Causal)));
    }

    [SharedTheory]
    [InlineData(10)]
    [InlineData(50)]
    public void Causal_liquidity_never_repaints_on_the_dataset(int swingLength)
    {
        var data = SmcDataset.BtcUsd1h;
        NoRepaint.Check(data.Length, NoRepaint.SamplePrefixes(data.Length, 60, swingLength), length =>
        {
            var swings = Swings.Find(data.High.AsSpan(0, length), data.Low.AsSpan(0, length), swingLength);
            return Facts(Liquidity.Find(data.High.AsSpan(0, length), data.Low.AsSpan(0, length), swings, 0.01));
        });
    }

    [Property(Arbitrary = [typeof(SmcArbitraries)], MaxTest = 25)]
    public void Latest_active_view_never_repaints_and_matches_its_definition(RandomBars bars)
    {
        foreach (int direction in new[] { 1, -1 })
        {
            NoRepaint.Check(bars.Length, NoRepaint.AllPrefixes(bars.Length), length =>
            {
                var level = new double[length];
                Find(bars, length, 0.01, SmcMode.Causal).WriteLatestActive(direction, level);
                return Enumerable.Range(0, length).Select(t => (t, level[t]));
            });

            var full = Find(bars, bars.Length, 0.01, SmcMode.Causal);
            var versions = Events(full);
            var levels = new double[bars.Length];
            full.WriteLatestActive(direction, levels);
            for (int t = 0; t < bars.Length; t++)
            {
                var open = versions.Where(v => v.Direction == direction && v.KnownAt <= t && (v.SweptAt < 0 || v.SweptAt > t)).ToList();
                Assert.Equal(open.Count == 0 ? double.NaN : open[^1].Level, levels[t]);
            }
        }
    }

    [SharedFact]
    public void Causal_table_places_versions_on_their_known_bar_and_sweeps_on_theirs()
    {
        var data = SmcDataset.BtcUsd1h;
        var liquidity = Liquidity.Find(data.High, data.Low, Swings.Find(data.High, data.Low, 10), 0.01);
        Assert.True(liquidity.Count > 50);
        var table = liquidity.ToTable();
        for (int k = 0; k < liquidity.Count; k++)
        {
            Assert.Equal(liquidity.Level[k], table.Level[liquidity.KnownAt[k]]);
            Assert.True(liquidity.End[k] < liquidity.KnownAt[k]);
            Assert.True(liquidity.SweptAt[k] < 0 || liquidity.SweptAt[k] > liquidity.KnownAt[k]);
        }
        Assert.All(table.Swept, v => Assert.True(double.IsNaN(v)));
        var sweptGroups = Events(liquidity).Where(v => v.SweptAt >= 0).Select(v => (v.Direction, v.Index)).Distinct().Count();
        Assert.True(sweptGroups > 0);
        Assert.Equal(sweptGroups, table.Sweeps.Sum());
    }

    [Fact]
    public void Short_series_and_bad_arguments()
    {
        double[] four = [1, 2, 3, 4];
        double[] three = [1, 2, 3];
        var swings = Swings.Find(four, four, 1);
        Assert.Equal(0, Liquidity.Find(four, four, swings).Count);
        Assert.Equal(0, Liquidity.Find([], [], Swings.Find([], [], 2, SmcMode.Reference)).Count);
        foreach (double bad in new[] { -0.01, double.NaN, double.PositiveInfinity })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => Liquidity.Find(four, four, swings, bad));
            Assert.Equal("rangePercent", e.ParamName);
            Assert.Contains("at least 0", e.Message);
        }
        Assert.Equal("low", Assert.Throws<ArgumentException>(() => Liquidity.Find(four, three, swings)).ParamName);
        Assert.Equal("swings", Assert.Throws<ArgumentException>(() => Liquidity.Find(three, three, swings)).ParamName);
        var series = VectorBacktest.Data.BarSeries.FromArrays("X", null, [0L, 60_000, 120_000, 180_000], four, four, four, four, four);
        Assert.Equal("swingLength", Assert.Throws<ArgumentOutOfRangeException>(() => Liquidity.Find(series, 0)).ParamName);
        Assert.Equal("rangePercent", Assert.Throws<ArgumentOutOfRangeException>(() => Liquidity.Find(series, 2, -1)).ParamName);
    }

    /// <summary>SEMANTICS.md §6 as plain nested loops, quadratic on purpose.</summary>
    private static class PlainLiquidity
    {
        public static double[][] ReferenceTable(double[] h, double[] l, Swings swings, double rangePercent)
        {
            int n = h.Length;
            var result = new double[4][];
            for (int c = 0; c < 4; c++) { result[c] = new double[n]; Array.Fill(result[c], double.NaN); }
            if (n == 0) return result;
            double w = (h.Max() - l.Min()) * rangePercent;
            var absorbed = new bool[swings.Count];
            foreach (sbyte side in new sbyte[] { 1, -1 })
                for (int a = 0; a < swings.Count; a++)
                {
                    if (swings.HighLow[a] != side || absorbed[a]) continue;
                    int i = swings.Index[a];
                    double anchor = swings.Level[a];
                    int sweep = 0;
                    for (int j = i + 1; j < n; j++)
                        if (side > 0 ? h[j] >= anchor + w : l[j] <= anchor - w) { sweep = j; break; }
                    double sum = anchor;
                    int count = 1, end = -1;
                    for (int b = a + 1; b < swings.Count; b++)
                    {
                        if (swings.HighLow[b] != side) continue;
                        if (sweep != 0 && swings.Index[b] >= sweep) break;
                        if (absorbed[b]) continue;
                        double level = swings.Level[b];
                        if (anchor - w <= level && level <= anchor + w)
                        {
                            absorbed[b] = true;
                            sum += level;
                            count++;
                            end = swings.Index[b];
                        }
                    }
                    if (end < 0) continue;
                    result[0][i] = side;
                    result[1][i] = (float)(sum / count);
                    result[2][i] = end;
                    result[3][i] = sweep;
                }
            return result;
        }

        private sealed class Group
        {
            public int Anchor, Swept = -1;
            public double Level, Sum;
            public int Members = 1;
        }

        public static List<(sbyte Direction, int Index, int KnownAt, double Level, int End, int Members, int SweptAt)> CausalVersions(
            double[] h, double[] l, Swings swings, double rangePercent)
        {
            int n = h.Length;
            var versions = new List<(sbyte, int, int, double, int, int, Group)>();
            foreach (sbyte side in new sbyte[] { 1, -1 })
            {
                var open = new List<Group>();
                double highest = double.NegativeInfinity, lowest = double.PositiveInfinity;
                for (int t = 0; t < n; t++)
                {
                    highest = Math.Max(highest, h[t]);
                    lowest = Math.Min(lowest, l[t]);
                    double w = (highest - lowest) * rangePercent;
                    foreach (var g in open.ToList())
                        if (side > 0 ? h[t] >= g.Level + w : l[t] <= g.Level - w) { g.Swept = t; open.Remove(g); }
                    for (int s = 0; s < swings.Count; s++)
                    {
                        if (swings.KnownAt[s] != t || swings.HighLow[s] != side) continue;
                        double level = swings.Level[s];
                        int j = swings.Index[s];
                        var joined = open.FirstOrDefault(g => g.Level - w <= level && level <= g.Level + w);
                        if (joined is not null)
                        {
                            joined.Sum += level;
                            joined.Members++;
                            versions.Add((side, joined.Anchor, t, (float)(joined.Sum / joined.Members), j, joined.Members, joined));
                            continue;
                        }
                        bool sweptAlready = false;
                        for (int k = j + 1; k <= t; k++)
                            if (side > 0 ? h[k] >= level + w : l[k] <= level - w) sweptAlready = true;
                        if (!sweptAlready) open.Add(new Group { Anchor = j, Level = level, Sum = level });
                    }
                }
            }
            return versions.OrderBy(v => v.Item3).ThenBy(v => -v.Item1)
                .Select(v => (v.Item1, v.Item2, v.Item3, v.Item4, v.Item5, v.Item6, v.Item7.Swept)).ToList();
        }
    }
}
