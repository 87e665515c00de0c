namespace VectorBacktest.Portfolio.Orders;

/// <summary>
/// The order columns of <see cref="OrderSimulator.FromOrders{TFee, TSlippage}"/>, one value per bar (vectorbt's
/// <c>from_orders</c>). Row <c>t</c> is an order decided on bar <c>t</c>'s close.
/// </summary>
public readonly ref struct OrderInputs
{
    /// <summary>Sizes and optional explicit prices.</summary>
    /// <param name="size">Signed size per bar, read per <paramref name="sizeType"/>; NaN = no order.</param>
    /// <param name="sizeType">How sizes are read.</param>
    /// <param name="price">Explicit fill prices per bar (empty: all default); NaN = the fill timing's default price.</param>
    /// <param name="fundingRate">Perpetual-futures funding rate per bar (empty: none); see <see cref="FundingRate"/>.</param>
    /// <param name="atr">ATR per bar in quote currency (empty: none); see <see cref="Atr"/>.</param>
    public OrderInputs(ReadOnlySpan<double> size, SizeType sizeType = SizeType.Amount, ReadOnlySpan<double> price = default,
        ReadOnlySpan<double> fundingRate = default, ReadOnlySpan<double> atr = default)
    {
        Atr = atr;
        Size = size;
        SizeType = sizeType;
        Price = price;
        FundingRate = fundingRate;
    }

    /// <summary>Signed size per bar; NaN (or an infinite value) = no order on that bar.</summary>
    public ReadOnlySpan<double> Size { get; }
    /// <summary>How <see cref="Size"/> is read.</summary>
    public SizeType SizeType { get; }
    /// <summary>
    /// Explicit fill price per bar (empty or NaN: the default price, the fill bar's open under next-open timing or the
    /// decision bar's close under signal-close timing). An explicit price fills on the same fill bar without slippage, must lie
    /// within that bar's low–high range (else the order is rejected with <see cref="Execution.RejectReason.PriceOutsideBar"/>),
    /// and acts as the limit when an order book is walked.
    /// </summary>
    public ReadOnlySpan<double> Price { get; }

    /// <summary>
    /// Perpetual-futures funding rate per bar as a fraction, with the conventions of <see cref="SignalInputs.FundingRate"/>
    /// (0 on bars without a funding event; every value finite): a position held through a bar's open pays
    /// <c>quantity × open × rate</c> there (a long pays a positive rate, a short receives it); a fill at a bar's open does not
    /// pay that bar for the quantity it removes and pays it for the quantity it adds; a fill at a close pays it on the quantity
    /// held before. The funding accrued since the position's last fill is settled into the balance at each fill that changes it
    /// (and at an exit), so it is marked by <see cref="EquityCurve"/> from the order records and the funding column; a reduction's
    /// trade carries its share of the funding settled over the position's life (pro rata, like the entry fee). Empty: no funding.
    /// </summary>
    public ReadOnlySpan<double> FundingRate { get; }

    /// <summary>
    /// ATR in quote currency per bar, read by <see cref="Execution.ExitLevelKind.AtrMultiple"/> exits
    /// (<see cref="SimulationOptions.Exits"/>) on the bar of the order row that sets the levels (the opening row, an add's row, a
    /// flip's row); it must be finite and &gt; 0 there. Empty: ATR-multiple exits are refused.
    /// </summary>
    public ReadOnlySpan<double> Atr { get; }

    /// <exception cref="ArgumentException">A column of the wrong length; a funding rate that is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An unknown size type.</exception>
    internal void Validate(int barCount)
    {
        if (Size.Length != barCount) throw new ArgumentException($"orders.Size has {Size.Length} values but there are {barCount} bars.", "orders");
        if (Price.Length != 0 && Price.Length != barCount)
            throw new ArgumentException($"orders.Price has {Price.Length} values but there are {barCount} bars.", "orders");
        if (!Enum.IsDefined(SizeType)) throw new ArgumentOutOfRangeException("orders", SizeType, "Unknown size type.");
        if (Atr.Length != 0 && Atr.Length != barCount)
            throw new ArgumentException($"orders.Atr has {Atr.Length} values but there are {barCount} bars.", "orders");
        if (FundingRate.Length != 0 && FundingRate.Length != barCount)
            throw new ArgumentException($"orders.FundingRate has {FundingRate.Length} values but there are {barCount} bars.", "orders");
        for (int i = 0; i < FundingRate.Length; i++)
            if (!double.IsFinite(FundingRate[i]))
                throw new ArgumentException($"orders.FundingRate is {FundingRate[i]} on bar {i}; rates must be finite (0: no funding event).", "orders");
    }
}
