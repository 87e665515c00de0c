namespace VectorBacktest.Execution.SlippageModels;

/// <summary>Fills at the reference price.</summary>
public readonly struct NoSlippage : ISlippageModel
{
    /// <inheritdoc/>
    public double FillPrice(double price, OrderSide side, bool opensPosition, double quantity, double barVolume) => price;
}
