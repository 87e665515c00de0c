namespace VectorBacktest.Results;

/// <summary>The tables of a <see cref="BacktestResult"/>; their columns are listed in <c>Results/README.md</c>.</summary>
public enum ResultTable : byte
{
    /// <summary>One row per order, filled or rejected, in processing order.</summary>
    Orders = 0,
    /// <summary>One row per trade (round trip), in closing order; an open one last.</summary>
    Trades = 1,
    /// <summary>One row per bar: time, cash, position value, equity, drawdown.</summary>
    Equity = 2,
}
