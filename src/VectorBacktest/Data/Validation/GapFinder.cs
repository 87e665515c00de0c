namespace VectorBacktest.Data.Validation;

/// <summary>Finds the gaps (missing bars) of a sorted series of bar open times.</summary>
public static class GapFinder
{
    /// <summary>The gaps of <paramref name="series"/> at its own timeframe.</summary>
    public static BarGap[] Find(BarSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return Find(series.Time, series.Timeframe);
    }

    /// <summary>
    /// The gaps between consecutive open times: wherever two neighbours are more than one bar apart, the number
    /// of bar open times of <paramref name="timeframe"/> that fit strictly between them
    /// (<c>(next − previous − 1) / bar</c>, so a step of 2.5 bars counts 2 missing bars).
    /// </summary>
    /// <param name="timeMs">Bar open times, epoch milliseconds UTC, increasing.</param>
    /// <param name="timeframe">The bar duration the series should have.</param>
    public static BarGap[] Find(ReadOnlySpan<long> timeMs, Timeframe timeframe)
    {
        long bar = timeframe.Milliseconds;
        if (bar <= 0) throw new ArgumentOutOfRangeException(nameof(timeframe), "The timeframe is not set.");
        List<BarGap>? gaps = null;
        for (int i = 1; i < timeMs.Length; i++)
        {
            long step = timeMs[i] - timeMs[i - 1];
            if (step > bar)
                (gaps ??= []).Add(new BarGap(timeMs[i - 1], timeMs[i], (step - 1) / bar));
        }
        return gaps is null ? [] : gaps.ToArray();
    }
}
