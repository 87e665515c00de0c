namespace VectorBacktest.Execution.FeeModels;

/// <summary>
/// Separate rates for fills that add liquidity (limit orders, take-profits) and fills that take it (market and stop
/// orders, stop-losses), as fractions of the filled notional. Exchange rates: <see cref="BinanceFees"/>.
/// </summary>
/// <param name="MakerRate">Fraction of notional for maker fills (may be negative for a rebate, &gt; −1).</param>
/// <param name="TakerRate">Fraction of notional for taker fills, &gt;= 0.</param>
/// <exception cref="ArgumentOutOfRangeException">A rate out of range or not finite.</exception>
public readonly record struct MakerTakerFee(double MakerRate, double TakerRate) : IFeeModel
{
    /// <summary>Fraction of notional for maker fills.</summary>
    public double MakerRate { get; } = MakerRate > -1 && double.IsFinite(MakerRate)
        ? MakerRate : throw new ArgumentOutOfRangeException(nameof(MakerRate), MakerRate, "The maker rate must be finite and > -1.");

    /// <summary>Fraction of notional for taker fills.</summary>
    public double TakerRate { get; } = TakerRate >= 0 && double.IsFinite(TakerRate)
        ? TakerRate : throw new ArgumentOutOfRangeException(nameof(TakerRate), TakerRate, "The taker rate must be finite and >= 0.");

    /// <inheritdoc/>
    public double Fee(double quantity, double price, Liquidity liquidity, double tradedNotional) =>
        quantity * price * (liquidity == Liquidity.Maker ? MakerRate : TakerRate);

    /// <inheritdoc/>
    public double AffordableQuantity(double budget, double price, Liquidity liquidity, double tradedNotional) =>
        Math.Max(0.0, budget / (1.0 + (liquidity == Liquidity.Maker ? MakerRate : TakerRate)) / price);
}
