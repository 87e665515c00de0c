namespace VectorBacktest.Execution.FeeModels;

/// <summary>No fees.</summary>
public readonly struct NoFee : IFeeModel
{
    /// <inheritdoc/>
    public double Fee(double quantity, double price, Liquidity liquidity, double tradedNotional) => 0.0;

    /// <inheritdoc/>
    public double AffordableQuantity(double budget, double price, Liquidity liquidity, double tradedNotional) => budget / price;
}
