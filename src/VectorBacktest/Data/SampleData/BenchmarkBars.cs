namespace VectorBacktest.Data.SampleData;

/// <summary>
/// The synthetic one-minute bars of the benchmark workloads (<c>shared/design/BENCHMARKS.md</c>), regenerated
/// bit for bit: only + − × ÷ and floor, evaluated left to right exactly as the specification writes them, so
/// a Python peer produces identical doubles.
/// </summary>
public static class BenchmarkBars
{
    /// <summary>Seed of the single-run workloads (<c>SingleRun1M</c>, <c>SingleRun1MStops</c>, <c>Smc1M</c>).</summary>
    public const ulong SingleRunSeed = 20240601;

    /// <summary>Seed of the <c>Sweep994</c> workload.</summary>
    public const ulong SweepSeed = 20240602;

    /// <summary>Epoch ms of 2020-01-01T00:00:00Z, the open time of bar 0.</summary>
    public const long StartMs = 1_577_836_800_000L;

    /// <summary>Generates <paramref name="count"/> one-minute bars from 2020-01-01T00:00:00Z.</summary>
    /// <param name="count">Number of bars (≥ 0).</param>
    /// <param name="seed">splitmix64 seed.</param>
    /// <param name="sigma">Per-bar volatility (0.01 in every workload).</param>
    /// <param name="kappa">Mean reversion towards 100 (0.0001 in every workload).</param>
    /// <param name="symbol">Symbol name given to the series.</param>
    public static BarSeries Generate(int count, ulong seed, double sigma = 0.01, double kappa = 0.0001, string symbol = "SYNTH")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var time = new long[count];
        var open = new double[count];
        var high = new double[count];
        var low = new double[count];
        var close = new double[count];
        var volume = new double[count];
        var rng = new SplitMix64(seed);
        double prev = 100.0;
        for (int j = 0; j < count; j++)
        {
            double u0 = rng.NextDouble(), u1 = rng.NextDouble(), u2 = rng.NextDouble(), u3 = rng.NextDouble();
            double u4 = rng.NextDouble(), u5 = rng.NextDouble(), u6 = rng.NextDouble(), u7 = rng.NextDouble();
            double z = (((u0 + u1) + u2) + u3 - 2.0) * 1.7320508075688772;
            double r = sigma * z;
            double c = prev * ((1.0 + r) - kappa * (prev / 100.0 - 1.0));
            double o = prev * (1.0 + (0.25 * sigma) * (2.0 * u4 - 1.0));
            high[j] = Math.Max(o, c) * (1.0 + (0.5 * sigma) * u5);
            low[j] = Math.Min(o, c) * (1.0 - (0.5 * sigma) * u6);
            open[j] = o;
            close[j] = c;
            volume[j] = Math.Floor(1000.0 + 99000.0 * u7);
            time[j] = StartMs + j * Timeframe.MinuteMs;
            prev = c;
        }
        return BarSeries.FromArrays(symbol, Timeframe.M1, time, open, high, low, close, volume, validate: false);
    }
}
