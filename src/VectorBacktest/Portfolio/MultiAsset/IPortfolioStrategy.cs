namespace VectorBacktest.Portfolio.MultiAsset;

/// <summary>
/// A multi-asset strategy driven bar by bar by <see cref="PortfolioSimulator.Run{TStrategy, TFill, TFee, TSlippage}"/>. It may be a
/// <c>struct</c> (passed by reference, so it can keep state, and called without a virtual call) or a class.
/// </summary>
public interface IPortfolioStrategy
{
    /// <summary>
    /// Called once per bar of the universe's index, after that bar's fills and exit-level checks, with every symbol's data up
    /// to and including the bar (<see cref="PortfolioContext.Bar"/>). Requests placed on <paramref name="context"/> are executed
    /// by <see cref="PortfolioOptions.Timing"/>, through the same shared-cash book as signal columns.
    /// </summary>
    void OnBar(ref PortfolioContext context);
}
