using FsCheck.Xunit;
using VectorBacktest.Indicators.Smc;
using VectorBacktest.Tests.Infrastructure;

namespace VectorBacktest.Tests.Indicators.Smc;

public class OrderBlocksTests
{
    private readonly record struct Block(sbyte Direction, int Index, int KnownAt, double Top, double Bottom, double Volume,
        double Percentage, int MitigatedAt, int InvalidatedAt);

    private readonly record struct Fact(string Kind, sbyte Direction, int Index, double Top, double Bottom, double Volume, double Percentage);

    private static List<Block> Events(OrderBlocks blocks)
    {
        var list = new List<Block>(blocks.Count);
        for (int k = 0; k < blocks.Count; k++)
            list.Add(new Block(blocks.Direction[k], blocks.Index[k], blocks.KnownAt[k], blocks.Top[k], blocks.Bottom[k],
                blocks.OBVolume[k], blocks.Percentage[k], blocks.MitigatedAt[k], blocks.InvalidatedAt[k]));
        return list;
    }

    private static IEnumerable<(int KnownAt, Fact Value)> Facts(OrderBlocks blocks)
    {
        var facts = new List<(int, Fact)>();
        foreach (var b in Events(blocks))
        {
            facts.Add((b.KnownAt, new Fact("block", b.Direction, b.Index, b.Top, b.Bottom, b.Volume, b.Percentage)));
            if (b.MitigatedAt >= 0) facts.Add((b.MitigatedAt, new Fact("mitigated", b.Direction, b.Index, 0, 0, 0, 0)));
            if (b.InvalidatedAt >= 0) facts.Add((b.InvalidatedAt, new Fact("invalidated", b.Direction, b.Index, 0, 0, 0, 0)));
        }
        return facts.OrderBy(f => f.Item1).ThenBy(f => f.Item2.Kind).ThenBy(f => f.Item2.Direction).ThenBy(f => f.Item2.Index);
    }

    // Coarse volumes with zeros so that the 0/0 percentage rule and float32 rounding both occur.
    private static double[] Volumes(RandomBars bars)
    {
        var random = new Random(bars.Seed ^ 0x5A5A);
        var v = new double[bars.Length];
        for (int i = 0; i < v.Length; i++) v[i] = random.Next(0, 4) == 0 ? 0 : random.Next(1, 100000) * 0.013;
        return v;
    }

    private static OrderBlocks Find(RandomBars bars, double[] volume, int length, bool closeMitigation, SmcMode mode)
    {
        var swings = Swings.Find(bars.High.AsSpan(0, length), bars.Low.AsSpan(0, length), bars.SwingLength, mode);
        return OrderBlocks.Find(bars.Open.AsSpan(0, length), bars.High.AsSpan(0, length), bars.Low.AsSpan(0, length),
            bars.Close.AsSpan(0, length), volume.AsSpan(0, length), swings, closeMitigation);
    }

    [SharedTheory]
    [InlineData(10, false)]
    [InlineData(10, true)]
    [InlineData(50, false)]
    [InlineData(50, true)]
    public void Reference_mode_reproduces_the_golden_table(int swingLength, bool closeMitigation)
    {
        var data = SmcDataset.BtcUsd1h;
        var golden = SmcDataset.Golden("ob", $"swing_length={swingLength}_close_mitigation={(closeMitigation ? "True" : "False")}");
        var swings = Swings.Find(data.High, data.Low, swingLength, SmcMode.Reference);
        var table = OrderBlocks.Find(data.Open, data.High, data.Low, data.Close, data.Volume, swings, closeMitigation).ToTable();

        Assert.Equal(data.Length, golden.Count);
        GoldenAssert.ColumnEqual(golden.Doubles("OB"), table.OB, "OB");
        GoldenAssert.Float32ColumnEqual(golden.Doubles("Top"), table.Top, "Top");
        GoldenAssert.Float32ColumnEqual(golden.Doubles("Bottom"), table.Bottom, "Bottom");
        GoldenAssert.Float32ColumnEqual(golden.Doubles("OBVolume"), table.OBVolume, "OBVolume");
        GoldenAssert.ColumnEqual(golden.Doubles("MitigatedIndex"), table.MitigatedIndex, "MitigatedIndex");
        GoldenAssert.Float32ColumnEqual(golden.Doubles("Percentage"), table.Percentage, "Percentage");
    }

    [Property(Arbitrary = [typeof(SmcArbitraries)], MaxTest = 300)]
    public void Reference_table_equals_the_plain_implementation(RandomBars bars)
    {
        var volume = Volumes(bars);
        var swings = Swings.Find(bars.High, bars.Low, bars.SwingLength, SmcMode.Reference);
        foreach (bool closeMitigation in new[] { false, true })
        {
            var table = OrderBlocks.Find(bars.Open, bars.High, bars.Low, bars.Close, volume, swings, closeMitigation).ToTable();
            var plain = PlainOrderBlocks.ReferenceTable(bars.Open, bars.High, bars.Low, bars.Close, volume, swings, closeMitigation);
            Assert.Equal(plain[0], table.OB);
            Assert.Equal(plain[1], table.Top);
            Assert.Equal(plain[2], table.Bottom);
            Assert.Equal(plain[3], table.OBVolume);
            Assert.Equal(plain[4], table.MitigatedIndex);
            Assert.Equal(plain[5], table.Percentage);
        }
    }

    // Tick-grid bars with a wide spike on about one bar in six, so that one candle is often both the lowest low
    // after a swing high and the highest high after a swing low (the reference's shared-array collision).
    private static (double[] O, double[] H, double[] L, double[] C, double[] V, int SwingLength) SpikyBars(int seed)
    {
        var random = new Random(seed);
        int length = random.Next(0, 300), n = random.Next(1, 9);
        var o = new double[length]; var h = new double[length]; var l = new double[length]; var c = new double[length]; var v = new double[length];
        long tick = 0;
        for (int i = 0; i < length; i++)
        {
            long open = tick, close = open + random.Next(-3, 4);
            int spike = random.Next(0, 6) == 0 ? 12 : 0;
            long high = Math.Max(open, close) + random.Next(0, 3) + spike, low = Math.Min(open, close) - random.Next(0, 3) - spike;
            o[i] = 20000.37 + open * 0.01; h[i] = 20000.37 + high * 0.01; l[i] = 20000.37 + low * 0.01; c[i] = 20000.37 + close * 0.01;
            v[i] = random.Next(0, 5);
            tick = close;
        }
        return (o, h, l, c, v, n);
    }

    private static void AssertReferenceEqualsPlain(double[] o, double[] h, double[] l, double[] c, double[] v, int swingLength)
    {
        var swings = Swings.Find(h, l, swingLength, SmcMode.Reference);
        foreach (bool closeMitigation in new[] { false, true })
        {
            var table = OrderBlocks.Find(o, h, l, c, v, swings, closeMitigation).ToTable();
            var plain = PlainOrderBlocks.ReferenceTable(o, h, l, c, v, swings, closeMitigation);
            Assert.Equal(plain[0], table.OB);
            Assert.Equal(plain[1], table.Top);
            Assert.Equal(plain[2], table.Bottom);
            Assert.Equal(plain[3], table.OBVolume);
            Assert.Equal(plain[4], table.MitigatedIndex);
            Assert.Equal(plain[5], table.Percentage);
        }
    }

    [Property(MaxTest = 300)]
    public void Reference_table_equals_the_plain_implementation_on_spiky_bars(int seed)
    {
        var (o, h, l, c, v, n) = SpikyBars(seed);
        AssertReferenceEqualsPlain(o, h, l, c, v, n);
    }

    // Seeds whose bearish pass picks a candle the bullish pass mitigated: the bearish block inherits the flag.
    [Theory]
    [InlineData(6)]
    [InlineData(9018)]
    [InlineData(9084)]
    public void Reference_collision_of_the_two_passes_is_reproduced(int seed)
    {
        var (o, h, l, c, v, n) = SpikyBars(seed);
        var blocks = Events(OrderBlocks.Find(o, h, l, c, v, Swings.Find(h, l, n, SmcMode.Reference)));
        Assert.Contains(blocks, b => b.Direction < 0 && blocks.Any(u => u.Direction > 0 && u.Index == b.Index && u.MitigatedAt >= 0));
        AssertReferenceEqualsPlain(o, h, l, c, v, n);
    }

    [Property(Arbitrary = [typeof(SmcArbitraries)], MaxTest = 300)]
    public void Causal_events_equal_the_plain_implementation(RandomBars bars)
    {
        var volume = Volumes(bars);
        var swings = Swings.Find(bars.High, bars.Low, bars.SwingLength);
        foreach (bool closeMitigation in new[] { false, true })
        {
            var fast = Events(OrderBlocks.Find(bars.Open, bars.High, bars.Low, bars.Close, volume, swings, closeMitigation));
            var plain = PlainOrderBlocks.CausalEvents(bars.Open, bars.High, bars.Low, bars.Close, volume, swings, closeMitigation)
                .Select(b => new Block(b.Direction, b.Index, b.KnownAt, b.Top, b.Bottom, b.Volume, b.Percentage, b.MitigatedAt, b.InvalidatedAt))
                .ToList();
            Assert.Equal(plain, fast);
        }
    }

    [Property(Arbitrary = [typeof(SmcArbitraries)], MaxTest = 60)]
    public void Causal_blocks_never_repaint_on_random_series(RandomBars bars)
    {
        var volume = Volumes(bars);
        foreach (bool closeMitigation in new[] { false, true })
            NoRepaint.Check(bars.Length, NoRepaint.AllPrefixes(bars.Length),
                length => Facts(Find(bars, volume, length, closeMitigation, SmcMode.Causal)));
    }

    [SharedTheory]
    [InlineData(10)]
    [InlineData(50)]
    public void Causal_blocks_never_repaint_on_the_dataset(int swingLength)
    {
        var data = SmcDataset.BtcUsd1h;
        NoRepaint.Check(data.Length, NoRepaint.SamplePrefixes(data.Length, 60, swingLength), length =>
        {
            var swings = Swings.Find(data.High.AsSpan(0, length), data.Low.AsSpan(0, length), swingLength);
            return Facts(OrderBlocks.Find(data.Open.AsSpan(0, length), data.High.AsSpan(0, length), data.Low.AsSpan(0, length),
                data.Close.AsSpan(0, length), data.Volume.AsSpan(0, length), swings));
        });
    }

    [Property(Arbitrary = [typeof(SmcArbitraries)], MaxTest = 25)]
    public void Latest_active_view_never_repaints_and_matches_its_definition(RandomBars bars)
    {
        var volume = Volumes(bars);
        foreach (int direction in new[] { 1, -1 })
        {
            NoRepaint.Check(bars.Length, NoRepaint.AllPrefixes(bars.Length), length =>
            {
                var top = new double[length];
                var bottom = new double[length];
                Find(bars, volume, length, false, SmcMode.Causal).WriteLatestActive(direction, top, bottom);
                return Enumerable.Range(0, length).Select(t => (t, (top[t], bottom[t])));
            });

            var full = Find(bars, volume, bars.Length, false, SmcMode.Causal);
            var events = Events(full);
            var tops = new double[bars.Length];
            var bottoms = new double[bars.Length];
            full.WriteLatestActive(direction, tops, bottoms);
            for (int t = 0; t < bars.Length; t++)
            {
                var active = events.Where(b => b.Direction == direction && b.KnownAt <= t && (b.MitigatedAt < 0 || b.MitigatedAt > t)).ToList();
                Assert.Equal(active.Count == 0 ? double.NaN : active[^1].Top, tops[t]);
                Assert.Equal(active.Count == 0 ? double.NaN : active[^1].Bottom, bottoms[t]);
            }
        }
    }

    [SharedFact]
    public void Causal_blocks_are_known_at_their_break_bar_after_their_candle_and_tabled_there()
    {
        var data = SmcDataset.BtcUsd1h;
        var swings = Swings.Find(data.High, data.Low, 10);
        var blocks = Events(OrderBlocks.Find(data.Open, data.High, data.Low, data.Close, data.Volume, swings));
        Assert.True(blocks.Count > 100);
        Assert.All(blocks, b =>
        {
            Assert.True(b.Index < b.KnownAt);
            Assert.True(b.MitigatedAt < 0 || b.MitigatedAt > b.KnownAt);
            Assert.True(b.InvalidatedAt < 0 || b.InvalidatedAt > b.MitigatedAt);
            Assert.True(b.Top >= b.Bottom);
        });

        var table = OrderBlocks.Find(data.Open, data.High, data.Low, data.Close, data.Volume, swings).ToTable();
        Assert.Equal(blocks.Count, table.OB.Count(v => !double.IsNaN(v)));
        foreach (var b in blocks)
        {
            Assert.Equal(b.Direction, table.OB[b.KnownAt]);
            Assert.Equal(b.Index, table.BlockIndex[b.KnownAt]);
            Assert.Equal(b.Top, table.Top[b.KnownAt]);
        }
        Assert.All(table.MitigatedIndex, v => Assert.True(double.IsNaN(v)));
        Assert.Equal(blocks.Count(b => b.MitigatedAt >= 0), table.Mitigations.Sum());
        Assert.Equal(blocks.Count(b => b.InvalidatedAt >= 0), table.Invalidations.Sum());
    }

    [Fact]
    public void Short_series_and_bad_arguments()
    {
        double[] four = [1, 2, 3, 4];
        double[] three = [1, 2, 3];
        var swings = Swings.Find(four, four, 1);
        Assert.Equal(0, OrderBlocks.Find(four, four, four, four, four, swings).Count);
        Assert.Equal(0, OrderBlocks.Find([], [], [], [], [], Swings.Find([], [], 3)).Count);
        Assert.Equal("volume", Assert.Throws<ArgumentException>(() => OrderBlocks.Find(four, four, four, four, three, swings)).ParamName);
        Assert.Equal("swings", Assert.Throws<ArgumentException>(() => OrderBlocks.Find(three, three, three, three, three, swings)).ParamName);
        Assert.Equal("swings", Assert.Throws<ArgumentNullException>(() => OrderBlocks.Find(four, four, four, four, four, null!)).ParamName);
        var series = VectorBacktest.Data.BarSeries.FromArrays("X", null, [0L, 60_000, 120_000, 180_000], four, four, four, four, four);
        Assert.Equal("swingLength", Assert.Throws<ArgumentOutOfRangeException>(() => OrderBlocks.Find(series, 0)).ParamName);
        Assert.Equal("direction", Assert.Throws<ArgumentOutOfRangeException>(() =>
            OrderBlocks.Find(four, four, four, four, four, swings).WriteLatestActive(2, new double[4], new double[4])).ParamName);
    }

    /// <summary>SEMANTICS.md §5 as plain loops: active lists scanned every bar, quadratic on purpose.</summary>
    private static class PlainOrderBlocks
    {
        private sealed class Rows(int n)
        {
            public readonly double[] Ob = new double[n], Top = new double[n], Bottom = new double[n], Vol = new double[n], Pct = new double[n], Mit = new double[n];
            public readonly bool[] Flag = new bool[n];
        }

        // The reference: two passes writing into the same per-bar arrays.
        public static double[][] ReferenceTable(double[] o, double[] h, double[] l, double[] c, double[] v, Swings swings, bool closeMitigation)
        {
            int n = c.Length;
            var rows = new Rows(n);
            foreach (sbyte side in new sbyte[] { 1, -1 })
            {
                var used = new bool[swings.Count];
                var active = new List<int>();
                for (int i = 0; i < n; i++)
                {
                    foreach (int x in active.ToList())
                    {
                        double top = (float)rows.Top[x], bottom = (float)rows.Bottom[x];
                        if (rows.Flag[x])
                        {
                            if (side > 0 ? h[i] > top : l[i] < bottom)
                            {
                                rows.Ob[x] = rows.Top[x] = rows.Bottom[x] = rows.Vol[x] = rows.Pct[x] = rows.Mit[x] = 0;
                                active.Remove(x);
                            }
                        }
                        else if (side > 0
                            ? (closeMitigation ? Math.Min(o[i], c[i]) : l[i]) < bottom
                            : (closeMitigation ? Math.Max(o[i], c[i]) : h[i]) > top)
                        {
                            rows.Flag[x] = true;
                            rows.Mit[x] = side > 0 ? i - 1 : i;
                        }
                    }
                    int s = -1;
                    for (int k = 0; k < swings.Count; k++)
                        if (swings.HighLow[k] == side && swings.Index[k] < i) s = k;
                    if (s < 0 || used[s] || !(side > 0 ? c[i] > h[swings.Index[s]] : c[i] < l[swings.Index[s]])) continue;
                    used[s] = true;
                    Create(rows, o, h, l, c, v, side, swings.Index[s], i, out int created);
                    active.Add(created);
                }
            }
            var result = new[] { rows.Ob, rows.Top, rows.Bottom, rows.Vol, rows.Mit, rows.Pct };
            for (int x = 0; x < n; x++)
                if (rows.Ob[x] == 0)
                    foreach (var column in result) column[x] = double.NaN;
            return result;
        }

        private static void Create(Rows rows, double[] o, double[] h, double[] l, double[] c, double[] v, sbyte side, int s, int i, out int x)
        {
            double top, bottom;
            if (i - s >= 2)
            {
                x = s + 1;
                for (int j = s + 1; j < i; j++)
                    if (side > 0 ? l[j] <= l[x] : h[j] >= h[x]) x = j;
                top = h[x]; bottom = l[x];
            }
            else
            {
                x = s;
                (top, bottom) = side > 0 ? (l[x], h[x]) : (h[x], l[x]);
            }
            double v0 = v[i], v1 = i >= 1 ? v[i - 1] : 0, v2 = i >= 2 ? v[i - 2] : 0;
            float a = (float)(v0 + v1), b = (float)v2;
            rows.Ob[x] = side;
            rows.Top[x] = (float)top;
            rows.Bottom[x] = (float)bottom;
            rows.Vol[x] = (float)(v0 + v1 + v2);
            rows.Pct[x] = a == 0 && b == 0 ? 100f : (float)(Math.Min(a, b) / Math.Max(a, b)) * 100f;
        }

        // Causal: each side on its own, swings available from KnownAt, events with the true mitigation bar.
        public static List<(sbyte Direction, int Index, int KnownAt, double Top, double Bottom, double Volume, double Percentage, int MitigatedAt, int InvalidatedAt)> CausalEvents(
            double[] o, double[] h, double[] l, double[] c, double[] v, Swings swings, bool closeMitigation)
        {
            int n = c.Length;
            var all = new List<(sbyte, int, int, double, double, double, double, int, int)>();
            foreach (sbyte side in new sbyte[] { 1, -1 })
            {
                var events = new List<(sbyte D, int X, int K, double T, double B, double V, double P, int M, int I)>();
                var used = new bool[swings.Count];
                for (int i = 0; i < n; i++)
                {
                    for (int e = 0; e < events.Count; e++)
                    {
                        var b = events[e];
                        if (b.I >= 0) continue;
                        if (b.M >= 0) { if (side > 0 ? h[i] > b.T : l[i] < b.B) events[e] = b with { I = i }; }
                        else if (side > 0
                            ? (closeMitigation ? Math.Min(o[i], c[i]) : l[i]) < b.B
                            : (closeMitigation ? Math.Max(o[i], c[i]) : h[i]) > b.T)
                            events[e] = b with { M = i };
                    }
                    int s = -1;
                    for (int k = 0; k < swings.Count; k++)
                        if (swings.HighLow[k] == side && swings.KnownAt[k] <= i) s = k;
                    if (s < 0 || used[s] || !(side > 0 ? c[i] > h[swings.Index[s]] : c[i] < l[swings.Index[s]])) continue;
                    used[s] = true;
                    var rows = new Rows(n);
                    Create(rows, o, h, l, c, v, side, swings.Index[s], i, out int x);
                    events.Add((side, x, i, rows.Top[x], rows.Bottom[x], rows.Vol[x], rows.Pct[x], -1, -1));
                }
                all.AddRange(events.Select(e => (e.D, e.X, e.K, e.T, e.B, e.V, e.P, e.M, e.I)));
            }
            return all.OrderBy(e => e.Item3).ThenBy(e => -e.Item1).ToList();
        }
    }
}
