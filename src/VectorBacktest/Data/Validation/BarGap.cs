namespace VectorBacktest.Data.Validation;

/// <summary>
/// Bars missing between two consecutive bars of a series: the open times strictly between
/// <see cref="AfterTime"/> and <see cref="BeforeTime"/> that the timeframe would have. Reported, never filled.
/// </summary>
/// <param name="AfterTime">Open time of the last bar before the gap, epoch milliseconds UTC.</param>
/// <param name="BeforeTime">Open time of the first bar after the gap, epoch milliseconds UTC.</param>
/// <param name="MissingBars">Number of bars the timeframe expects in between (at least 1).</param>
public readonly record struct BarGap(long AfterTime, long BeforeTime, long MissingBars)
{
    /// <summary>One line with ISO-8601 UTC times.</summary>
    public override string ToString() =>
        $"{MissingBars} bar(s) missing after {BarValidator.FormatTime(AfterTime)}, before {BarValidator.FormatTime(BeforeTime)}";
}
