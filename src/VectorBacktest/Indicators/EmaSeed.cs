namespace VectorBacktest.Indicators;

/// <summary>How an exponential moving average starts.</summary>
public enum EmaSeed
{
    /// <summary>
    /// pandas <c>ewm(span=period, adjust=False).mean()</c>, bit for bit: the first non-NaN input is the first
    /// output, then <c>y = ((1 − α)·y + α·x) / ((1 − α) + α)</c> with <c>α = 1 / (1 + (period − 1) / 2)</c>,
    /// evaluated as pandas does. Defined from the first non-NaN input (index 0 on clean data). A NaN input
    /// repeats the previous output, and the next value gets the weight a gap of that length implies
    /// (pandas' <c>ignore_na=False</c>). Used by vectorbt and most Python code.
    /// </summary>
    FirstValue,

    /// <summary>
    /// The classic (TA-Lib) start: the first output is the plain mean of the first <c>period</c> values, at index
    /// <c>f + period − 1</c> where <c>f</c> is the first non-NaN input; then <c>y = y·(1 − α) + α·x</c> with
    /// <c>α = 2 / (period + 1)</c>, evaluated as one fused multiply-add (TA-Lib's values up to the last bit or two). Leading NaNs are skipped (so an EMA of an indicator with a warm-up works); a
    /// NaN after the start makes every later output NaN.
    /// </summary>
    Sma,
}
