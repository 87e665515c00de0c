namespace VectorBacktest.Execution;

/// <summary>What happens to the part of an order that the bar's liquidity could not fill.</summary>
public enum RemainderPolicy : byte
{
    /// <summary>The remainder is dropped: the order is recorded as <see cref="OrderStatus.Partial"/> (or rejected with
    /// <see cref="RejectReason.NoLiquidity"/> when nothing filled).</summary>
    Cancel = 0,
    /// <summary>The remainder (in base units) works as a market order on the following bars, at their default fill price,
    /// until it is filled, replaced by a newer order (recorded as <see cref="RejectReason.Cancelled"/>) or the data ends.</summary>
    Carry = 1,
}
