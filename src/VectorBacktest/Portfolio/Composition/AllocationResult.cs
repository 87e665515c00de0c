namespace VectorBacktest.Portfolio.Composition;

/// <summary>The outcome of a <see cref="CapitalAllocation"/> run: each sleeve's own run and the combined equity.</summary>
/// <typeparam name="TSleeve">A sleeve's run: <see cref="SimulationResult"/> for a single-asset strategy (its orders and trades),
/// <see cref="MultiAsset.PortfolioSummary"/> for a multi-asset one.</typeparam>
public sealed class AllocationResult<TSleeve>
{
    internal AllocationResult(double initialCash, double finalEquity, TSleeve[] sleeves, double[] equity)
    {
        InitialCash = initialCash;
        FinalEquity = finalEquity;
        Sleeves = sleeves;
        Equity = equity;
    }

    /// <summary>The total starting cash.</summary>
    public double InitialCash { get; }
    /// <summary>Sum of the sleeves' final equity plus the unallocated cash.</summary>
    public double FinalEquity { get; }
    /// <summary>Each strategy's own run, in the order given.</summary>
    public IReadOnlyList<TSleeve> Sleeves { get; }
    /// <summary>Combined equity per bar, marked at each close (sum of the sleeves' equity curves plus the unallocated cash).</summary>
    public IReadOnlyList<double> Equity { get; }
}
