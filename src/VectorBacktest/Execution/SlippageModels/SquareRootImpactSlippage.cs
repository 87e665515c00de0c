namespace VectorBacktest.Execution.SlippageModels;

/// <summary>
/// The square-root law of market impact: the price moves by <c>Coefficient × Volatility × sqrt(quantity / barVolume)</c>
/// (buys up, sells down). See Almgren, Thum, Hauptmann and Li, "Direct Estimation of Equity Market Impact", Risk
/// (2005), and Tóth et al., "Anomalous price impact and the critical nature of liquidity in financial markets",
/// Phys. Rev. X 1, 021006 (2011).
/// </summary>
/// <remarks>Calibration caveat: the law is stated for a metaorder against the day's volume and daily volatility;
/// here the order is set against the fill bar's volume, so <paramref name="Volatility"/> should be the volatility of
/// one bar. The coefficient is of order 1 in the literature. A bar with zero volume gives the impact of a
/// quantity equal to the bar (<c>Coefficient × Volatility</c>).</remarks>
/// <param name="Coefficient">Dimensionless prefactor (the literature's Y, about 0.5 to 1), &gt;= 0.</param>
/// <param name="Volatility">Volatility of one bar's return, as a fraction, &gt;= 0.</param>
/// <exception cref="ArgumentOutOfRangeException">A negative or non-finite value.</exception>
public readonly record struct SquareRootImpactSlippage(double Coefficient, double Volatility) : ISlippageModel
{
    /// <summary>Dimensionless prefactor.</summary>
    public double Coefficient { get; } = Coefficient >= 0 && double.IsFinite(Coefficient)
        ? Coefficient : throw new ArgumentOutOfRangeException(nameof(Coefficient), Coefficient, "The coefficient must be finite and >= 0.");

    /// <summary>Volatility of one bar's return.</summary>
    public double Volatility { get; } = Volatility >= 0 && double.IsFinite(Volatility)
        ? Volatility : throw new ArgumentOutOfRangeException(nameof(Volatility), Volatility, "The volatility must be finite and >= 0.");

    /// <inheritdoc/>
    public double FillPrice(double price, OrderSide side, bool opensPosition, double quantity, double barVolume)
    {
        double share = barVolume > 0 ? quantity / barVolume : (quantity > 0 ? 1.0 : 0.0);
        double impact = Coefficient * Volatility * Math.Sqrt(share);
        return side == OrderSide.Buy ? price * (1.0 + impact) : price * (1.0 - impact);
    }
}
