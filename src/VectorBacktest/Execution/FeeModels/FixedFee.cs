namespace VectorBacktest.Execution.FeeModels;

/// <summary>A flat fee of <see cref="Amount"/> quote currency per fill, whatever its size.</summary>
/// <param name="Amount">Quote currency per fill, &gt;= 0.</param>
/// <exception cref="ArgumentOutOfRangeException">A negative or non-finite value.</exception>
public readonly record struct FixedFee(double Amount) : IFeeModel
{
    /// <summary>Quote currency per fill.</summary>
    public double Amount { get; } = Amount >= 0 && double.IsFinite(Amount)
        ? Amount : throw new ArgumentOutOfRangeException(nameof(Amount), Amount, "The fixed fee must be finite and >= 0.");

    /// <inheritdoc/>
    public double Fee(double quantity, double price, Liquidity liquidity, double tradedNotional) => Amount;

    /// <inheritdoc/>
    public double AffordableQuantity(double budget, double price, Liquidity liquidity, double tradedNotional) =>
        Math.Max(0.0, (budget - Amount) / price);
}
