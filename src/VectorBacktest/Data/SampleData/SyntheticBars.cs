namespace VectorBacktest.Data.SampleData;

/// <summary>
/// A deterministic, BTC-like synthetic market: volatility clustering, alternating trending and ranging regimes,
/// intraday and weekend seasonality of volatility and volume, realistic wicks and occasional liquidity sweeps, so that
/// swings, fair value gaps, breaks of structure, order blocks and sweeps all occur. Every bar is valid
/// (<see cref="BarValidator"/>); each open equals the previous close, as on a 24/7 exchange.
/// </summary>
/// <remarks>
/// <para>The process runs minute by minute (see the remarks of the internal <c>SyntheticMarket</c>); a longer timeframe
/// aggregates those minutes, so the 5-minute bars of a seed are exactly the resampled one-minute bars of the same seed
/// and start. Bits are identical for a seed on every machine: only IEEE-exact operations are used.</para>
/// <para>The default options (<see cref="SyntheticBarsOptions"/>) produce the bundled sample under <c>data/</c>:
/// <see cref="SampleBarCount"/> one-minute bars (90 days) from 2024-01-01T00:00Z, seed <see cref="SampleSeed"/>.</para>
/// </remarks>
public static class SyntheticBars
{
    /// <summary>Seed of the bundled sample.</summary>
    public const ulong SampleSeed = 20240101;

    /// <summary>Bars in the bundled sample: 90 days of one-minute bars.</summary>
    public const int SampleBarCount = 90 * 1440;

    /// <summary>Epoch ms of 2024-01-01T00:00:00Z, the open time of the sample's first bar.</summary>
    public const long SampleStartMs = 1_704_067_200_000L;

    /// <summary>Symbol of the bundled sample.</summary>
    public const string SampleSymbol = "BTCUSDT-SYNTH";

    /// <summary>Open of the sample's first bar.</summary>
    public const double SampleStartPrice = 30_000;

    /// <summary>The bundled sample: the default <see cref="SyntheticBarsOptions"/>.</summary>
    public static BarSeries Sample() => Generate(new SyntheticBarsOptions());

    /// <summary>Generates bars as <paramref name="options"/> says.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative bar count, an unset timeframe, or a start price that is not a positive finite number.</exception>
    /// <exception cref="ArgumentException">The start is not on the timeframe's grid, or the symbol is null.</exception>
    public static BarSeries Generate(SyntheticBarsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int count = options.BarCount;
        var tf = options.Timeframe;
        ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(options.BarCount));
        if (tf.Minutes <= 0)
            throw new ArgumentOutOfRangeException(nameof(options.Timeframe), "The timeframe is not set.");
        if (!double.IsFinite(options.StartPrice) || options.StartPrice <= 0)
            throw new ArgumentOutOfRangeException(nameof(options.StartPrice), options.StartPrice, "The start price must be a positive finite number.");
        if (options.Symbol is null) throw new ArgumentException("The symbol is null.", nameof(options.Symbol));
        long startMs = options.Start.ToUnixTimeMilliseconds();
        if (tf.BucketStart(startMs) != startMs)
            throw new ArgumentException(
                $"Start {BarValidator.FormatTime(startMs)} is not on the {tf} grid; the nearest earlier grid point is {BarValidator.FormatTime(tf.BucketStart(startMs))}.",
                nameof(options.Start));

        var time = new long[count];
        var open = new double[count];
        var high = new double[count];
        var low = new double[count];
        var close = new double[count];
        var volume = new double[count];
        var market = new SyntheticMarket(options.Seed, options.StartPrice);
        long minutes = tf.Minutes, t = startMs;
        for (int j = 0; j < count; j++)
        {
            time[j] = t;
            market.Next(t, out double o, out double h, out double l, out double c, out double v);
            t += Timeframe.MinuteMs;
            for (long m = 1; m < minutes; m++)
            {
                market.Next(t, out _, out double hm, out double lm, out c, out double vm);
                if (hm > h) h = hm;
                if (lm < l) l = lm;
                v += vm;
                t += Timeframe.MinuteMs;
            }
            open[j] = o; high[j] = h; low[j] = l; close[j] = c; volume[j] = v;
        }
        return BarSeries.FromArrays(options.Symbol, tf, time, open, high, low, close, volume);
    }
}
