using FsCheck;
using FsCheck.Xunit;
using VectorBacktest.Data;
using VectorBacktest.Data.Resampling;
using VectorBacktest.Tests.Infrastructure;

namespace VectorBacktest.Tests.Data.Resampling;

public class ResamplerTests
{
    private sealed record Bucket(long Time, double Open, double High, double Low, double Close, double Volume, int Count, bool Incomplete);

    /// <summary>Scalar reference: group source bars by the target bucket of their open time, in order.</summary>
    private static List<Bucket> Reference(BarSeries s, Timeframe target)
    {
        var groups = new SortedDictionary<long, List<int>>();
        for (int i = 0; i < s.Length; i++)
        {
            long key = target.BucketStart(s.Time[i]);
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add(i);
        }
        var result = new List<Bucket>();
        long dataEnd = s.Length == 0 ? 0 : s.Time[^1] + s.Timeframe.Milliseconds;
        foreach (var (key, rows) in groups)
        {
            double high = double.MinValue, low = double.MaxValue, volume = 0;
            foreach (int r in rows)
            {
                high = Math.Max(high, s.High[r]);
                low = Math.Min(low, s.Low[r]);
                volume += s.Volume[r];
            }
            result.Add(new Bucket(key, s.Open[rows[0]], high, low, s.Close[rows[^1]], volume, rows.Count,
                dataEnd < key + target.Milliseconds));
        }
        return result;
    }

    private static readonly (long Source, long Multiple)[] Pairs =
        [(1, 1), (1, 2), (1, 5), (1, 15), (1, 60), (1, 240), (3, 5), (5, 3), (15, 4), (60, 4), (60, 24), (60, 168), (1440, 7), (240, 6)];

    [Property(MaxTest = 200)]
    public void Equals_the_grouping_reference_on_gappy_data(int seed, byte length, byte pair, bool keep)
    {
        var (sourceMinutes, multiple) = Pairs[pair % Pairs.Length];
        var source = new Timeframe(sourceMinutes);
        var target = new Timeframe(sourceMinutes * multiple);
        var bars = GappyBars.Create(seed, length * 3 % 700, source, gapChance: 0.05 + (seed & 3) * 0.1);
        var expected = Reference(bars, target);
        var policy = keep ? IncompleteBarPolicy.Keep : IncompleteBarPolicy.Drop;
        bool lastIncomplete = expected.Count > 0 && expected[^1].Incomplete;
        if (!keep && lastIncomplete) expected.RemoveAt(expected.Count - 1);

        var result = Resampler.Resample(bars, target, policy);

        var r = result.Bars;
        Assert.Equal(target, r.Timeframe);
        Assert.Equal(expected.Count, r.Length);
        for (int k = 0; k < expected.Count; k++)
        {
            var e = expected[k];
            Assert.Equal(e.Time, r.Time[k]);
            Assert.Equal(e.Open, r.Open[k]);
            Assert.Equal(e.High, r.High[k]);
            Assert.Equal(e.Low, r.Low[k]);
            Assert.Equal(e.Close, r.Close[k]);
            Assert.Equal(e.Volume, r.Volume[k]);
            Assert.Equal(e.Count, result.SourceCounts[k]);
            Assert.False(e.Incomplete && k < expected.Count - 1);
        }
        Assert.Equal(multiple, result.ExpectedSourceCount);
        Assert.Equal(keep && lastIncomplete, result.LastBarIncomplete);
        Assert.Equal(!keep && lastIncomplete, result.IncompleteBarDropped);
        // The span core (which checks the order itself) writes every bucket, the forming one included.
        var all = Reference(bars, target);
        int count = Resampler.CountBars(bars.Time, source, target);
        Assert.Equal(all.Count, count);
        var t = new long[count];
        var o = new double[count];
        var h = new double[count];
        var l = new double[count];
        var c = new double[count];
        var v = new double[count];
        var n = new int[count];
        Assert.Equal(count, Resampler.Aggregate(bars.Time, bars.Open, bars.High, bars.Low, bars.Close, bars.Volume, source, target,
            t, o, h, l, c, v, n));
        Assert.Equal(all.Select(b => b.Time), t);
        Assert.Equal(all.Select(b => b.Open), o);
        Assert.Equal(all.Select(b => b.High), h);
        Assert.Equal(all.Select(b => b.Low), l);
        Assert.Equal(all.Select(b => b.Close), c);
        Assert.Equal(all.Select(b => b.Volume), v);
        Assert.Equal(all.Select(b => b.Count), n);
    }

    [Fact]
    public void The_span_core_rejects_unsorted_times()
    {
        var d = new double[3];
        var e = Assert.Throws<ArgumentException>(() => Resampler.Aggregate([0L, 120_000L, 60_000L], d, d, d, d, d, Timeframe.M1, Timeframe.H1,
            new long[3], new double[3], new double[3], new double[3], new double[3], new double[3], new int[3]));
        Assert.Contains("strictly increasing", e.Message);
        Assert.Throws<ArgumentException>(() => Resampler.CountBars([0L, 0L], Timeframe.M1, Timeframe.H1));
    }

    [Fact]
    public void Weekly_bars_open_on_monday_utc()
    {
        // 2024-01-03 is a Wednesday; 21 days of hourly bars span four ISO weeks.
        long wednesday = DateTimeOffset.Parse("2024-01-03T00:00:00Z").ToUnixTimeMilliseconds();
        var hourly = Continuous(wednesday, 21 * 24, Timeframe.H1);
        var weekly = Resampler.Resample(hourly, Timeframe.W1, IncompleteBarPolicy.Keep);

        Assert.Equal(4, weekly.Bars.Length);
        for (int k = 0; k < weekly.Bars.Length; k++)
        {
            var open = weekly.Bars.TimeAt(k);
            Assert.Equal(DayOfWeek.Monday, open.DayOfWeek);
            Assert.Equal(TimeSpan.Zero, open.TimeOfDay);
        }
        Assert.Equal(DateTimeOffset.Parse("2024-01-01T00:00:00Z"), weekly.Bars.TimeAt(0));
        Assert.Equal([5 * 24, 168, 168, 2 * 24], weekly.SourceCounts.ToArray());
        Assert.True(weekly.LastBarIncomplete);
        // The first week starts mid-week: data is missing at its start, not its end, so it is a (leading) gap.
        Assert.Equal(3, Resampler.Resample(hourly, Timeframe.W1).Bars.Length);
    }

    [Fact]
    public void An_incomplete_last_bar_is_dropped_by_default_and_kept_flagged_on_request()
    {
        var minutes = Continuous(0, 150, Timeframe.M1); // 2.5 hours
        var dropped = Resampler.Resample(minutes, Timeframe.H1);
        var kept = Resampler.Resample(minutes, Timeframe.H1, IncompleteBarPolicy.Keep);

        Assert.Equal(2, dropped.Bars.Length);
        Assert.True(dropped.IncompleteBarDropped);
        Assert.False(dropped.LastBarIncomplete);
        Assert.Equal(3, kept.Bars.Length);
        Assert.True(kept.LastBarIncomplete);
        Assert.False(kept.IncompleteBarDropped);
        Assert.Equal(30, kept.SourceCounts[2]);
        Assert.Equal(minutes.Close[^1], kept.Bars.Close[2]);
        Assert.Equal(minutes.Open[120], kept.Bars.Open[2]);
    }

    [Fact]
    public void A_complete_last_bar_is_not_flagged_and_an_interior_gap_is_not_incompleteness()
    {
        var full = Continuous(0, 180, Timeframe.M1);
        // Remove minutes 70..99 (inside the second hour) and 150..178 (inside the last hour, but its final minute stays).
        var keep = Enumerable.Range(0, 180).Where(i => i is (< 70 or >= 100) and (< 150 or > 178)).ToArray();
        var gappy = Pick(full, keep);
        var r = Resampler.Resample(gappy, Timeframe.H1, IncompleteBarPolicy.Keep);

        Assert.Equal(3, r.Bars.Length);
        Assert.False(r.LastBarIncomplete);
        Assert.Equal([60, 30, 31], r.SourceCounts.ToArray());
    }

    [Fact]
    public void Buckets_without_source_bars_do_not_exist()
    {
        var full = Continuous(0, 600, Timeframe.M1);
        var gappy = Pick(full, Enumerable.Range(0, 600).Where(i => i < 60 || i >= 300).ToArray());
        var r = Resampler.Resample(gappy, Timeframe.H1);
        Assert.Equal([0L, 5 * 3_600_000L, 6 * 3_600_000L, 7 * 3_600_000L, 8 * 3_600_000L, 9 * 3_600_000L], r.Bars.Time.ToArray());
    }

    [Fact]
    public void A_target_that_is_not_a_multiple_of_the_source_is_rejected_by_name()
    {
        var bars = Continuous(0, 10, Timeframe.M5);
        var e = Assert.Throws<ArgumentException>(() => Resampler.Resample(bars, new Timeframe(7)));
        Assert.Equal("target", e.ParamName);
        Assert.Contains("7m", e.Message);
        Assert.Throws<ArgumentException>(() => Resampler.Resample(Continuous(0, 10, Timeframe.H1), Timeframe.M15));
    }

    [Fact]
    public void Source_bars_off_the_target_grid_are_rejected()
    {
        // Hourly bars opening at :30 cannot be cut into 4-hour bars on the 00:00 grid.
        var bars = Continuous(30 * 60_000L, 10, Timeframe.H1);
        var e = Assert.Throws<ArgumentException>(() => Resampler.Resample(bars, Timeframe.H4));
        Assert.Contains("straddles", e.Message);
    }

    [Fact]
    public void The_span_core_reports_short_destinations_and_handles_empty_input()
    {
        var bars = Continuous(0, 120, Timeframe.M1);
        var t = new long[1];
        var d = new double[1];
        var n = new int[1];
        Assert.Throws<ArgumentException>(() => Resampler.Aggregate(bars.Time, bars.Open, bars.High, bars.Low, bars.Close, bars.Volume,
            Timeframe.M1, Timeframe.H1, t, d, d, d, d, d, n));
        Assert.Equal(0, Resampler.Aggregate([], [], [], [], [], [], Timeframe.M1, Timeframe.H1, t, d, d, d, d, d, n));
        var empty = Resampler.Resample(bars.Slice(0, 0), Timeframe.H1);
        Assert.Equal(0, empty.Bars.Length);
        Assert.False(empty.LastBarIncomplete);
    }

    [SharedTheory]
    [InlineData("4h", 4)]
    [InlineData("1d", 24)]
    public void Resamples_the_real_coinbase_hourly_data(string targetText, int multiple)
    {
        var csv = CsvTable.Load(SharedFolder.File("data/btcusd_coinbase_1h.csv"));
        var hourly = BarSeries.FromArrays("BTCUSD", Timeframe.H1, csv.EpochMs("timestamp"), csv.Doubles("open"), csv.Doubles("high"),
            csv.Doubles("low"), csv.Doubles("close"), csv.Doubles("volume"));
        var target = Timeframe.Parse(targetText);
        var r = Resampler.Resample(hourly, target);
        var expected = Reference(hourly, target);
        if (expected[^1].Incomplete) expected.RemoveAt(expected.Count - 1);

        Assert.Equal(expected.Count, r.Bars.Length);
        Assert.True(r.Bars.Length > 20_111 / multiple - 2);
        for (int k = 0; k < expected.Count; k++)
        {
            Assert.Equal(expected[k].Time, r.Bars.Time[k]);
            Assert.Equal(0, r.Bars.Time[k] % target.Milliseconds);
            Assert.Equal(expected[k].Open, r.Bars.Open[k]);
            Assert.Equal(expected[k].High, r.Bars.High[k]);
            Assert.Equal(expected[k].Low, r.Bars.Low[k]);
            Assert.Equal(expected[k].Close, r.Bars.Close[k]);
            Assert.Equal(expected[k].Volume, r.Bars.Volume[k]);
        }
        // The file has no gaps and starts at 11:00 UTC, so only the first bar holds fewer hours.
        Assert.True(r.SourceCounts[0] < multiple);
        for (int k = 1; k < r.Bars.Length; k++) Assert.Equal(multiple, r.SourceCounts[k]);
        // A known day: 2017-07-02 UTC.
        if (multiple == 24)
        {
            int day = r.Bars.Time.IndexOf(DateTimeOffset.Parse("2017-07-02T00:00:00Z").ToUnixTimeMilliseconds());
            int first = Array.IndexOf(csv.Text("timestamp"), "2017-07-02T00:00:00Z");
            Assert.Equal(hourly.Open[first], r.Bars.Open[day]);
            Assert.Equal(hourly.Close[first + 23], r.Bars.Close[day]);
        }
    }

    internal static BarSeries Continuous(long start, int count, Timeframe tf)
    {
        var time = new long[count];
        var o = new double[count];
        var h = new double[count];
        var l = new double[count];
        var c = new double[count];
        var v = new double[count];
        for (int i = 0; i < count; i++)
        {
            time[i] = start + i * tf.Milliseconds;
            o[i] = 100 + i;
            c[i] = 100.5 + i;
            h[i] = 101 + i + (i % 7);
            l[i] = 99 + i - (i % 5);
            v[i] = i % 3;
        }
        return BarSeries.FromArrays("X", tf, time, o, h, l, c, v);
    }

    private static BarSeries Pick(BarSeries s, int[] rows) => BarSeries.FromArrays(s.Symbol, s.Timeframe,
        rows.Select(r => s.Time[r]).ToArray(), rows.Select(r => s.Open[r]).ToArray(), rows.Select(r => s.High[r]).ToArray(),
        rows.Select(r => s.Low[r]).ToArray(), rows.Select(r => s.Close[r]).ToArray(), rows.Select(r => s.Volume[r]).ToArray());
}
