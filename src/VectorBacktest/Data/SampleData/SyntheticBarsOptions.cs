namespace VectorBacktest.Data.SampleData;

/// <summary>Settings of <see cref="SyntheticBars.Generate(SyntheticBarsOptions)"/>; the defaults produce the bundled sample.</summary>
public sealed record SyntheticBarsOptions
{
    /// <summary>Number of bars to produce (≥ 0); default <see cref="SyntheticBars.SampleBarCount"/>.</summary>
    public int BarCount { get; init; } = SyntheticBars.SampleBarCount;

    /// <summary>Open time of the first bar, on the <see cref="Timeframe"/> grid (see <see cref="Timeframe.BucketStart"/>); default 2024-01-01T00:00Z.</summary>
    public DateTimeOffset Start { get; init; } = DateTimeOffset.FromUnixTimeMilliseconds(SyntheticBars.SampleStartMs);

    /// <summary>The splitmix64 seed; the same seed gives the same bars, bit for bit; default <see cref="SyntheticBars.SampleSeed"/>.</summary>
    public ulong Seed { get; init; } = SyntheticBars.SampleSeed;

    /// <summary>Bar duration, any whole number of minutes; default one minute.</summary>
    public Timeframe Timeframe { get; init; } = Timeframe.M1;

    /// <summary>Symbol name of the series; default <see cref="SyntheticBars.SampleSymbol"/>.</summary>
    public string Symbol { get; init; } = SyntheticBars.SampleSymbol;

    /// <summary>Open of the first bar, in quote currency; default 30,000.</summary>
    public double StartPrice { get; init; } = SyntheticBars.SampleStartPrice;
}
