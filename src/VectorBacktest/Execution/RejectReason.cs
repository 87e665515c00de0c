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
}
