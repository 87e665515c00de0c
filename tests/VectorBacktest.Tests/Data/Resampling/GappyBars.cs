using VectorBacktest.Data;

namespace VectorBacktest.Tests.Data.Resampling;

/// <summary>Random valid bars on a timeframe's grid, with gaps of random length, for property tests.</summary>
internal static class GappyBars
{
    /// <summary>
    /// <paramref name="count"/> bars of <paramref name="timeframe"/> starting at a random grid point after
    /// <paramref name="origin"/>; each step skips bars with probability <paramref name="gapChance"/> (1 to 30 bars,
    /// occasionally several hundred).
    /// </summary>
    public static BarSeries Create(int seed, int count, Timeframe timeframe, double gapChance, long origin = 1_704_067_200_000L,
        string symbol = "X")
    {
        var rng = new Random(seed);
        long step = timeframe.Milliseconds;
        var time = new long[count];
        var open = new double[count];
        var high = new double[count];
        var low = new double[count];
        var close = new double[count];
        var volume = new double[count];
        long t = timeframe.BucketStart(origin) + rng.Next(0, 500) * step;
        double price = 100 + rng.NextDouble() * 100;
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                t += step;
                if (rng.NextDouble() < gapChance)
                    t += step * (rng.NextDouble() < 0.1 ? rng.Next(100, 800) : rng.Next(1, 30));
            }
            time[i] = t;
            double o = price, c = price * (1 + (rng.NextDouble() - 0.5) * 0.02);
            open[i] = o;
            close[i] = c;
            high[i] = Math.Max(o, c) * (1 + rng.NextDouble() * 0.01);
            low[i] = Math.Min(o, c) * (1 - rng.NextDouble() * 0.01);
            volume[i] = rng.Next(0, 4) == 0 ? 0 : Math.Round(rng.NextDouble() * 1000, 3);
            price = c;
        }
        return BarSeries.FromArrays(symbol, timeframe, time, open, high, low, close, volume);
    }
}
