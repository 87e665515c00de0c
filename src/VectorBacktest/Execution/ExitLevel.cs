namespace VectorBacktest.Execution;

/// <summary>
/// A stop-loss or take-profit distance attached to an entry: a fraction of the reference price, an absolute
/// price, or a multiple of ATR. <c>default</c> is "none".
/// </summary>
/// <remarks>The level is resolved once, when the entry fills, from the <see cref="StopReference"/> price
/// (see <see cref="Resolve"/>). A resolved stop-loss must lie on the losing side of that reference and a
/// take-profit on the winning side, and both must be &gt; 0; otherwise the run fails with an
/// <see cref="ArgumentException"/> naming the level.</remarks>
public readonly record struct ExitLevel(ExitLevelKind Kind, double Value)
{
    /// <summary>No level.</summary>
    public static ExitLevel None => default;

    /// <summary>A distance of <paramref name="fraction"/> × the reference price (0.02 = 2 %).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not finite, or not in (0, 1) (a take-profit may exceed 1 for longs: use <see cref="Price"/>).</exception>
    public static ExitLevel Fraction(double fraction)
    {
        if (!double.IsFinite(fraction) || fraction <= 0)
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "An exit fraction must be finite and > 0.");
        return new(ExitLevelKind.Fraction, fraction);
    }

    /// <summary>An absolute price level in quote currency.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not finite or not &gt; 0.</exception>
    public static ExitLevel Price(double price)
    {
        if (!double.IsFinite(price) || price <= 0)
            throw new ArgumentOutOfRangeException(nameof(price), price, "An exit price must be finite and > 0.");
        return new(ExitLevelKind.Price, price);
    }

    /// <summary>A distance of <paramref name="multiple"/> × ATR on the decision bar (needs an ATR column).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not finite or not &gt; 0.</exception>
    public static ExitLevel AtrMultiple(double multiple)
    {
        if (!double.IsFinite(multiple) || multiple <= 0)
            throw new ArgumentOutOfRangeException(nameof(multiple), multiple, "An ATR multiple must be finite and > 0.");
        return new(ExitLevelKind.AtrMultiple, multiple);
    }

    /// <summary>True unless <see cref="ExitLevelKind.None"/>.</summary>
    public bool IsSet => Kind != ExitLevelKind.None;

    /// <summary>
    /// The absolute level for a position on <paramref name="side"/>. <paramref name="adverse"/> true means a
    /// stop-loss (below the reference for a long, above for a short), false a take-profit (the other way).
    /// </summary>
    /// <param name="side">Long or short.</param>
    /// <param name="adverse">True for a stop-loss, false for a take-profit.</param>
    /// <param name="reference">The reference price (see <see cref="StopReference"/>).</param>
    /// <param name="atr">ATR on the decision bar (only read for <see cref="ExitLevelKind.AtrMultiple"/>).</param>
    /// <returns>The level; −∞ / +∞ (never reached) for <see cref="ExitLevelKind.None"/>.</returns>
    public double Resolve(PositionSide side, bool adverse, double reference, double atr)
    {
        // down = the level lies below the reference (a long's stop, a short's target).
        bool down = (side == PositionSide.Long) == adverse;
        return Kind switch
        {
            ExitLevelKind.Fraction => down ? reference * (1.0 - Value) : reference * (1.0 + Value),
            ExitLevelKind.Price => Value,
            ExitLevelKind.AtrMultiple => down ? reference - Value * atr : reference + Value * atr,
            _ => down ? double.NegativeInfinity : double.PositiveInfinity,
        };
    }
}
