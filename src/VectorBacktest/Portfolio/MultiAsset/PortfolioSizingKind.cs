namespace VectorBacktest.Portfolio.MultiAsset;

/// <summary>How <see cref="PortfolioSizing"/> sizes an entry.</summary>
public enum PortfolioSizingKind : byte
{
    /// <summary>A fixed fraction of equity per entry, fees included.</summary>
    EquityWeight = 0,
    /// <summary>ATR-based volatility targeting: quantity = risk fraction × equity / ATR.</summary>
    VolatilityTarget = 1,
    /// <summary>Fractional Kelly: a fraction of the Kelly weight, from a supplied or a rolling win rate and payoff.</summary>
    Kelly = 2,
    /// <summary>Risk per trade: quantity = risk fraction × equity / |entry price − stop-loss level|.</summary>
    RiskFraction = 3,
}
