namespace VectorBacktest.Portfolio;

/// <summary>How <see cref="OrderSizing.Value"/> is read.</summary>
public enum SizingKind : byte
{
    /// <summary>A fixed quantity in base units.</summary>
    Quantity = 0,
    /// <summary>A fixed notional in quote currency (quantity = notional / fill price).</summary>
    Notional = 1,
    /// <summary>A fraction of equity (cash plus the marked value of open positions), fees included.</summary>
    EquityFraction = 2,
    /// <summary>A fraction of free cash, fees included.</summary>
    CashFraction = 3,
    /// <summary>The quantity that loses this fraction of equity if the stop-loss is hit at its level (fees and gaps aside),
    /// capped by what the cash (times leverage) affords.</summary>
    RiskFraction = 4,
    /// <summary>Volatility targeting: the quantity whose one-ATR move is this fraction of equity (<c>fraction × equity / ATR</c>
    /// with the decision bar's <see cref="SignalInputs.Atr"/>), capped by what the cash (times leverage) affords.</summary>
    VolatilityTarget = 5,
    /// <summary>Fractional Kelly: this fraction of the Kelly weight <c>p − (1 − p) / b</c> of equity, fees included.</summary>
    Kelly = 6,
}
