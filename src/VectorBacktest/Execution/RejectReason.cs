namespace VectorBacktest.Execution;

/// <summary>Why an order did not fill (recorded on the order, never dropped silently).</summary>
public enum RejectReason : byte
{
    /// <summary>Not rejected.</summary>
    None = 0,
    /// <summary>The quantity rounded down to the lot step is zero or below the minimum quantity.</summary>
    BelowMinQuantity = 1,
    /// <summary>Quantity × price is below the minimum notional.</summary>
    BelowMinNotional = 2,
    /// <summary>The cash (or margin) does not cover quantity × price plus fees.</summary>
    InsufficientFunds = 3,
    /// <summary>The decision came on the last bar and next-open timing has no bar left to fill on.</summary>
    EndOfData = 4,
    /// <summary>A limit or stop order was not triggered within its time in force.</summary>
    Expired = 5,
    /// <summary>The strategy cancelled the order before it filled.</summary>
    Cancelled = 6,
    /// <summary>The order's explicit price lies outside its fill bar's low–high range.</summary>
    PriceOutsideBar = 7,
    /// <summary>The fill bar offers nothing to fill against: zero (or missing) volume under a volume cap, or an empty
    /// order-book side (or no level within the order's price).</summary>
    NoLiquidity = 8,
    /// <summary>The symbol has no bar at the fill (or decision) position of a multi-asset universe.</summary>
    MissingBar = 9,
    /// <summary>A per-asset or total exposure cap (fraction of equity) leaves no room for the order.</summary>
    ExposureLimit = 10,
    /// <summary>The maximum position size leaves no room for the order.</summary>
    PositionLimit = 11,
    /// <summary>The daily loss limit was reached: new entries are blocked until the next UTC day.</summary>
    DailyLossLimit = 12,
    /// <summary>The maximum drawdown stop fired: the portfolio was flattened and accepts no new entries.</summary>
    DrawdownHalt = 13,
    /// <summary>The sizing rule asked for nothing: a Kelly weight ≤ 0 (no edge), or no equity left to size from.</summary>
    NoEdge = 14,
}
