using VectorBacktest.Data;

namespace VectorBacktest.Tests.Data.Io;

/// <summary>Random valid series for round-trip properties: arbitrary doubles (17 significant digits), gaps, zero volumes.</summary>
public static class RandomBars
{
    private static readonly Timeframe[] Timeframes = [Timeframe.M1, Timeframe.M5, Timeframe.H1, Timeframe.H4, Timeframe.D1, new(7)];

    public static BarSeries Generate(int seed, int length)
    {
        var rng = new Random(seed);
        var tf = Timeframes[rng.Next(Timeframes.Length)];
        var time = new long[length];
        var open = new double[length];
        var high = new double[length];
        var low = new double[length];
        var close = new double[length];
        var volume = new double[length];
        long t = tf.BucketStart(946_684_800_000L + (long)(rng.NextDouble() * 1_500_000_000_000L));
        double scale = Math.Pow(10, rng.Next(-6, 7));
        for (int i = 0; i < length; i++)
        {
            time[i] = t;
            t += tf.Milliseconds * (rng.Next(10) == 0 ? rng.Next(2, 5) : 1);
            open[i] = Price(rng, scale);
            close[i] = Price(rng, scale);
            high[i] = Math.Max(open[i], close[i]) * (1 + rng.NextDouble() * 0.01);
            low[i] = Math.Min(open[i], close[i]) * (1 - rng.NextDouble() * 0.01);
            volume[i] = rng.Next(5) switch
            {
                0 => 0.0,
                1 => Math.Floor(rng.NextDouble() * 1e6),
                _ => rng.NextDouble() * 1e9,
            };
        }
        return BarSeries.FromArrays($"SYM{seed & 0xff}", tf, time, open, high, low, close, volume);
    }

    private static double Price(Random rng, double scale) => rng.Next(3) == 0
        ? Math.Round(1 + rng.NextDouble() * 99, 2) * scale
        : (1 + rng.NextDouble() * 99) * scale;

    public static void AssertSameBars(BarSeries expected, BarSeries actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(expected.Time.ToArray(), actual.Time.ToArray());
        AssertBits(expected.Open, actual.Open);
        AssertBits(expected.High, actual.High);
        AssertBits(expected.Low, actual.Low);
        AssertBits(expected.Close, actual.Close);
        AssertBits(expected.Volume, actual.Volume);
    }

    private static void AssertBits(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                $"bar {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }
}
