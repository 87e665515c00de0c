namespace VectorBacktest.Indicators;

/// <summary>How <see cref="Sma"/> sums its windows.</summary>
public enum SmaMode
{
    /// <summary>
    /// Bit for bit what pandas 1.5 <c>Series.rolling(window).mean()</c> returns: one running Kahan sum over the
    /// whole series with separate compensations for entering and leaving values, and pandas' overrides (a window
    /// of identical values returns that value; an all-non-negative window never returns a negative mean, and the
    /// mirror). About 3.4 ms per million bars on a Zen 4 core: every bar adds four dependent floating-point
    /// additions to one sequential chain, which no reordering may shorten without changing bits.
    /// </summary>
    Pandas,

    /// <summary>
    /// <see cref="Kernels.RollingSum"/> divided by the window: a running sum re-seeded every few thousand bars,
    /// four chains interleaved. Within a few ulps of the exact mean (not bit-equal to pandas); about 1 ms per
    /// million bars.
    /// A window holding ±∞ gives NaN here (pandas would give ±∞ and then NaN for ever after).
    /// </summary>
    Fast,
}
