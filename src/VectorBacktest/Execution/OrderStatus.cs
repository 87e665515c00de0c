namespace VectorBacktest.Execution;

/// <summary>Outcome of an order.</summary>
public enum OrderStatus : byte
{
    /// <summary>Filled completely.</summary>
    Filled = 0,
    /// <summary>Not filled; see <see cref="RejectReason"/>.</summary>
    Rejected = 1,
}
