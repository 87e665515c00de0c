using VectorBacktest.Portfolio.Orders;

namespace VectorBacktest.Portfolio.MultiAsset;

/// <summary>
/// Per-symbol order columns of <see cref="PortfolioSimulator.FromOrders{TFee, TSlippage}"/>, flattened symbol-major like
/// <see cref="PortfolioSignals"/>: symbol <c>s</c>'s row on bar <c>t</c> is element <c>s × bars + t</c>. Row <c>t</c> is an
/// order decided on bar <c>t</c>'s close; the values read as in <see cref="OrderInputs"/>.
/// </summary>
public readonly ref struct PortfolioOrders
{
    /// <summary>Sizes and optional explicit prices.</summary>
    /// <param name="size">Signed size per symbol and bar, read per <paramref name="sizeType"/>; NaN = no order. <c>symbols × bars</c> long.</param>
    /// <param name="sizeType">How sizes are read (for every symbol unless <paramref name="sizeTypes"/> is given).</param>
    /// <param name="price">Explicit fill prices per symbol and bar (empty: all default); NaN = the fill timing's default price.</param>
    /// <param name="sizeTypes">How each symbol's sizes are read, one per symbol (empty: <paramref name="sizeType"/> for all).</param>
    /// <param name="atr">ATR per symbol and bar in quote currency, symbol-major (empty: none); see <see cref="Atr"/>.</param>
    public PortfolioOrders(ReadOnlySpan<double> size, SizeType sizeType = SizeType.Amount, ReadOnlySpan<double> price = default,
        ReadOnlySpan<SizeType> sizeTypes = default, ReadOnlySpan<double> atr = default)
    {
        Atr = atr;
        Size = size;
        SizeType = sizeType;
        Price = price;
        SizeTypes = sizeTypes;
    }

    /// <summary>Signed size per symbol and bar, symbol-major; NaN (or an infinite value) = no order.</summary>
    public ReadOnlySpan<double> Size { get; }
    /// <summary>How <see cref="Size"/> is read (unless <see cref="SizeTypes"/> is given). Percent sizes are fractions of the
    /// portfolio's equity (shared cash).</summary>
    public SizeType SizeType { get; }
    /// <summary>How each symbol's sizes are read, one per symbol (empty: <see cref="SizeType"/> for every symbol).</summary>
    public ReadOnlySpan<SizeType> SizeTypes { get; }
    /// <summary>Explicit fill price per symbol and bar, symbol-major (empty or NaN: the default price); it must lie within the
    /// symbol's fill bar low–high range (else <see cref="Execution.RejectReason.PriceOutsideBar"/>) and is not slipped.</summary>
    public ReadOnlySpan<double> Price { get; }
    /// <summary>Funding rate per symbol and bar, symbol-major (empty: none), with the conventions of
    /// <see cref="PortfolioSignals.FundingRate"/>; settled into the balance at every fill that changes the symbol's position, a
    /// reduction's trade carrying its pro-rata share, as in <see cref="OrderInputs.FundingRate"/>.</summary>
    public ReadOnlySpan<double> FundingRate { get; init; }

    /// <summary>
    /// ATR in quote currency per symbol and bar, symbol-major, read by <see cref="Execution.ExitLevelKind.AtrMultiple"/> exits
    /// (<see cref="PortfolioOptions.Exits"/>) as <see cref="OrderInputs.Atr"/> is: on the bar of the symbol's order row that sets
    /// the levels (the opening row, an add's row, a flip's row); it must be finite and &gt;= 0 there. Empty: ATR-multiple exits
    /// are refused.
    /// </summary>
    public ReadOnlySpan<double> Atr { get; }

    /// <summary>How symbol <paramref name="symbol"/>'s sizes are read.</summary>
    internal SizeType TypeOf(int symbol) => SizeTypes.IsEmpty ? SizeType : SizeTypes[symbol];

    /// <exception cref="ArgumentException">A column of the wrong length (size, price, ATR); size types neither empty nor one per symbol.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An unknown size type.</exception>
    internal void Validate(int symbols, int bars)
    {
        long cells = (long)symbols * bars;
        if (Size.Length != cells)
            throw new ArgumentException($"orders.Size has {Size.Length} values but symbols × bars is {cells} (symbol-major).", "orders.Size");
        if (Price.Length != 0 && Price.Length != cells)
            throw new ArgumentException($"orders.Price has {Price.Length} values but symbols × bars is {cells} (symbol-major).", "orders.Price");
        if (FundingRate.Length != 0 && FundingRate.Length != cells)
            throw new ArgumentException($"orders.FundingRate has {FundingRate.Length} values but symbols × bars is {cells} (symbol-major).", "orders.FundingRate");
        if (!Enum.IsDefined(SizeType)) throw new ArgumentOutOfRangeException("orders.SizeType", SizeType, "Unknown size type.");
        if (SizeTypes.Length != 0 && SizeTypes.Length != symbols)
            throw new ArgumentException($"orders.SizeTypes has {SizeTypes.Length} values but there are {symbols} symbols.", "orders.SizeTypes");
        foreach (var type in SizeTypes)
            if (!Enum.IsDefined(type)) throw new ArgumentOutOfRangeException("orders.SizeTypes", type, "Unknown size type.");
        if (Atr.Length != 0 && Atr.Length != cells)
            throw new ArgumentException($"orders.Atr has {Atr.Length} values but symbols × bars is {cells} (symbol-major).", "orders.Atr");
    }
}
