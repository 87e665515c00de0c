namespace VectorBacktest.Analysis;

/// <summary>
/// One drawdown episode of an equity curve: from the last bar at the running peak, through the lowest bar, to the
/// first bar back at or above the peak. Bars are 0-based indexes into the equity curve.
/// </summary>
/// <param name="PeakBar">Last bar at the running maximum before the fall.</param>
/// <param name="ValleyBar">Bar of the lowest equity within the episode (the first one on ties).</param>
/// <param name="RecoveryBar">First bar whose equity is back at or above the peak; −1 when the curve ends under water.</param>
/// <param name="Depth">Valley equity / peak equity − 1: a fraction ≤ 0 (−0.25 is a 25 % drawdown).</param>
public readonly record struct DrawdownPeriod(int PeakBar, int ValleyBar, int RecoveryBar, double Depth)
{
    /// <summary>True when the equity came back to the peak before the end of the curve.</summary>
    public bool IsRecovered => RecoveryBar >= 0;

    /// <summary>
    /// Bars from the peak to the recovery, or to <paramref name="lastBar"/> (the curve's last bar) when unrecovered.
    /// </summary>
    public int Length(int lastBar) => (IsRecovered ? RecoveryBar : lastBar) - PeakBar;

    /// <summary>
    /// Calendar length from the peak bar's timestamp to the recovery bar's (or the last bar's when unrecovered);
    /// <paramref name="timeMs"/> holds the equity curve's bar times in epoch milliseconds.
    /// </summary>
    public TimeSpan Duration(ReadOnlySpan<long> timeMs) =>
        TimeSpan.FromMilliseconds(timeMs[IsRecovered ? RecoveryBar : timeMs.Length - 1] - timeMs[PeakBar]);
}
