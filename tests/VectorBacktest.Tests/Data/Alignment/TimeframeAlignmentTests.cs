using FsCheck;
using FsCheck.Xunit;
using VectorBacktest.Data;
using VectorBacktest.Data.Alignment;
using VectorBacktest.Data.Resampling;
using VectorBacktest.Tests.Data.Resampling;

namespace VectorBacktest.Tests.Data.Alignment;

public class TimeframeAlignmentTests
{
    private static readonly long[] LowerMinutes = [1, 3, 5, 15, 60];
    private static readonly long[] HigherMinutes = [5, 15, 60, 240, 1440, 7];

    [Property(MaxTest = 200)]
    public void No_lower_bar_sees_a_higher_bar_that_has_not_closed(int seed, byte lowerLength, byte higherLength, byte pick, bool resampled)
    {
        var lowerTf = new Timeframe(LowerMinutes[pick % LowerMinutes.Length]);
        var higherTf = new Timeframe(HigherMinutes[pick / 8 % HigherMinutes.Length]);
        var lower = GappyBars.Create(seed, lowerLength * 2, lowerTf, gapChance: 0.1);
        // Either the higher series is the lower one resampled (with its still-forming last bar), or an independent
        // gappy series over roughly the same period.
        var higher = resampled && higherTf.Minutes % lowerTf.Minutes == 0
            ? Resampler.Resample(lower, higherTf, IncompleteBarPolicy.Keep).Bars
            : GappyBars.Create(seed ^ 0x5bd1e995, higherLength / 4, higherTf, gapChance: 0.2);

        foreach (var visibility in new[] { HigherBarVisibility.FromNextLowerBar, HigherBarVisibility.AtLowerBarClose })
        {
            var map = TimeframeAlignment.Map(lower, higher, visibility);
            Assert.Equal(lower.Length, map.Length);
            for (int i = 0; i < lower.Length; i++)
            {
                long decision = lower.Time[i] + (visibility == HigherBarVisibility.AtLowerBarClose ? lowerTf.Milliseconds : 0);
                int k = map[i];
                Assert.InRange(k, -1, higher.Length - 1);
                // Never an unclosed higher bar ...
                if (k >= 0) Assert.True(higher.Time[k] + higherTf.Milliseconds <= decision);
                // ... and always the newest closed one.
                if (k + 1 < higher.Length) Assert.True(higher.Time[k + 1] + higherTf.Milliseconds > decision);
            }
        }
        var strict = TimeframeAlignment.Map(lower, higher);
        var atClose = TimeframeAlignment.Map(lower, higher, HigherBarVisibility.AtLowerBarClose);
        for (int i = 0; i < strict.Length; i++) Assert.True(atClose[i] >= strict[i]);
    }

    [Fact]
    public void An_hourly_value_reaches_fifteen_minute_bars_only_after_the_hour_closes()
    {
        var m15 = ResamplerTests.Continuous(0, 12, Timeframe.M15); // 00:00 .. 02:45
        var h1 = Resampler.Resample(m15, Timeframe.H1).Bars;       // 00:00, 01:00, 02:00
        double[] values = [10, 20, 30];

        var strict = TimeframeAlignment.Align(m15, h1, values);
        var atClose = TimeframeAlignment.Align(m15, h1, values, HigherBarVisibility.AtLowerBarClose);

        double nan = double.NaN;
        Assert.Equal([nan, nan, nan, nan, 10, 10, 10, 10, 20, 20, 20, 20], strict);
        Assert.Equal([nan, nan, nan, 10, 10, 10, 10, 20, 20, 20, 20, 30], atClose);
        Assert.Equal([-1, -1, -1, -1, 0, 0, 0, 0, 1, 1, 1, 1], TimeframeAlignment.Map(m15, h1));
    }

    [Fact]
    public void A_gap_in_the_higher_series_keeps_the_last_closed_bar()
    {
        long h = 3_600_000;
        var lowerTime = new long[] { 0, h, 2 * h, 3 * h, 4 * h, 5 * h, 6 * h };
        var higherTime = new long[] { 0, 4 * h }; // hourly bars 01:00 to 03:00 are missing
        var map = new int[lowerTime.Length];
        TimeframeAlignment.Map(lowerTime, Timeframe.H1, higherTime, Timeframe.H1, map);
        Assert.Equal([-1, 0, 0, 0, 0, 1, 1], map);
    }

    [Fact]
    public void Bad_input_is_rejected_by_name()
    {
        var map = new int[2];
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() =>
            TimeframeAlignment.Map([0L, 60_000L, 120_000L], Timeframe.M1, [0L], Timeframe.H1, map)).ParamName);
        Assert.Equal("higherTime", Assert.Throws<ArgumentException>(() =>
            TimeframeAlignment.Map([0L], Timeframe.M1, [0L, 0L], Timeframe.H1, map)).ParamName);
        Assert.Equal("lowerTime", Assert.Throws<ArgumentException>(() =>
            TimeframeAlignment.Map([60_000L, 0L], Timeframe.M1, [0L], Timeframe.H1, map)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeframeAlignment.Gather([1.0], [0, 1]));
        var m15 = ResamplerTests.Continuous(0, 4, Timeframe.M15);
        Assert.Equal("higherValues", Assert.Throws<ArgumentException>(() =>
            TimeframeAlignment.Align(m15, Resampler.Resample(m15, Timeframe.H1).Bars, [1.0, 2.0])).ParamName);
    }
}
