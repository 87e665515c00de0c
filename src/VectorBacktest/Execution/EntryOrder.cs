namespace VectorBacktest.Execution;

/// <summary>
/// The order type an entry decision places, with its prices as offsets from the decision bar's close <c>C</c>, and
/// how long it works. <c>default</c> is a market order.
/// </summary>
/// <remarks>
/// <para>Prices, for a buy (a sell mirrors them): limit <c>P = C × (1 − Offset)</c>; stop <c>T = C × (1 + Offset)</c>;
/// stop-limit <c>T = C × (1 + Offset)</c> and <c>P = T × (1 + LimitBand)</c>. Trigger and fill rules are those of
/// <see cref="OrderType"/>.</para>
/// <para>A non-market entry works from the bar after the decision for <see cref="TimeInForce"/> bars. While it
/// works, signals are read as if its position were already held: an exit signal cancels it, an opposite entry
/// cancels it and places the opposite order, a same-side entry is ignored. A decision on bar <c>t</c> acts from bar
/// <c>t + 1</c>, so an order that fills during bar <c>t</c> is not cancelled by bar <c>t</c>'s signal. Cancelled and
/// expired orders are recorded as rejected (<see cref="RejectReason.Cancelled"/>, <see cref="RejectReason.Expired"/>,
/// or <see cref="RejectReason.EndOfData"/> when the data ended first).</para>
/// <para>On <c>EventDrivenSimulator.Run</c> a strategy may give each entry its own <see cref="EntryOrder"/>
/// (<c>StrategyContext.PlaceLong</c>), and amend (prices, time in force) or cancel the working order; see
/// <c>StrategyContext.AmendOrder</c>.</para>
/// <para>The exit levels of a non-market entry are first checked on the bar after its fill, since the path inside
/// the fill bar after the fill is unknown (backtesting.py does the same for limit entries).</para>
/// </remarks>
public readonly record struct EntryOrder
{
    /// <summary>Market (default), limit, stop or stop-limit.</summary>
    public OrderType Type { get; init; }

    /// <summary>Distance of the limit (for <see cref="OrderType.Limit"/>) or the stop (stop types) from the decision close, a fraction ≥ 0.</summary>
    public double Offset { get; init; }

    /// <summary>For <see cref="OrderType.StopLimit"/>: how far beyond the stop the limit lies, a fraction ≥ 0 (0 = limit at the stop).</summary>
    public double LimitBand { get; init; }

    /// <summary>How long a non-market entry works (default good-till-cancelled). Ignored for market orders.</summary>
    public TimeInForce TimeInForce { get; init; }

    /// <summary>A market entry.</summary>
    public static EntryOrder Market => default;

    /// <summary>A limit entry <paramref name="offset"/> below (buy) or above (sell) the decision close.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is outside [0, 1).</exception>
    public static EntryOrder Limit(double offset, TimeInForce timeInForce = default) =>
        new EntryOrder { Type = OrderType.Limit, Offset = offset, TimeInForce = timeInForce }.Validated();

    /// <summary>A stop entry <paramref name="offset"/> above (buy) or below (sell) the decision close.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is outside [0, 1).</exception>
    public static EntryOrder Stop(double offset, TimeInForce timeInForce = default) =>
        new EntryOrder { Type = OrderType.Stop, Offset = offset, TimeInForce = timeInForce }.Validated();

    /// <summary>A stop-limit entry: stop <paramref name="offset"/> beyond the decision close, limit <paramref name="limitBand"/> beyond the stop.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An offset outside [0, 1).</exception>
    public static EntryOrder StopLimit(double offset, double limitBand, TimeInForce timeInForce = default) =>
        new EntryOrder { Type = OrderType.StopLimit, Offset = offset, LimitBand = limitBand, TimeInForce = timeInForce }.Validated();

    /// <summary>Checks the values and returns this order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An unknown type, or an offset outside [0, 1).</exception>
    public EntryOrder Validated()
    {
        if (!Enum.IsDefined(Type)) throw new ArgumentOutOfRangeException(nameof(Type), Type, "Unknown order type.");
        if (!(Offset >= 0 && Offset < 1)) throw new ArgumentOutOfRangeException(nameof(Offset), Offset, "The entry offset must be in [0, 1).");
        if (!(LimitBand >= 0 && LimitBand < 1)) throw new ArgumentOutOfRangeException(nameof(LimitBand), LimitBand, "The limit band must be in [0, 1).");
        return this;
    }

    /// <summary>The limit and stop prices for an entry on <paramref name="side"/> decided at close <paramref name="close"/> (NaN where unused).</summary>
    public (double Limit, double Stop) Prices(OrderSide side, double close)
    {
        bool buy = side == OrderSide.Buy;
        return Type switch
        {
            OrderType.Limit => (buy ? close * (1.0 - Offset) : close * (1.0 + Offset), double.NaN),
            OrderType.Stop => (double.NaN, buy ? close * (1.0 + Offset) : close * (1.0 - Offset)),
            OrderType.StopLimit => StopLimitPrices(buy, close),
            _ => (double.NaN, double.NaN),
        };
    }

    private (double Limit, double Stop) StopLimitPrices(bool buy, double close)
    {
        double stop = buy ? close * (1.0 + Offset) : close * (1.0 - Offset);
        return (buy ? stop * (1.0 + LimitBand) : stop * (1.0 - LimitBand), stop);
    }
}
