using VectorBacktest.Execution;

namespace VectorBacktest.Portfolio;

/// <summary>One order of a simulation, filled or rejected, in the order the simulator processed it.</summary>
/// <remarks>Bars are 0-based indexes into the bar series; times are bar <b>open</b> times, Unix epoch ms UTC.
/// <see cref="DecisionBar"/> is the bar whose close the decision was taken on; <see cref="Bar"/> the bar the fill
/// price belongs to (the next bar's open, the decision bar's close, or the bar an exit level was reached in).
/// The three "after" fields hold the portfolio state once the fill is applied, from which
/// <see cref="EquityCurve"/> rebuilds every bar.</remarks>
public readonly record struct OrderRecord
{
    /// <summary>Bar of the fill (for a rejection: the bar it would have filled on, or the decision bar).</summary>
    public int Bar { get; init; }
    /// <summary>Bar whose close the decision was taken on (equals <see cref="Bar"/> for exit levels reached inside a bar).</summary>
    public int DecisionBar { get; init; }
    /// <summary>Open time of <see cref="Bar"/>, epoch ms UTC.</summary>
    public long Time { get; init; }
    /// <summary>Buy or sell.</summary>
    public OrderSide Side { get; init; }
    /// <summary>Filled, partially filled or rejected.</summary>
    public OrderStatus Status { get; init; }
    /// <summary>Why it was rejected (<see cref="RejectReason.None"/> when filled).</summary>
    public RejectReason RejectReason { get; init; }
    /// <summary>Why the order was placed: <see cref="ExitReason.None"/> for an entry, else the exit's cause.</summary>
    public ExitReason Reason { get; init; }
    /// <summary>Filled quantity in base units, &gt; 0 (for a rejection: the quantity asked for, possibly 0).</summary>
    public double Quantity { get; init; }
    /// <summary>For a <see cref="OrderStatus.Partial"/> fill: the quantity that was asked for (0 otherwise).</summary>
    public double RequestedQuantity { get; init; }
    /// <summary>The symbol's index in a multi-asset run's universe (0 in single-asset runs).</summary>
    public int Asset { get; init; }
    /// <summary>Fill price after slippage, quote per base unit (NaN for a rejection without a price).</summary>
    public double Price { get; init; }
    /// <summary>Fee paid, quote currency (0 for a rejection).</summary>
    public double Fee { get; init; }
    /// <summary>True when the fill happened at <see cref="Bar"/>'s open, before that bar's funding event.</summary>
    public bool AtOpen { get; init; }
    /// <summary>Signed position after the fill, base units.</summary>
    public double PositionAfter { get; init; }
    /// <summary>Entry price of the position after the fill (0 when flat).</summary>
    public double EntryPriceAfter { get; init; }
    /// <summary>Realised balance after the fill: initial cash + realised P&amp;L − fees − settled funding (cash plus the position's cost basis).</summary>
    public double BalanceAfter { get; init; }

    /// <summary>True when the order opened (or added to) a position without reducing one; a from-orders flip, which reduces
    /// first, is not an entry.</summary>
    public bool IsEntry => Reason == ExitReason.None;
}
