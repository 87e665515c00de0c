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
    public OrderInputs(ReadOnlySpan<double> size, SizeType sizeType = SizeType.Amount, ReadOnlySpan<double> price = default)
    {
        Size = size;
        SizeType = sizeType;
        Price = price;
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

    /// <exception cref="ArgumentException">A column of the wrong length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An unknown size type.</exception>
    internal void Validate(int barCount)
    {
        if (Size.Length != barCount) throw new ArgumentException($"orders.Size has {Size.Length} values but there are {barCount} bars.", "orders");
        if (Price.Length != 0 && Price.Length != barCount)
            throw new ArgumentException($"orders.Price has {Price.Length} values but there are {barCount} bars.", "orders");
        if (!Enum.IsDefined(SizeType)) throw new ArgumentOutOfRangeException("orders", SizeType, "Unknown size type.");
    }
}
