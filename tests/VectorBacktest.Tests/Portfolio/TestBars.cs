using VectorBacktest.Data;

namespace VectorBacktest.Tests.Portfolio;

/// <summary>Small hand-written and random bar series for the engine tests.</summary>
internal static class TestBars
{
    public const long Start = 1_700_000_000_000L;
    public const long Minute = 60_000L;

    /// <summary>Bars from (open, high, low, close) rows, one minute apart, volume 1000.</summary>
    public static BarSeries From(params (double O, double H, double L, double C)[] rows)
    {
        int n = rows.Length;
        var t = new long[n]; var o = new double[n]; var h = new double[n]; var l = new double[n]; var c = new double[n]; var v = new double[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = Start + i * Minute;
            (o[i], h[i], l[i], c[i]) = rows[i];
            v[i] = 1000;
        }
        return BarSeries.FromArrays("TEST", null, t, o, h, l, c, v);
    }

    /// <summary>Flat bars at one price.</summary>
    public static BarSeries Flat(int n, double price)
    {
        var rows = new (double, double, double, double)[n];
        Array.Fill(rows, (price, price, price, price));
        return From(rows);
    }

    /// <summary>A random walk with consistent OHLC, deterministic for a seed.</summary>
    public static BarSeries Random(int n, int seed, double sigma = 0.02)
    {
        var rng = new Random(seed);
        var rows = new (double, double, double, double)[n];
        double prev = 100;
        for (int i = 0; i < n; i++)
        {
            double open = prev * (1 + sigma * 0.3 * (rng.NextDouble() * 2 - 1));
            double close = open * (1 + sigma * (rng.NextDouble() * 2 - 1));
            double high = Math.Max(open, close) * (1 + sigma * 0.5 * rng.NextDouble());
            double low = Math.Min(open, close) * (1 - sigma * 0.5 * rng.NextDouble());
            rows[i] = (open, high, low, close);
            prev = close;
        }
        return From(rows);
    }

    /// <summary>A boolean column with true at the given bars.</summary>
    public static bool[] At(int n, params int[] bars)
    {
        var result = new bool[n];
        foreach (int b in bars) result[b] = true;
        return result;
    }
}
