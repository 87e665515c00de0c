namespace VectorBacktest.Execution.SlippageModels;

/// <summary>
/// Quadratic volume-share impact, as zipline's <c>VolumeShareSlippage</c> (Quantopian): with
/// <c>share = min(quantity / barVolume, VolumeLimit)</c> the price moves by <c>ImpactCoefficient × share²</c>
/// (buys up, sells down). Fills are not capped at the volume limit here; the limit only caps the impact.
/// A bar with zero volume is treated as if the order took the whole limit. <c>default</c> has no impact.
/// </summary>
/// <remarks>Calibration caveat: zipline's defaults (coefficient 0.1, limit 0.025) were set for US equities on
/// daily bars; on minute crypto bars they are a guess to be calibrated against one's own fills.</remarks>
/// <param name="ImpactCoefficient">Impact at a volume share of 1, fraction of price, &gt;= 0 (zipline: 0.1).</param>
/// <param name="VolumeLimit">Largest volume share used, in (0, 1] (zipline: 0.025).</param>
/// <exception cref="ArgumentOutOfRangeException">A value out of range.</exception>
public readonly record struct VolumeShareSlippage(double ImpactCoefficient, double VolumeLimit) : ISlippageModel
{
    /// <summary>zipline's defaults: coefficient 0.1, volume limit 0.025.</summary>
    public static VolumeShareSlippage ZiplineDefaults => new(0.1, 0.025);

    /// <summary>Impact at a volume share of 1.</summary>
    public double ImpactCoefficient { get; } = ImpactCoefficient >= 0 && double.IsFinite(ImpactCoefficient)
        ? ImpactCoefficient : throw new ArgumentOutOfRangeException(nameof(ImpactCoefficient), ImpactCoefficient, "The impact coefficient must be finite and >= 0.");

    /// <summary>Largest volume share used.</summary>
    public double VolumeLimit { get; } = VolumeLimit > 0 && VolumeLimit <= 1
        ? VolumeLimit : throw new ArgumentOutOfRangeException(nameof(VolumeLimit), VolumeLimit, "The volume limit must be in (0, 1].");

    /// <inheritdoc/>
    public double FillPrice(double price, OrderSide side, bool opensPosition, double quantity, double barVolume)
    {
        double share = barVolume > 0 ? Math.Min(quantity / barVolume, VolumeLimit) : (quantity > 0 ? VolumeLimit : 0.0);
        double impact = ImpactCoefficient * share * share;
        return side == OrderSide.Buy ? price * (1.0 + impact) : price * (1.0 - impact);
    }
}
