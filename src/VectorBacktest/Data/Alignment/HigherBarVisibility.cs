namespace VectorBacktest.Data.Alignment;

/// <summary>
/// When a higher-timeframe bar becomes visible to the bars of a lower timeframe. With higher bar <c>k</c> opening at
/// <c>T_k</c> (timeframe <c>H</c>) and lower bar <c>i</c> opening at <c>t_i</c> (timeframe <c>L</c>), lower bar
/// <c>i</c> sees the newest higher bar that satisfies the rule. Neither rule ever shows a higher bar before it has closed.
/// </summary>
public enum HigherBarVisibility
{
    /// <summary>
    /// Default and strictest: <c>T_k + H ≤ t_i</c>. A higher bar is visible from the first lower bar that opens at or
    /// after its close, so even a decision taken at a lower bar's open only uses closed higher bars.
    /// </summary>
    FromNextLowerBar,

    /// <summary>
    /// The common charting convention: <c>T_k + H ≤ t_i + L</c>. A higher bar is visible on the lower bar that closes
    /// together with it (the 5-minute bar opening 15:55 sees the hourly bar opening 15:00), which is safe only for decisions taken at the
    /// lower bar's close, the library's default (a signal on bar <c>t</c>'s close fills at bar <c>t+1</c>'s open).
    /// </summary>
    AtLowerBarClose,
}
