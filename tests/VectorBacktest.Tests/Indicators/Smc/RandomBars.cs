using FsCheck;
using FsCheck.Fluent;

namespace VectorBacktest.Tests.Indicators.Smc;

/// <summary>
/// A reproducible random OHLC series for property tests, described by its length, a seed and a swing length so
/// that a failing case prints compactly. Prices move on a coarse tick grid so equal highs and lows (the tie
/// rules) are frequent, around a level where most grid prices are not exact float32 values (the float32 rules).
/// </summary>
public sealed record RandomBars(int Length, int Seed, int SwingLength)
{
    private double[]? _open, _high, _low, _close;

    /// <summary>Open prices.</summary>
    public double[] Open => Build()._open!;
    /// <summary>High prices.</summary>
    public double[] High => Build()._high!;
    /// <summary>Low prices.</summary>
    public double[] Low => Build()._low!;
    /// <summary>Close prices.</summary>
    public double[] Close => Build()._close!;

    private RandomBars Build()
    {
        if (_close is not null) return this;
        var random = new Random(Seed);
        var open = new double[Length];
        var high = new double[Length];
        var low = new double[Length];
        var close = new double[Length];
        long tick = 0;
        for (int i = 0; i < Length; i++)
        {
            long o = tick;
            long c = o + random.Next(-3, 4);
            long h = Math.Max(o, c) + random.Next(0, 3);
            long l = Math.Min(o, c) - random.Next(0, 3);
            open[i] = Price(o); high[i] = Price(h); low[i] = Price(l); close[i] = Price(c);
            tick = c;
        }
        (_open, _high, _low, _close) = (open, high, low, close);
        return this;
    }

    private static double Price(long tick) => 20000.37 + tick * 0.01;
}

/// <summary>FsCheck generators for the SMC property tests.</summary>
public static class SmcArbitraries
{
    /// <summary>Series of 0 … 300 bars with swing lengths 1 … 8.</summary>
    public static Arbitrary<RandomBars> Bars() =>
        (from length in Gen.Choose(0, 300)
         from seed in Gen.Choose(0, int.MaxValue)
         from n in Gen.Choose(1, 8)
         select new RandomBars(length, seed, n)).ToArbitrary();
}
