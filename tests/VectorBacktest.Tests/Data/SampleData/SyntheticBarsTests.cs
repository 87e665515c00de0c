using VectorBacktest.Data;
using VectorBacktest.Data.Resampling;
using VectorBacktest.Data.SampleData;
using Xunit.Abstractions;

namespace VectorBacktest.Tests.Data.SampleData;

public class SyntheticBarsTests(ITestOutputHelper output)
{
    private static readonly Lazy<BarSeries> Sample = new(SyntheticBars.Sample);

    [Fact]
    public void The_same_seed_gives_the_same_bits_and_another_seed_other_bars()
    {
        var options = new SyntheticBarsOptions { BarCount = 5000, Seed = 7 };
        var a = SyntheticBars.Generate(options);
        var b = SyntheticBars.Generate(options);
        var c = SyntheticBars.Generate(options with { Seed = 8 });
        static long[] Bits(ReadOnlySpan<double> x) => x.ToArray().Select(BitConverter.DoubleToInt64Bits).ToArray();
        Assert.Equal(Bits(a.Open), Bits(b.Open));
        Assert.Equal(Bits(a.High), Bits(b.High));
        Assert.Equal(Bits(a.Low), Bits(b.Low));
        Assert.Equal(Bits(a.Close), Bits(b.Close));
        Assert.Equal(Bits(a.Volume), Bits(b.Volume));
        Assert.Equal(a.Time.ToArray(), b.Time.ToArray());
        Assert.NotEqual(a.Close.ToArray(), c.Close.ToArray());
    }

    [Fact]
    public void The_defaults_are_the_documented_sample()
    {
        var o = new SyntheticBarsOptions();
        Assert.Equal(90 * 1440, o.BarCount);
        Assert.Equal(DateTimeOffset.Parse("2024-01-01T00:00:00Z"), o.Start);
        Assert.Equal(Timeframe.M1, o.Timeframe);
        var first = SyntheticBars.Generate(o with { BarCount = 3 });
        Assert.Equal(SyntheticBars.SampleStartMs, first.Time[0]);
        Assert.Equal(30_000, first.Open[0]);
        Assert.Equal(SyntheticBars.SampleSymbol, first.Symbol);
        // Pinned so that a change to the process (and so to the bundled sample) is a deliberate one.
        Assert.Equal((29951.07, 30043.56, 31.66), (first.Close[0], first.High[2], first.Volume[1]));
        Assert.Equal(SyntheticBars.SampleBarCount, Sample.Value.Length);
        Assert.Equal(27221.11, Sample.Value.Close[^1]);
    }

    [Fact]
    public void Every_bar_is_valid_and_opens_at_the_previous_close()
    {
        var s = Sample.Value;
        BarValidator.ThrowIfInvalid("synthetic", s.Time, s.Open, s.High, s.Low, s.Close, s.Volume);
        for (int i = 1; i < s.Length; i++)
        {
            Assert.Equal(s.Close[i - 1], s.Open[i]);
            Assert.Equal(60_000, s.Time[i] - s.Time[i - 1]);
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(60)]
    [InlineData(90)]
    public void Longer_timeframes_are_the_resampled_minutes_of_the_same_seed(int minutes)
    {
        var tf = new Timeframe(minutes);
        var options = new SyntheticBarsOptions { BarCount = 40, Seed = 3, Timeframe = tf, Start = DateTimeOffset.FromUnixTimeMilliseconds(tf.BucketStart(SyntheticBars.SampleStartMs)) };
        var bars = SyntheticBars.Generate(options);
        var minuteBars = SyntheticBars.Generate(options with { BarCount = 40 * minutes, Timeframe = Timeframe.M1 });
        var expected = Resampler.Resample(minuteBars, tf).Bars;
        Assert.Equal(expected.Time.ToArray(), bars.Time.ToArray());
        Assert.Equal(expected.Open.ToArray(), bars.Open.ToArray());
        Assert.Equal(expected.High.ToArray(), bars.High.ToArray());
        Assert.Equal(expected.Low.ToArray(), bars.Low.ToArray());
        Assert.Equal(expected.Close.ToArray(), bars.Close.ToArray());
        Assert.Equal(expected.Volume.ToArray(), bars.Volume.ToArray());
    }

    [Fact]
    public void Bad_options_are_rejected_by_name()
    {
        Assert.Equal("BarCount", Assert.Throws<ArgumentOutOfRangeException>(() =>
            SyntheticBars.Generate(new SyntheticBarsOptions { BarCount = -1 })).ParamName);
        Assert.Equal("Start", Assert.Throws<ArgumentException>(() =>
            SyntheticBars.Generate(new SyntheticBarsOptions { Timeframe = Timeframe.H1, Start = DateTimeOffset.Parse("2024-01-01T00:30:00Z") })).ParamName);
        Assert.Equal("StartPrice", Assert.Throws<ArgumentOutOfRangeException>(() =>
            SyntheticBars.Generate(new SyntheticBarsOptions { StartPrice = 0 })).ParamName);
        Assert.Equal("Timeframe", Assert.Throws<ArgumentOutOfRangeException>(() =>
            SyntheticBars.Generate(new SyntheticBarsOptions { Timeframe = default })).ParamName);
    }

    [Fact]
    public void Volatility_clusters_and_regimes_alternate()
    {
        var s = Sample.Value;
        var close = s.Close;
        // Realised volatility per 6-hour window varies several-fold (clustering, seasonality, regimes) ...
        var vols = new List<double>();
        // ... and the efficiency ratio |net move| / path length per 12-hour window spans trending and ranging stretches.
        var efficiency = new List<double>();
        for (int start = 1; start + 720 <= s.Length; start += 360)
        {
            double sum = 0, sq = 0, path = 0;
            for (int i = start; i < start + 360; i++)
            {
                double r = close[i] / close[i - 1] - 1;
                sum += r;
                sq += r * r;
            }
            vols.Add(Math.Sqrt(sq / 360 - sum / 360 * (sum / 360)));
            for (int i = start; i < start + 720; i++) path += Math.Abs(close[i] - close[i - 1]);
            efficiency.Add(Math.Abs(close[start + 719] - close[start - 1]) / path);
        }
        double volRatio = vols.Max() / vols.Min();
        output.WriteLine($"6h vol min {vols.Min():E3} max {vols.Max():E3} ratio {volRatio:F2}; efficiency min {efficiency.Min():F3} max {efficiency.Max():F3}");
        output.WriteLine($"price range {MinOf(s.Low):F2} .. {MaxOf(s.High):F2}");
        Assert.True(volRatio > 2.5, $"6h volatility ratio {volRatio}");
        Assert.Contains(efficiency, e => e > 0.15);
        Assert.Contains(efficiency, e => e < 0.03);
        Assert.InRange(MinOf(s.Low), 15_000, 30_000);
        Assert.InRange(MaxOf(s.High), 30_000, 60_000);
    }

    [Fact]
    public void Smart_money_patterns_occur()
    {
        var s = Resampler.Resample(Sample.Value, Timeframe.M15).Bars;
        var h = s.High;
        var l = s.Low;
        var c = s.Close;
        int bullishGaps = 0, bearishGaps = 0, swingHighs = 0, swingLows = 0, sweeps = 0, breaks = 0;
        double lastSwingHigh = double.NaN;
        for (int i = 2; i < s.Length; i++)
        {
            if (l[i] > h[i - 2]) bullishGaps++;
            if (h[i] < l[i - 2]) bearishGaps++;
            if (i >= 4 && h[i - 2] > Math.Max(Math.Max(h[i - 4], h[i - 3]), Math.Max(h[i - 1], h[i])))
            {
                swingHighs++;
                lastSwingHigh = h[i - 2];
            }
            if (i >= 4 && l[i - 2] < Math.Min(Math.Min(l[i - 4], l[i - 3]), Math.Min(l[i - 1], l[i]))) swingLows++;
            if (!double.IsNaN(lastSwingHigh) && c[i] > lastSwingHigh && c[i - 1] <= lastSwingHigh) breaks++;
            if (i >= 20)
            {
                double prior = double.MinValue;
                for (int j = i - 20; j < i; j++) prior = Math.Max(prior, h[j]);
                if (h[i] > prior && c[i] < prior) sweeps++;
            }
        }
        output.WriteLine($"15m bars {s.Length}: FVG up {bullishGaps} down {bearishGaps}, swings {swingHighs}/{swingLows}, breaks {breaks}, sweeps {sweeps}");
        Assert.True(bullishGaps > 50 && bearishGaps > 50);
        Assert.True(swingHighs > 200 && swingLows > 200);
        Assert.True(breaks > 50);
        Assert.True(sweeps > 30);
    }

    private static double MinOf(ReadOnlySpan<double> x) { double m = double.MaxValue; foreach (var v in x) m = Math.Min(m, v); return m; }
    private static double MaxOf(ReadOnlySpan<double> x) { double m = double.MinValue; foreach (var v in x) m = Math.Max(m, v); return m; }
}
