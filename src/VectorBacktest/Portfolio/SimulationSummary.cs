namespace VectorBacktest.Portfolio;

/// <summary>Running totals of a simulation, kept at every <see cref="RecordLevel"/> (what a sweep stores per combination).</summary>
public readonly record struct SimulationSummary
{
    /// <summary>Starting cash.</summary>
    public double InitialCash { get; init; }
    /// <summary>Equity after the last bar: cash plus the open position marked at the last close.</summary>
    public double FinalEquity { get; init; }
    /// <summary>Signed position left open at the end, base units (0 when flat).</summary>
    public double FinalPosition { get; init; }
    /// <summary>Orders filled.</summary>
    public int FilledOrders { get; init; }
    /// <summary>Orders rejected (see <see cref="OrderRecord.RejectReason"/>).</summary>
    public int RejectedOrders { get; init; }
    /// <summary>Closed trades (an open one at the end is not counted).</summary>
    public int ClosedTrades { get; init; }
    /// <summary>Closed trades with P&amp;L &gt; 0, net of fees.</summary>
    public int WinningTrades { get; init; }
    /// <summary>Sum of the net P&amp;L of winning closed trades.</summary>
    public double GrossProfit { get; init; }
    /// <summary>Sum of the net P&amp;L of losing closed trades (&lt;= 0).</summary>
    public double GrossLoss { get; init; }
    /// <summary>All fees paid.</summary>
    public double TotalFees { get; init; }
    /// <summary>Net funding paid (negative when received), including what an open position has accrued.</summary>
    public double TotalFunding { get; init; }

    /// <summary>Total return as a fraction: <c>FinalEquity / InitialCash − 1</c>.</summary>
    public double TotalReturn => FinalEquity / InitialCash - 1.0;
}
