namespace VectorBacktest.Analysis;

/// <summary>
/// Summary of every drawdown episode of an equity curve (see <see cref="Drawdowns.Summarize"/>). Depths are
/// fractions ≤ 0; lengths are in bars (multiply by the bar duration for time). A curve that never falls has
/// <see cref="Count"/> 0, depths 0, lengths 0 and <see cref="MaxDrawdownRecoveryBars"/> 0.
/// </summary>
/// <param name="MaxDrawdown">Deepest fall from a running peak, <c>min_t(e_t / max_{s≤t} e_s − 1)</c>; NaN for an empty curve.</param>
/// <param name="MaxDrawdownPeakBar">Peak bar of the deepest episode (−1 when none).</param>
/// <param name="MaxDrawdownValleyBar">Valley bar of the deepest episode (−1 when none).</param>
/// <param name="MaxDrawdownRecoveryBar">Recovery bar of the deepest episode; −1 when none or unrecovered.</param>
/// <param name="MaxDrawdownRecoveryBars">Bars from the deepest valley to its recovery; −1 when unrecovered.</param>
/// <param name="LongestDrawdownBars">Longest episode, peak to recovery (or to the last bar when unrecovered).</param>
/// <param name="AverageDrawdown">Mean depth over all episodes (0 when none).</param>
/// <param name="AverageDrawdownBars">Mean episode length in bars (0 when none).</param>
/// <param name="Count">Number of episodes, including one still open at the end.</param>
public readonly record struct DrawdownStatistics(
    double MaxDrawdown,
    int MaxDrawdownPeakBar,
    int MaxDrawdownValleyBar,
    int MaxDrawdownRecoveryBar,
    int MaxDrawdownRecoveryBars,
    int LongestDrawdownBars,
    double AverageDrawdown,
    double AverageDrawdownBars,
    int Count);
