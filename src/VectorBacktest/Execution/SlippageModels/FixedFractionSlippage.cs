namespace VectorBacktest.Execution.SlippageModels;

/// <summary>
/// Every taker fill pays <see cref="Fraction"/> of the price: buys at <c>price × (1 + f)</c>, sells at
/// <c>price × (1 − f)</c> (vectorbt's <c>slippage</c>).
/// </summary>
/// <param name="Fraction">In [0, 1): 0.0005 = 5 basis points.</param>
/// <exception cref="ArgumentOutOfRangeException"><paramref name="Fraction"/> is outside [0, 1).</exception>
public readonly record struct FixedFractionSlippage(double Fraction) : ISlippageModel
{
    /// <summary>The fraction of the price paid per fill.</summary>
    public double Fraction { get; } = Fraction >= 0 && Fraction < 1
        ? Fraction : throw new ArgumentOutOfRangeException(nameof(Fraction), Fraction, "The slippage fraction must be in [0, 1).");

    /// <inheritdoc/>
    public double FillPrice(double price, OrderSide side, bool opensPosition, double quantity, double barVolume) =>
        side == OrderSide.Buy ? price * (1.0 + Fraction) : price * (1.0 - Fraction);
}
