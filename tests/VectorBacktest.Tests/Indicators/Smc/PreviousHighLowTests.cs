using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using VectorBacktest.Data;
using VectorBacktest.Indicators.Smc;
using VectorBacktest.Tests.Infrastructure;

namespace VectorBacktest.Tests.Indicators.Smc;

public sealed class PreviousHighLowTests
{
    private static readonly string[] TimeFrames = ["15m", "1h", "4h", "5h", "1D", "2D", "1W"];

    [SharedTheory]
    [InlineData("4h")]
    [InlineData("1D")]
    [InlineData("1W")]
    public void Reference_mode_reproduces_the_golden_table(string timeFrame)
    {
        var bars = SmcTimeTestData.BtcUsdHourly;
        var golden = CsvTable.Load(SharedFolder.File($"reference/smc/btcusd_coinbase_1h__previous_high_low__time_frame={timeFrame}.csv"));
        var result = PreviousHighLow.Compute(bars, timeFrame, SmcMode.Reference);

        Assert.Equal(golden.Count, result.Length);
        SmcTimeTestData.AssertFloat32Column(golden.Text("PreviousHigh"), result.PreviousHigh, "PreviousHigh");
        SmcTimeTestData.AssertFloat32Column(golden.Text("PreviousLow"), result.PreviousLow, "PreviousLow");
        SmcTimeTestData.AssertIntColumn(golden.Text("BrokenHigh"), result.BrokenHigh, "BrokenHigh");
        SmcTimeTestData.AssertIntColumn(golden.Text("BrokenLow"), result.BrokenLow, "BrokenLow");
    }

    [SharedFact]
    public void Causal_daily_levels_are_yesterdays_also_on_the_midnight_bar()
    {
        var bars = SmcTimeTestData.BtcUsdHourly;
        var result = PreviousHighLow.Compute(bars, "1D");
        int midnight = SmcTimeTestData.IndexOf(bars, "2017-07-06T00:00:00Z");
        // SEMANTICS.md §7: the high of 2017-07-05 is 2630.24; the reference shows the 07-04 high (2636.10) at 00:00.
        Assert.Equal(2630.24, result.PreviousHigh[midnight]);
        Assert.Equal(2630.24, result.PreviousHigh[midnight + 1]);
        Assert.Equal(midnight, result.KnownAt[midnight]);
        Assert.Equal(midnight, result.KnownAt[midnight + 23]);
        Assert.Equal(2636.1f, (float)PreviousHighLow.Compute(bars, "1D", SmcMode.Reference).PreviousHigh[midnight]);
        Assert.Equal(result.PreviousHigh, PreviousHighLow.Compute(bars, Timeframe.D1).PreviousHigh);
    }

    [Fact]
    public void Causal_break_is_reported_on_the_bar_that_trades_through_and_holds_to_the_period_end()
    {
        long day = 86_400_000L, hour = 3_600_000L, t0 = 19_000 * day;
        long[] time = [t0, t0 + hour, t0 + day, t0 + day + hour, t0 + day + 2 * hour, t0 + 2 * day];
        double[] high = [10, 12, 11, 12.5, 11, 9];
        double[] low = [5, 6, 7, 6, 4, 8];
        var r = PreviousHighLow.Compute(time, high, low, Timeframe.D1);

        Assert.Equal(new[] { double.NaN, double.NaN, 12, 12, 12, 12.5 }, r.PreviousHigh);
        Assert.Equal(new[] { double.NaN, double.NaN, 5, 5, 5, 4 }, r.PreviousLow);
        Assert.Equal(new[] { 0, 0, 0, 1, 1, 0 }, r.BrokenHigh);
        Assert.Equal(new[] { 0, 0, 0, 0, 1, 0 }, r.BrokenLow);
        Assert.Equal(new[] { -1, -1, 2, 2, 2, 5 }, r.KnownAt);
    }

    [Theory]
    [InlineData("3x")]
    [InlineData("1M")]
    [InlineData("")]
    public void Unknown_time_frame_names_the_parameter_and_lists_the_accepted_forms(string timeFrame)
    {
        var bars = SmcTimeTestData.Bars([0L], [1.0], [1.0]);
        var e = Assert.Throws<ArgumentException>(() => PreviousHighLow.Compute(bars, timeFrame));
        Assert.Equal("timeFrame", e.ParamName);
        Assert.Contains("4h, 1D", e.Message);
    }

    [Fact]
    public void Reference_mode_accepts_one_week_only()
    {
        var bars = SmcTimeTestData.Bars([0L], [1.0], [1.0]);
        var e = Assert.Throws<ArgumentException>(() => PreviousHighLow.Compute(bars, "2W", SmcMode.Reference));
        Assert.Equal("timeFrame", e.ParamName);
        Assert.Equal(1, PreviousHighLow.Compute(bars, "2W").Length);
    }

    [Fact]
    public void Mismatched_lengths_and_unordered_times_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => PreviousHighLow.Compute([0L, 1L], [1.0], [1.0, 1.0], Timeframe.H1));
        var e = Assert.Throws<ArgumentException>(() => PreviousHighLow.Compute([5L, 5L], [1.0, 1.0], [1.0, 1.0], Timeframe.H1));
        Assert.Equal("timeMs", e.ParamName);
    }

    [Property(Arbitrary = [typeof(SmcTimeArbitraries)], MaxTest = 150)]
    public void Fast_kernels_equal_the_scalar_references(RandomTimedBars bars, byte timeFrameChoice)
    {
        var tf = Timeframe.Parse(TimeFrames[timeFrameChoice % TimeFrames.Length]);
        var causal = PreviousHighLow.Compute(bars.Time, bars.High, bars.Low, tf);
        AssertEqual(ScalarCausal(bars.Time, bars.High, bars.Low, tf), causal);
        var reference = PreviousHighLow.Compute(bars.Time, bars.High, bars.Low, tf, SmcMode.Reference);
        AssertEqual(ScalarReference(bars.Time, bars.High, bars.Low, tf), reference);
    }

    [Property(Arbitrary = [typeof(SmcTimeArbitraries)], MaxTest = 100)]
    public void Causal_values_never_change_when_bars_are_appended(RandomTimedBars bars, byte timeFrameChoice)
    {
        var tf = Timeframe.Parse(TimeFrames[timeFrameChoice % TimeFrames.Length]);
        var full = PreviousHighLow.Compute(bars.Time, bars.High, bars.Low, tf);
        for (int k = 0; k <= bars.Length; k++)
            AssertPrefix(full, PreviousHighLow.Compute(bars.Time.AsSpan(0, k), bars.High.AsSpan(0, k), bars.Low.AsSpan(0, k), tf));
    }

    [SharedTheory]
    [InlineData("4h")]
    [InlineData("1D")]
    [InlineData("1W")]
    public void Causal_values_never_change_on_sampled_prefixes_of_real_data(string timeFrame)
    {
        var bars = SmcTimeTestData.BtcUsdHourly;
        var full = PreviousHighLow.Compute(bars, timeFrame);
        foreach (int k in SmcTimeTestData.SampledPrefixLengths(bars.Length))
        {
            var prefix = PreviousHighLow.Compute(bars.Slice(0, k), timeFrame);
            AssertPrefix(full, prefix);
            for (int t = 0; t < k; t++)
                Assert.InRange(prefix.KnownAt[t], -1, t);
        }
    }

    private static void AssertPrefix(PreviousHighLowResult full, PreviousHighLowResult prefix)
    {
        int k = prefix.Length;
        Assert.Equal(full.PreviousHigh[..k], prefix.PreviousHigh);
        Assert.Equal(full.PreviousLow[..k], prefix.PreviousLow);
        Assert.Equal(full.BrokenHigh[..k], prefix.BrokenHigh);
        Assert.Equal(full.BrokenLow[..k], prefix.BrokenLow);
        Assert.Equal(full.KnownAt[..k], prefix.KnownAt);
    }

    private static void AssertEqual(PreviousHighLowResult expected, PreviousHighLowResult actual)
    {
        Assert.Equal(expected.PreviousHigh, actual.PreviousHigh);
        Assert.Equal(expected.PreviousLow, actual.PreviousLow);
        Assert.Equal(expected.BrokenHigh, actual.BrokenHigh);
        Assert.Equal(expected.BrokenLow, actual.BrokenLow);
        Assert.Equal(expected.KnownAt, actual.KnownAt);
    }

    /// <summary>Causal rule from scratch for every bar: the calendar period of the bar, the last earlier period with
    /// bars, and the extremes of the current period up to the bar.</summary>
    private static PreviousHighLowResult ScalarCausal(long[] time, double[] high, double[] low, Timeframe tf)
    {
        int n = time.Length;
        var r = new PreviousHighLowResult(new double[n], new double[n], new int[n], new int[n], new int[n]);
        for (int i = 0; i < n; i++)
        {
            long period = PeriodStart(time[i], tf);
            int lastEarlier = -1, first = i;
            for (int j = 0; j < i; j++)
            {
                long pj = PeriodStart(time[j], tf);
                if (pj < period) lastEarlier = j;
                else if (j < first) first = j;
            }
            if (lastEarlier < 0)
            {
                r.PreviousHigh[i] = r.PreviousLow[i] = double.NaN;
                r.KnownAt[i] = -1;
            }
            else
            {
                long previous = PeriodStart(time[lastEarlier], tf);
                double ph = double.MinValue, pl = double.MaxValue;
                for (int j = 0; j <= lastEarlier; j++)
                    if (PeriodStart(time[j], tf) == previous) { ph = Math.Max(ph, high[j]); pl = Math.Min(pl, low[j]); }
                r.PreviousHigh[i] = ph;
                r.PreviousLow[i] = pl;
                r.KnownAt[i] = first;
            }
            double ch = double.MinValue, cl = double.MaxValue;
            for (int j = first; j <= i; j++) { ch = Math.Max(ch, high[j]); cl = Math.Min(cl, low[j]); }
            r.BrokenHigh[i] = ch > r.PreviousHigh[i] ? 1 : 0;
            r.BrokenLow[i] = cl < r.PreviousLow[i] ? 1 : 0;
        }
        return r;
    }

    private static long PeriodStart(long t, Timeframe tf)
    {
        if (tf.IsWeekly)
        {
            var utc = DateTimeOffset.FromUnixTimeMilliseconds(t).UtcDateTime;
            var monday = utc.Date.AddDays(-(((int)utc.DayOfWeek + 6) % 7));
            long weeks = (long)(monday - new DateTime(1970, 1, 5, 0, 0, 0, DateTimeKind.Utc)).TotalDays / 7;
            long blocks = weeks >= 0 ? weeks / (tf.Minutes / 10080) : -((-weeks + tf.Minutes / 10080 - 1) / (tf.Minutes / 10080));
            return new DateTimeOffset(1970, 1, 5, 0, 0, 0, TimeSpan.Zero).AddDays(blocks * 7 * (tf.Minutes / 10080)).ToUnixTimeMilliseconds();
        }
        long size = tf.Milliseconds;
        return t - (((t % size) + size) % size);
    }

    /// <summary>The reference's loop, transcribed: pandas bins, labels strictly before the bar, period p - 2,
    /// sticky broken flags reset when the reference period changes.</summary>
    private static PreviousHighLowResult ScalarReference(long[] time, double[] high, double[] low, Timeframe tf)
    {
        int n = time.Length;
        var r = new PreviousHighLowResult(new double[n], new double[n], new int[n], new int[n], new int[n]);
        if (n == 0) return r;
        var labels = new List<long>();
        var periodHigh = new List<double>();
        var periodLow = new List<double>();
        var origin = DateTimeOffset.FromUnixTimeMilliseconds(time[0]).UtcDateTime.Date;
        for (int i = 0; i < n; i++)
        {
            var utc = DateTimeOffset.FromUnixTimeMilliseconds(time[i]).UtcDateTime;
            long label;
            if (tf.IsWeekly)
            {
                label = new DateTimeOffset(utc.Date.AddDays((7 - (int)utc.DayOfWeek) % 7)).ToUnixTimeMilliseconds();
            }
            else
            {
                long fromOrigin = (long)(utc - origin).TotalMilliseconds;
                label = new DateTimeOffset(origin).ToUnixTimeMilliseconds() + fromOrigin / tf.Milliseconds * tf.Milliseconds;
            }
            int k = labels.IndexOf(label);
            if (k < 0) { labels.Add(label); periodHigh.Add(high[i]); periodLow.Add(low[i]); }
            else { periodHigh[k] = Math.Max(periodHigh[k], high[i]); periodLow[k] = Math.Min(periodLow[k], low[i]); }
        }
        bool brokeHigh = false, brokeLow = false;
        int lastReference = -1, runStart = -1;
        for (int i = 0; i < n; i++)
        {
            var before = new List<int>();
            for (int k = 0; k < labels.Count; k++)
                if (labels[k] < time[i]) before.Add(k);
            if (before.Count <= 1)
            {
                r.PreviousHigh[i] = r.PreviousLow[i] = double.NaN;
                r.KnownAt[i] = -1;
                continue;
            }
            int reference = before[^2];
            if (reference != lastReference) { brokeHigh = brokeLow = false; lastReference = reference; runStart = i; }
            r.PreviousHigh[i] = (float)periodHigh[reference];
            r.PreviousLow[i] = (float)periodLow[reference];
            brokeHigh = high[i] > r.PreviousHigh[i] || brokeHigh;
            brokeLow = low[i] < r.PreviousLow[i] || brokeLow;
            r.BrokenHigh[i] = brokeHigh ? 1 : 0;
            r.BrokenLow[i] = brokeLow ? 1 : 0;
            r.KnownAt[i] = runStart;
        }
        return r;
    }
}

/// <summary>A random bar series: strictly increasing times with a random step and occasional gaps, around daylight
/// saving changes more often than not, and a random-walk price.</summary>
public sealed class RandomTimedBars(long[] time, double[] high, double[] low)
{
    /// <summary>Bar open times, epoch ms.</summary>
    public long[] Time { get; } = time;
    /// <summary>Highs.</summary>
    public double[] High { get; } = high;
    /// <summary>Lows.</summary>
    public double[] Low { get; } = low;
    /// <summary>Number of bars.</summary>
    public int Length => Time.Length;

    private static readonly string[] Anchors =
        ["2024-03-08", "2024-03-29", "2024-10-25", "2024-11-01", "2024-04-05", "2024-09-27", "2023-12-29", "2024-06-14"];

    private static readonly long[] Steps = [60_000L, 15 * 60_000L, 3_600_000L, 3 * 3_600_000L, 7_777_000L];

    /// <summary>Builds a series of <paramref name="length"/> bars from <paramref name="seed"/>.</summary>
    public static RandomTimedBars Create(int length, int seed)
    {
        var rng = new Random(seed);
        long step = Steps[rng.Next(Steps.Length)];
        long start = rng.Next(4) == 0
            ? rng.NextInt64(1_000_000_000_000L, 1_800_000_000_000L)
            : DateTimeOffset.Parse(Anchors[rng.Next(Anchors.Length)], CultureInfo.InvariantCulture).ToUnixTimeMilliseconds()
              + rng.Next(-48, 48) * 3_600_000L;
        if (rng.Next(3) == 0) start -= start % step;
        var time = new long[length];
        var high = new double[length];
        var low = new double[length];
        double price = 100;
        long t = start;
        for (int i = 0; i < length; i++)
        {
            time[i] = t;
            t += step * (rng.Next(12) == 0 ? rng.Next(2, 40) : 1);
            price = Math.Max(1, price + Math.Round(rng.NextDouble() * 4 - 2, 2));
            high[i] = price + Math.Round(rng.NextDouble() * 2, 2);
            low[i] = price - Math.Round(rng.NextDouble() * 2, 2);
        }
        return new RandomTimedBars(time, high, low);
    }

    /// <inheritdoc />
    public override string ToString() => Length == 0 ? "0 bars"
        : $"{Length} bars from {DateTimeOffset.FromUnixTimeMilliseconds(Time[0]):O}";
}

/// <summary>FsCheck generators for the SMC time-based indicators: series of 0 to 300 bars.</summary>
public static class SmcTimeArbitraries
{
    /// <summary>Random bar series of length 0..300.</summary>
    public static Arbitrary<RandomTimedBars> RandomTimedBars() =>
        Arb.From(Gen.Choose(0, 300).SelectMany(n => Gen.Choose(0, int.MaxValue),
            (n, seed) => global::VectorBacktest.Tests.Indicators.Smc.RandomTimedBars.Create(n, seed)));
}

/// <summary>The hourly dataset of the golden files and helpers to compare against them.</summary>
internal static class SmcTimeTestData
{
    private static readonly Lazy<BarSeries> Hourly = new(() =>
    {
        var table = CsvTable.Load(SharedFolder.File("data/btcusd_coinbase_1h.csv"));
        return BarSeries.FromArrays("BTC-USD", Timeframe.H1, table.EpochMs("timestamp"), table.Doubles("open"), table.Doubles("high"),
            table.Doubles("low"), table.Doubles("close"), table.Doubles("volume"));
    });

    public static BarSeries BtcUsdHourly => Hourly.Value;

    public static BarSeries Bars(long[] time, double[] high, double[] low) =>
        BarSeries.FromArrays("X", Timeframe.H1, time, (double[])low.Clone(), high, low, (double[])low.Clone(), new double[time.Length], validate: false);

    public static int IndexOf(BarSeries bars, string isoUtc)
    {
        long t = DateTimeOffset.Parse(isoUtc, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        int i = bars.Time.IndexOf(t);
        Assert.True(i >= 0, isoUtc + " not in the data");
        return i;
    }

    /// <summary>Prefix lengths 0, 1, 2, every bar of the first 200, and 60 random ones.</summary>
    public static IEnumerable<int> SampledPrefixLengths(int length)
    {
        var rng = new Random(20240601);
        for (int k = 0; k <= Math.Min(200, length); k++) yield return k;
        for (int s = 0; s < 60; s++) yield return rng.Next(1, length + 1);
    }

    /// <summary>float32 column: empty = NaN, else the parsed float must equal the value rounded to float32.</summary>
    public static void AssertFloat32Column(string[] expected, double[] actual, string column)
    {
        for (int r = 0; r < expected.Length; r++)
        {
            bool ok = expected[r].Length == 0
                ? double.IsNaN(actual[r])
                : float.Parse(expected[r], CultureInfo.InvariantCulture) == (float)actual[r] && (double)(float)actual[r] == actual[r];
            if (!ok) Assert.Fail($"{column}, row {r + 1}: expected '{expected[r]}', got {actual[r].ToString("R", CultureInfo.InvariantCulture)}");
        }
    }

    public static void AssertIntColumn(string[] expected, int[] actual, string column)
    {
        for (int r = 0; r < expected.Length; r++)
            if (int.Parse(expected[r], CultureInfo.InvariantCulture) != actual[r])
                Assert.Fail($"{column}, row {r + 1}: expected {expected[r]}, got {actual[r]}");
    }
}
