namespace VectorBacktest.Execution;

/// <summary>
/// Exchange quantity filters (Binance's <c>LOT_SIZE</c> and <c>MIN_NOTIONAL</c>): quantities are rounded
/// <b>down</b> to a multiple of <see cref="QuantityStep"/>; an order below <see cref="MinQuantity"/> or
/// <see cref="MinNotional"/> is rejected and recorded with its reason. <c>default</c> = fractional
/// quantities, no minimums.
/// </summary>
public readonly record struct LotRules
{
    /// <summary>Quantity increment in base-asset units (e.g. 0.00001 BTC); 0 = any fractional quantity; 1 = whole units.</summary>
    public double QuantityStep { get; init; }

    /// <summary>Smallest accepted quantity in base-asset units; 0 = none.</summary>
    public double MinQuantity { get; init; }

    /// <summary>Smallest accepted quantity × fill price in quote currency (e.g. 5 USDT); 0 = none.</summary>
    public double MinNotional { get; init; }

    /// <summary>Whole units only (backtesting.py).</summary>
    public static LotRules WholeUnits => new() { QuantityStep = 1 };

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative or non-finite value.</exception>
    public void Validate()
    {
        if (!(QuantityStep >= 0 && double.IsFinite(QuantityStep)))
            throw new ArgumentOutOfRangeException(nameof(QuantityStep), QuantityStep, "The quantity step must be finite and >= 0.");
        if (!(MinQuantity >= 0 && double.IsFinite(MinQuantity)))
            throw new ArgumentOutOfRangeException(nameof(MinQuantity), MinQuantity, "The minimum quantity must be finite and >= 0.");
        if (!(MinNotional >= 0 && double.IsFinite(MinNotional)))
            throw new ArgumentOutOfRangeException(nameof(MinNotional), MinNotional, "The minimum notional must be finite and >= 0.");
    }

    /// <summary>
    /// <paramref name="quantity"/> rounded down to the step (exact floor of the quotient, as Python's float
    /// <c>//</c>, so a quotient that rounds up to an integer is not taken), or the quantity itself when there is no step.
    /// </summary>
    public double RoundDown(double quantity)
    {
        if (QuantityStep == 0) return quantity;
        if (QuantityStep == 1) return FloorDivision.Floor(quantity, 1.0);
        return FloorDivision.Floor(quantity, QuantityStep) * QuantityStep;
    }

    /// <summary>The rejection reason for filling <paramref name="quantity"/> (already rounded) at <paramref name="price"/>, or <see cref="RejectReason.None"/>.</summary>
    public RejectReason Check(double quantity, double price)
    {
        if (!(quantity > 0) || quantity < MinQuantity) return RejectReason.BelowMinQuantity;
        if (quantity * price < MinNotional) return RejectReason.BelowMinNotional;
        return RejectReason.None;
    }
}
