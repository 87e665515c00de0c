namespace VectorBacktest.Execution;

/// <summary>Why an order was placed (entries) or a position was closed (exits).</summary>
public enum ExitReason : byte
{
    /// <summary>An entry, not an exit.</summary>
    None = 0,
    /// <summary>An exit signal or a strategy's close request.</summary>
    Signal = 1,
    /// <summary>An entry signal in the opposite direction closed the position before opening the new one.</summary>
    Reverse = 2,
    /// <summary>The stop-loss level was reached.</summary>
    StopLoss = 3,
    /// <summary>The take-profit level was reached.</summary>
    TakeProfit = 4,
    /// <summary>The trailing stop was reached.</summary>
    TrailingStop = 5,
    /// <summary>The time stop expired.</summary>
    TimeStop = 6,
    /// <summary>Closed at the end of the data (see <see cref="VectorBacktest.Portfolio.EndOfData"/>).</summary>
    EndOfData = 7,
    /// <summary>A leveraged position reached its liquidation price (see <see cref="VectorBacktest.Portfolio.SimulationOptions.Leverage"/>).</summary>
    Liquidation = 8,
    /// <summary>A reduction ordered by an order column (<c>OrderSimulator.FromOrders</c>) or a rebalance.</summary>
    Order = 9,
    /// <summary>The maximum drawdown stop flattened the portfolio.</summary>
    DrawdownHalt = 10,
}
