namespace VectorBacktest.Execution.FeeModels;

/// <summary>
/// Binance's published base-tier (VIP 0) fee rates, as listed on binance.com/en/fee/schedule (2024). Rates change:
/// check the schedule before relying on them, and use <see cref="TieredFee"/> for VIP tiers.
/// </summary>
public static class BinanceFees
{
    /// <summary>Spot, VIP 0: maker 0.1000 %, taker 0.1000 %.</summary>
    public static MakerTakerFee Spot => new(0.001, 0.001);

    /// <summary>Spot, VIP 0, fees paid in BNB (25 % discount): maker 0.0750 %, taker 0.0750 %.</summary>
    public static MakerTakerFee SpotWithBnb => new(0.00075, 0.00075);

    /// <summary>USDⓈ-M perpetual futures, VIP 0: maker 0.0200 %, taker 0.0500 %.</summary>
    public static MakerTakerFee UsdMFutures => new(0.0002, 0.0005);
}
