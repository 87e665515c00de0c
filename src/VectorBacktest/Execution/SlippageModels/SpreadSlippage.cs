namespace VectorBacktest.Execution.SlippageModels;

/// <summary>
/// Bar prices are mids; a taker crosses half the quoted bid-ask spread: buys at <c>price × (1 + s/2)</c>, sells at
/// <c>price × (1 − s/2)</c>, so a round trip costs one full spread.
/// </summary>
/// <param name="SpreadFraction">Quoted spread as a fraction of the mid, in [0, 1).</param>
/// <exception cref="ArgumentOutOfRangeException"><paramref name="SpreadFraction"/> is outside [0, 1).</exception>
public readonly record struct SpreadSlippage(double SpreadFraction) : ISlippageModel
{
    /// <summary>Quoted spread as a fraction of the mid.</summary>
    public double SpreadFraction { get; } = SpreadFraction >= 0 && SpreadFraction < 1
        ? SpreadFraction : throw new ArgumentOutOfRangeException(nameof(SpreadFraction), SpreadFraction, "The spread must be in [0, 1).");

    /// <inheritdoc/>
    public double FillPrice(double price, OrderSide side, bool opensPosition, double quantity, double barVolume) =>
        side == OrderSide.Buy ? price * (1.0 + 0.5 * SpreadFraction) : price * (1.0 - 0.5 * SpreadFraction);
}
