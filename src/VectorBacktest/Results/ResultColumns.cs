namespace VectorBacktest.Results;

/// <summary>Column names of the <see cref="ResultTable"/>s, shared by the Arrow tables, the data frames and the CSV files.</summary>
public static class ResultColumns
{
    /// <summary>Orders: bar of the fill (int32).</summary>
    public const string Bar = "bar";
    /// <summary>Orders: bar whose close the decision was taken on (int32).</summary>
    public const string DecisionBar = "decision_bar";
    /// <summary>Orders and equity: bar open time (timestamp[ms, UTC]).</summary>
    public const string Time = "time";
    /// <summary>Orders: <c>Buy</c>/<c>Sell</c>; trades: <c>Long</c>/<c>Short</c> (utf8).</summary>
    public const string Side = "side";
    /// <summary>Orders: <c>Filled</c>/<c>Rejected</c> (utf8).</summary>
    public const string Status = "status";
    /// <summary>Orders: <see cref="Execution.RejectReason"/> name (utf8).</summary>
    public const string RejectReason = "reject_reason";
    /// <summary>Orders: <see cref="Execution.ExitReason"/> name, <c>None</c> for an entry (utf8).</summary>
    public const string Reason = "reason";
    /// <summary>Orders and trades: quantity in base units, &gt; 0 (float64).</summary>
    public const string Quantity = "quantity";
    /// <summary>Orders: for a partial fill, the quantity asked for (0 otherwise) (float64).</summary>
    public const string RequestedQuantity = "requested_quantity";
    /// <summary>Orders and trades: the symbol's index in a multi-asset universe, 0 in single-asset runs (int32).</summary>
    public const string Asset = "asset";
    /// <summary>Orders: fill price after slippage (float64, NaN for a rejection without a price).</summary>
    public const string Price = "price";
    /// <summary>Orders: fee paid (float64).</summary>
    public const string Fee = "fee";
    /// <summary>Orders: filled at the bar's open (bool).</summary>
    public const string AtOpen = "at_open";
    /// <summary>Orders: signed position after the fill (float64).</summary>
    public const string PositionAfter = "position_after";
    /// <summary>Orders: entry price of the position after the fill (float64).</summary>
    public const string EntryPriceAfter = "entry_price_after";
    /// <summary>Orders: realised balance after the fill (float64).</summary>
    public const string BalanceAfter = "balance_after";
    /// <summary>Trades: bar of the entry fill (int32).</summary>
    public const string EntryBar = "entry_bar";
    /// <summary>Trades: bar of the exit fill (int32).</summary>
    public const string ExitBar = "exit_bar";
    /// <summary>Trades: open time of the entry bar (timestamp[ms, UTC]).</summary>
    public const string EntryTime = "entry_time";
    /// <summary>Trades: open time of the exit bar (timestamp[ms, UTC]).</summary>
    public const string ExitTime = "exit_time";
    /// <summary>Trades: entry fill price (float64).</summary>
    public const string EntryPrice = "entry_price";
    /// <summary>Trades: exit fill price, the last close for an open trade (float64).</summary>
    public const string ExitPrice = "exit_price";
    /// <summary>Trades: entry fee (float64).</summary>
    public const string EntryFee = "entry_fee";
    /// <summary>Trades: exit fee (float64).</summary>
    public const string ExitFee = "exit_fee";
    /// <summary>Trades: funding paid while open (float64).</summary>
    public const string Funding = "funding";
    /// <summary>Trades: PnL net of fees and funding, quote currency (float64).</summary>
    public const string Pnl = "pnl";
    /// <summary>Trades: return net of fees and funding, a fraction (float64).</summary>
    public const string Return = "return";
    /// <summary>Trades: <see cref="Execution.ExitReason"/> name, <c>None</c> while open (utf8).</summary>
    public const string ExitReason = "exit_reason";
    /// <summary>Trades: stop-loss level attached at entry (float64, NaN when none).</summary>
    public const string StopLoss = "stop_loss";
    /// <summary>Trades: take-profit level attached at entry (float64, NaN when none).</summary>
    public const string TakeProfit = "take_profit";
    /// <summary>Equity: free cash (float64).</summary>
    public const string Cash = "cash";
    /// <summary>Equity: signed position × close (float64).</summary>
    public const string PositionValue = "position_value";
    /// <summary>Equity: cash + position value (float64).</summary>
    public const string Equity = "equity";
    /// <summary>Equity: fraction below the running peak, ≥ 0 (float64).</summary>
    public const string Drawdown = "drawdown";
}
