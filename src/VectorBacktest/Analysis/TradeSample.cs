namespace VectorBacktest.Analysis;

/// <summary>
/// One trade as the analysis layer reads it: the small, engine-independent record the execution engine maps its
/// trades onto. Bars are 0-based indexes into the bar series; times are epoch milliseconds UTC.
/// </summary>
/// <param name="EntryBar">Bar on which the position was opened.</param>
/// <param name="ExitBar">Bar on which it was closed (for an open trade: the last bar it was valued on).</param>
/// <param name="EntryTimeMs">Entry time (epoch ms UTC), normally the entry bar's time.</param>
/// <param name="ExitTimeMs">Exit time (epoch ms UTC).</param>
/// <param name="Size">Units traded, signed: positive for a long trade, negative for a short one.</param>
/// <param name="EntryPrice">Average entry fill price (including spread/slippage).</param>
/// <param name="ExitPrice">Average exit fill price (for an open trade: the price it is valued at).</param>
/// <param name="Fees">Fees (commissions) paid on entry and exit, in cash, ≥ 0.</param>
/// <param name="PnL">Profit and loss in cash, net of <paramref name="Fees"/>.</param>
/// <param name="Return">Return as a fraction of the entry notional, net of fees (0.05 = +5 %).</param>
/// <param name="IsOpen">True when the trade was still open at the end of the data and only marked to market.</param>
public readonly record struct TradeSample(
    int EntryBar,
    int ExitBar,
    long EntryTimeMs,
    long ExitTimeMs,
    double Size,
    double EntryPrice,
    double ExitPrice,
    double Fees,
    double PnL,
    double Return,
    bool IsOpen = false)
{
    /// <summary>True for a long trade (<see cref="Size"/> &gt; 0).</summary>
    public bool IsLong => Size > 0;

    /// <summary>True for a short trade (<see cref="Size"/> &lt; 0).</summary>
    public bool IsShort => Size < 0;

    /// <summary>Holding time, exit time minus entry time.</summary>
    public TimeSpan Duration => TimeSpan.FromMilliseconds(ExitTimeMs - EntryTimeMs);

    /// <summary>Bars held, exit bar minus entry bar.</summary>
    public int Bars => ExitBar - EntryBar;
}
