namespace VectorBacktest.Portfolio;

/// <summary>
/// How large each entry is. The quantity is then rounded down to the lot step (<see cref="Execution.LotRules"/>),
/// and an order that does not fit the cash or the lot minimums is recorded as rejected.
/// </summary>
/// <remarks>Fractions budget the fee too: the quantity is the largest whose cost plus fee stays within
/// <c>fraction × equity</c> (or cash). The single-asset simulators size only while flat, where equity equals
/// cash; a short's budget is the same margin (margin 1: no leverage).</remarks>
public readonly record struct OrderSizing
{
    private OrderSizing(SizingKind kind, double value, double winRate = 0, double payoff = 0, int minTrades = 0)
    {
        Kind = kind;
        Value = value;
        WinRate = winRate;
        Payoff = payoff;
        MinTrades = minTrades;
    }

    /// <summary>How <see cref="Value"/> is read.</summary>
    public SizingKind Kind { get; }

    /// <summary>Quantity (base units), notional (quote), or fraction in (0, 1].</summary>
    public double Value { get; }

    /// <summary>Kelly: the supplied (prior) win probability, in (0, 1); 0 for other kinds.</summary>
    public double WinRate { get; }

    /// <summary>Kelly: the supplied (prior) payoff, average win / average loss, &gt; 0; 0 for other kinds.</summary>
    public double Payoff { get; }

    /// <summary>Kelly: closed trades of the run after which the rolling estimate replaces the prior (0: never).</summary>
    public int MinTrades { get; }

    /// <summary>A fixed quantity in base units.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quantity"/> is not finite and &gt; 0.</exception>
    public static OrderSizing Quantity(double quantity) => new(SizingKind.Quantity, Positive(quantity, nameof(quantity)));

    /// <summary>A fixed notional in quote currency.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="notional"/> is not finite and &gt; 0.</exception>
    public static OrderSizing Notional(double notional) => new(SizingKind.Notional, Positive(notional, nameof(notional)));

    /// <summary>A fraction of equity, in (0, 1].</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is outside (0, 1].</exception>
    public static OrderSizing EquityFraction(double fraction) => new(SizingKind.EquityFraction, Fraction(fraction, nameof(fraction)));

    /// <summary>A fraction of free cash, in (0, 1]. <c>default(OrderSizing)</c> is not valid; use <see cref="AllCash"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is outside (0, 1].</exception>
    public static OrderSizing CashFraction(double fraction) => new(SizingKind.CashFraction, Fraction(fraction, nameof(fraction)));

    /// <summary>
    /// Risk <paramref name="fraction"/> of equity per trade: quantity = <c>fraction × equity / |entry price − stop-loss level|</c>,
    /// capped by what the cash affords. The stop-loss level is the entry's own price (<see cref="SignalInputs.StopLossPrice"/>
    /// on its decision bar, or the <c>stopLoss</c> of <see cref="StrategyContext.EnterLong"/> / <see cref="StrategyContext.EnterShort"/>)
    /// when given, else <see cref="Execution.ExitRules.StopLoss"/> resolved for the entry. An entry with neither is a
    /// configuration error, not a rejection: the run fails with an <see cref="ArgumentException"/> (paramName <c>Sizing</c>)
    /// naming the decision bar, when that entry executes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is outside (0, 1].</exception>
    public static OrderSizing RiskFraction(double fraction) => new(SizingKind.RiskFraction, Fraction(fraction, nameof(fraction)));

    /// <summary>
    /// Volatility targeting: the quantity whose one-ATR move is <paramref name="riskFraction"/> of equity,
    /// <c>riskFraction × equity / ATR</c> with the decision bar's <see cref="SignalInputs.Atr"/> (required), capped by what
    /// the cash (times leverage) affords.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="riskFraction"/> is outside (0, 1].</exception>
    public static OrderSizing VolatilityTarget(double riskFraction) => new(SizingKind.VolatilityTarget, Fraction(riskFraction, nameof(riskFraction)));

    /// <summary>
    /// Fractional Kelly: spend <c>fraction × (p − (1 − p) / b)</c> of equity (capped at 1, fees included) with win probability
    /// p and payoff b (average win / average loss). p and b are <paramref name="winRate"/> and <paramref name="payoff"/> until
    /// the run has closed <paramref name="minTrades"/> trades, then the run's own closed trades so far (net of fees; wins are
    /// P&amp;L &gt; 0); <paramref name="minTrades"/> = 0 keeps the supplied values. A weight ≤ 0 (no edge) rejects the entry
    /// with <see cref="Execution.RejectReason.NoEdge"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range (the message names it).</exception>
    public static OrderSizing Kelly(double fraction, double winRate, double payoff, int minTrades = 0)
    {
        Fraction(fraction, nameof(fraction));
        if (!(winRate > 0 && winRate < 1)) throw new ArgumentOutOfRangeException(nameof(winRate), winRate, "The win rate must be in (0, 1).");
        if (!(payoff > 0 && double.IsFinite(payoff))) throw new ArgumentOutOfRangeException(nameof(payoff), payoff, "The payoff must be finite and > 0.");
        ArgumentOutOfRangeException.ThrowIfNegative(minTrades);
        return new(SizingKind.Kelly, fraction, winRate, payoff, minTrades);
    }

    /// <summary>All of the free cash (vectorbt's <c>size=np.inf</c>).</summary>
    public static OrderSizing AllCash => CashFraction(1.0);

    /// <exception cref="ArgumentOutOfRangeException">The value is invalid for its kind (e.g. <c>default</c>).</exception>
    internal void Validate()
    {
        bool ok = Kind is SizingKind.EquityFraction or SizingKind.CashFraction or SizingKind.RiskFraction or SizingKind.VolatilityTarget or SizingKind.Kelly
            ? Value > 0 && Value <= 1 : Value > 0 && double.IsFinite(Value);
        if (!ok) throw new ArgumentOutOfRangeException("Sizing", Value, $"Invalid {Kind} sizing value (default(OrderSizing) is not a size).");
    }

    private static double Positive(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, "Must be finite and > 0 (sizes are never negative; the side comes from the signal).");

    private static double Fraction(double value, string name) =>
        value > 0 && value <= 1 ? value : throw new ArgumentOutOfRangeException(name, value, "A sizing fraction must be in (0, 1].");
}
