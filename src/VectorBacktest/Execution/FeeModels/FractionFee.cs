namespace VectorBacktest.Execution.FeeModels;

/// <summary>
/// A fee of <see cref="Rate"/> × notional plus <see cref="FixedPerOrder"/> on every fill, maker or taker alike
/// (backtesting.py's <c>commission=(fixed, rate)</c>; vectorbt's <c>fees</c> and <c>fixed_fees</c>).
/// </summary>
/// <param name="Rate">Fraction of the filled notional (0.001 = 0.1 %), &gt;= 0.</param>
/// <param name="FixedPerOrder">Quote currency per fill, &gt;= 0.</param>
/// <exception cref="ArgumentOutOfRangeException">A negative or non-finite value.</exception>
public readonly record struct FractionFee(double Rate, double FixedPerOrder = 0.0) : IFeeModel
{
    /// <summary>Fraction of the filled notional.</summary>
    public double Rate { get; } = Rate >= 0 && double.IsFinite(Rate)
        ? Rate : throw new ArgumentOutOfRangeException(nameof(Rate), Rate, "The fee rate must be finite and >= 0.");

    /// <summary>Quote currency per fill.</summary>
    public double FixedPerOrder { get; } = FixedPerOrder >= 0 && double.IsFinite(FixedPerOrder)
        ? FixedPerOrder : throw new ArgumentOutOfRangeException(nameof(FixedPerOrder), FixedPerOrder, "The fixed fee must be finite and >= 0.");

    /// <inheritdoc/>
    public double Fee(double quantity, double price, Liquidity liquidity, double tradedNotional) =>
        FixedPerOrder + quantity * price * Rate;

    /// <inheritdoc/>
    /// <remarks>Evaluated as vectorbt does: <c>((budget − fixed) / (1 + rate)) / price</c>.</remarks>
    public double AffordableQuantity(double budget, double price, Liquidity liquidity, double tradedNotional) =>
        Math.Max(0.0, (budget - FixedPerOrder) / (1.0 + Rate) / price);
}
