namespace VectorBacktest.Indicators.Smc;

/// <summary>
/// Columns of <see cref="PreviousHighLow"/>, one row per bar, named after the reference's columns
/// (<c>PreviousHigh</c>, <c>PreviousLow</c>, <c>BrokenHigh</c>, <c>BrokenLow</c>) plus <see cref="KnownAt"/>.
/// </summary>
/// <remarks>
/// Row t's levels are known at the OPEN of bar t (they describe a finished period); row t's broken flags at the
/// CLOSE of bar t (they include bar t's high and low). In <see cref="SmcMode.Reference"/> mode the levels are
/// float32-rounded (stored as doubles that are exactly representable as float32).
/// </remarks>
public sealed class PreviousHighLowResult
{
    /// <summary>Wraps the given columns (not copied); all must have the same length.</summary>
    /// <exception cref="ArgumentException">The columns differ in length.</exception>
    public PreviousHighLowResult(double[] previousHigh, double[] previousLow, int[] brokenHigh, int[] brokenLow, int[] knownAt)
    {
        ArgumentNullException.ThrowIfNull(previousHigh);
        int n = previousHigh.Length;
        if (previousLow.Length != n || brokenHigh.Length != n || brokenLow.Length != n || knownAt.Length != n)
            throw new ArgumentException("All columns must have the same length.", nameof(previousLow));
        PreviousHigh = previousHigh;
        PreviousLow = previousLow;
        BrokenHigh = brokenHigh;
        BrokenLow = brokenLow;
        KnownAt = knownAt;
    }

    /// <summary>Number of rows (bars).</summary>
    public int Length => PreviousHigh.Length;

    /// <summary>High of the previous period, in price units; NaN while no such period exists.</summary>
    public double[] PreviousHigh { get; }

    /// <summary>Low of the previous period, in price units; NaN while no such period exists.</summary>
    public double[] PreviousLow { get; }

    /// <summary>1 when the current period (up to and including this bar) traded above <see cref="PreviousHigh"/>, else 0.</summary>
    public int[] BrokenHigh { get; }

    /// <summary>1 when the current period (up to and including this bar) traded below <see cref="PreviousLow"/>, else 0.</summary>
    public int[] BrokenLow { get; }

    /// <summary>
    /// KnownAt of the row's levels: the first bar whose row shows them (they are in fact available at that bar's
    /// open, as they describe a finished period, and stay until the next period starts). At most the row's own
    /// index; -1 where the levels are NaN. The broken flags of row t are known at the close of t.
    /// </summary>
    public int[] KnownAt { get; }
}
