using VectorBacktest.Portfolio.MultiAsset;

namespace VectorBacktest.Portfolio.Composition;

/// <summary>The outcome of
/// <see cref="CapitalAllocation.Run{TFill, TFee, TSlippage}(Data.Universe, IReadOnlyList{IPortfolioStrategy}, IReadOnlyList{double}, PortfolioOptions, TFill, TFee, TSlippage, ReadOnlySpan{double})"/>: each sleeve's summary
/// and the combined equity. A sleeve's orders and trades are those of <see cref="PortfolioSimulator.Run{TStrategy, TFill, TFee, TSlippage}"/>
/// on its own cash.</summary>
public sealed class PortfolioAllocationResult
{
    internal PortfolioAllocationResult(double initialCash, double finalEquity, PortfolioSummary[] sleeves, double[] equity)
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
    public IReadOnlyList<PortfolioSummary> Sleeves { get; }
    /// <summary>Combined equity per bar, marked at each close (sum of the sleeves' equity plus the unallocated cash).</summary>
    public IReadOnlyList<double> Equity { get; }
}
