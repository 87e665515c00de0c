using VectorBacktest.Execution;

namespace VectorBacktest.Portfolio;

/// <summary>A round trip: one position from its entry fill to its exit fill, in closing order.</summary>
/// <remarks>Bars are 0-based bar indexes; times are bar <b>open</b> times in Unix epoch ms UTC (the fill
/// happened at that bar's open, close or inside it: see <see cref="OrderRecord"/>). A position still open at the
/// end under <see cref="EndOfData.KeepOpen"/> is reported with <see cref="IsOpen"/> true, marked at the last
/// close without an exit fee. Under <see cref="Orders.OrderSimulator"/> every reduction of a position is a trade of the
/// reduced quantity, at the position's average entry price, with its pro-rata share of the entry fees (vectorbt's exit trades),
/// and <see cref="EntryBar"/> is the bar the position was opened on.</remarks>
public readonly record struct TradeRecord
{
    /// <summary>The symbol's index in a multi-asset run's universe (0 in single-asset runs).</summary>
    public int Asset { get; init; }
    /// <summary>Bar of the entry fill.</summary>
    public int EntryBar { get; init; }
    /// <summary>Bar of the exit fill (the last bar for an open trade).</summary>
    public int ExitBar { get; init; }
    /// <summary>Open time of <see cref="EntryBar"/>, epoch ms UTC.</summary>
    public long EntryTime { get; init; }
    /// <summary>Open time of <see cref="ExitBar"/>, epoch ms UTC.</summary>
    public long ExitTime { get; init; }
    /// <summary>Long or short.</summary>
    public PositionSide Side { get; init; }
    /// <summary>Quantity in base units, &gt; 0.</summary>
    public double Quantity { get; init; }
    /// <summary>Entry fill price after slippage.</summary>
    public double EntryPrice { get; init; }
    /// <summary>Exit fill price after slippage (the last close for an open trade).</summary>
    public double ExitPrice { get; init; }
    /// <summary>Fee paid on entry, quote currency.</summary>
    public double EntryFee { get; init; }
    /// <summary>Fee paid on exit, quote currency (0 for an open trade).</summary>
    public double ExitFee { get; init; }
    /// <summary>Funding paid while the trade was open (negative when received; 0 without a funding column).</summary>
    public double Funding { get; init; }
    /// <summary>Profit and loss net of fees and funding: <c>size × (exit − entry) − (exitFee + entryFee) − funding</c>, size signed.</summary>
    public double Pnl { get; init; }
    /// <summary>Return net of fees and funding, a fraction:
    /// <c>sign × (exit / entry − 1) − (exitFee + entryFee + funding) / (quantity × entry)</c>.</summary>
    public double Return { get; init; }
    /// <summary>Why the trade was closed (<see cref="ExitReason.None"/> while open).</summary>
    public ExitReason ExitReason { get; init; }
    /// <summary>Stop-loss level attached at entry (NaN when none).</summary>
    public double StopLoss { get; init; }
    /// <summary>Take-profit level attached at entry (NaN when none).</summary>
    public double TakeProfit { get; init; }

    /// <summary>Signed size: +quantity for a long, −quantity for a short.</summary>
    public double Size => Side == PositionSide.Short ? -Quantity : Quantity;
    /// <summary>Both fees.</summary>
    public double Commission => ExitFee + EntryFee;
    /// <summary>True when the position was still open at the end.</summary>
    public bool IsOpen => ExitReason == ExitReason.None;
}
