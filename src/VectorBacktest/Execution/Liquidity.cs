namespace VectorBacktest.Execution;

/// <summary>Whether a fill adds liquidity to the book (maker) or takes it (taker), which decides the fee rate.</summary>
/// <remarks>Market orders, stop orders, stop-loss and trailing-stop exits are takers; limit orders and
/// take-profit exits (resting limit orders) are makers.</remarks>
public enum Liquidity : byte
{
    /// <summary>Takes liquidity (market, stop).</summary>
    Taker = 0,
    /// <summary>Adds liquidity (a resting limit order).</summary>
    Maker = 1,
}
