namespace VectorBacktest.Execution;

/// <summary>Outcome of an order.</summary>
public enum OrderStatus : byte
{
    /// <summary>Filled completely.</summary>
    Filled = 0,
    /// <summary>Not filled; see <see cref="RejectReason"/>.</summary>
    Rejected = 1,
    /// <summary>Filled in part (liquidity, order-book depth or cash capped it): <c>OrderRecord.Quantity</c> is what filled,
    /// <c>OrderRecord.RequestedQuantity</c> what was asked.</summary>
    Partial = 2,
}
