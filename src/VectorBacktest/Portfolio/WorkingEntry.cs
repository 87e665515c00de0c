using VectorBacktest.Execution;

namespace VectorBacktest.Portfolio;

/// <summary>
/// A strategy's view of its working (limit, stop or stop-limit) entry order on the current bar
/// (<see cref="StrategyContext.WorkingEntry"/>), after the bar's fills: an order that filled or expired on this bar is no longer
/// working.
/// </summary>
public readonly record struct WorkingEntry
{
    /// <summary>The position the order opens when it fills.</summary>
    public PositionSide Side { get; init; }

    /// <summary>Limit, stop or stop-limit.</summary>
    public OrderType Type { get; init; }

    /// <summary>The limit price (limit and stop-limit orders; NaN for a stop order).</summary>
    public double LimitPrice { get; init; }

    /// <summary>The stop (trigger) price (stop and stop-limit orders; NaN for a limit order).</summary>
    public double StopPrice { get; init; }

    /// <summary>True for a stop-limit order whose stop has triggered: it now rests as a limit order at <see cref="LimitPrice"/>.</summary>
    public bool Triggered { get; init; }

    /// <summary>The bar the order was placed on (amendments keep it).</summary>
    public int DecisionBar { get; init; }

    /// <summary>The last bar the order can fill on (its time in force, cut at the last bar of the data).</summary>
    public int LastBar { get; init; }

    /// <summary>The bars after the current one the order still works on (<see cref="LastBar"/> − current bar).</summary>
    public int BarsLeft { get; init; }

    /// <summary>The stop-loss price attached when it fills (NaN: <see cref="SimulationOptions.Exits"/>' stop-loss).</summary>
    public double StopLoss { get; init; }

    /// <summary>The take-profit price attached when it fills (NaN: the exit rules').</summary>
    public double TakeProfit { get; init; }
}
