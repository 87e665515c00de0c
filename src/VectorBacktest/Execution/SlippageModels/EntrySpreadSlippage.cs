namespace VectorBacktest.Execution.SlippageModels;

/// <summary>
/// backtesting.py's <c>spread</c>: the whole spread is paid once, when a position opens (a long at
/// <c>price × (1 + s)</c>, a short at <c>price × (1 − s)</c>); every exit fills at the unadjusted price.
/// </summary>
/// <param name="Spread">Fraction in [0, 1).</param>
/// <exception cref="ArgumentOutOfRangeException"><paramref name="Spread"/> is outside [0, 1).</exception>
public readonly record struct EntrySpreadSlippage(double Spread) : ISlippageModel
{
    /// <summary>The spread fraction paid on entry.</summary>
    public double Spread { get; } = Spread >= 0 && Spread < 1
        ? Spread : throw new ArgumentOutOfRangeException(nameof(Spread), Spread, "The spread must be in [0, 1).");

    /// <inheritdoc/>
    public double FillPrice(double price, OrderSide side, bool opensPosition, double quantity, double barVolume) =>
        !opensPosition ? price : side == OrderSide.Buy ? price * (1.0 + Spread) : price * (1.0 - Spread);
}
