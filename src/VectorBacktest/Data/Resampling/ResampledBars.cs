namespace VectorBacktest.Data.Resampling;

/// <summary>The result of <see cref="Resampler.Resample"/>: the target bars and what is known about their completeness.</summary>
public sealed class ResampledBars
{
    private readonly int[] _sourceCounts;

    internal ResampledBars(BarSeries bars, int[] sourceCounts, int expectedSourceCount, bool lastBarIncomplete, bool incompleteBarDropped)
    {
        Bars = bars;
        _sourceCounts = sourceCounts;
        ExpectedSourceCount = expectedSourceCount;
        LastBarIncomplete = lastBarIncomplete;
        IncompleteBarDropped = incompleteBarDropped;
    }

    /// <summary>The target bars, labelled by their open time (UTC) and carrying the target timeframe.</summary>
    public BarSeries Bars { get; }

    /// <summary>
    /// For each target bar, how many source bars it aggregates. A value below <see cref="ExpectedSourceCount"/> on
    /// any bar but an incomplete last one means the source had a gap inside that bar.
    /// </summary>
    public ReadOnlySpan<int> SourceCounts => _sourceCounts;

    /// <summary>Source bars in a gap-free target bar: target minutes divided by source minutes.</summary>
    public int ExpectedSourceCount { get; }

    /// <summary>
    /// True when the last bar of <see cref="Bars"/> is still forming (the data ends before it closes); only possible
    /// under <see cref="IncompleteBarPolicy.Keep"/>.
    /// </summary>
    public bool LastBarIncomplete { get; }

    /// <summary>True when a forming last bar was left out under <see cref="IncompleteBarPolicy.Drop"/>.</summary>
    public bool IncompleteBarDropped { get; }
}
