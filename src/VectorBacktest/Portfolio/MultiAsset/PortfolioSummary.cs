namespace VectorBacktest.Portfolio.MultiAsset;

/// <summary>Running totals of a multi-asset run.</summary>
public readonly record struct PortfolioSummary
{
    /// <summary>Starting cash.</summary>
    public double InitialCash { get; init; }
    /// <summary>Equity after the last bar: cash plus every open position marked at its last known close.</summary>
    public double FinalEquity { get; init; }
    /// <summary>Orders filled (partial fills included).</summary>
    public int FilledOrders { get; init; }
    /// <summary>Orders rejected.</summary>
    public int RejectedOrders { get; init; }
    /// <summary>Closed trades (all symbols).</summary>
    public int ClosedTrades { get; init; }
    /// <summary>Closed trades with net P&amp;L &gt; 0.</summary>
    public int WinningTrades { get; init; }
    /// <summary>All fees paid.</summary>
    public double TotalFees { get; init; }
    /// <summary>Funding paid (negative: received), the open positions' accrued funding included.</summary>
    public double TotalFunding { get; init; }
    /// <summary>Largest drawdown of close-marked equity, a fraction ≥ 0.</summary>
    public double MaxDrawdown { get; init; }
    /// <summary>The bar whose close fired the drawdown stop, or −1.</summary>
    public int HaltBar { get; init; }

    /// <summary>Total return as a fraction: <c>FinalEquity / InitialCash − 1</c>.</summary>
    public double TotalReturn => FinalEquity / InitialCash - 1.0;
}
