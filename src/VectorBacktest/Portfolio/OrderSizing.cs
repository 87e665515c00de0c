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
    private OrderSizing(SizingKind kind, double value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>How <see cref="Value"/> is read.</summary>
    public SizingKind Kind { get; }

    /// <summary>Quantity (base units), notional (quote), or fraction in (0, 1].</summary>
    public double Value { get; }

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
    /// capped by what the cash affords. Needs <see cref="Execution.ExitRules.StopLoss"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is outside (0, 1].</exception>
    public static OrderSizing RiskFraction(double fraction) => new(SizingKind.RiskFraction, Fraction(fraction, nameof(fraction)));

    /// <summary>All of the free cash (vectorbt's <c>size=np.inf</c>).</summary>
    public static OrderSizing AllCash => CashFraction(1.0);

    /// <exception cref="ArgumentOutOfRangeException">The value is invalid for its kind (e.g. <c>default</c>).</exception>
    internal void Validate()
    {
        bool ok = Kind is SizingKind.EquityFraction or SizingKind.CashFraction or SizingKind.RiskFraction
            ? Value > 0 && Value <= 1 : Value > 0 && double.IsFinite(Value);
        if (!ok) throw new ArgumentOutOfRangeException("Sizing", Value, $"Invalid {Kind} sizing value (default(OrderSizing) is not a size).");
    }

    private static double Positive(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, "Must be finite and > 0 (sizes are never negative; the side comes from the signal).");

    private static double Fraction(double value, string name) =>
        value > 0 && value <= 1 ? value : throw new ArgumentOutOfRangeException(name, value, "A sizing fraction must be in (0, 1].");
}
