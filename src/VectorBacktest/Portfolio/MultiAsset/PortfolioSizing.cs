namespace VectorBacktest.Portfolio.MultiAsset;

/// <summary>
/// How large each entry of a multi-asset run is, before the risk caps (<see cref="RiskLimits"/>), the free cash and the
/// lot rules. Equity is marked at the fill prices of the bar (the last known price for a symbol without a bar there).
/// </summary>
public readonly record struct PortfolioSizing
{
    private PortfolioSizing(PortfolioSizingKind kind, double value, double winRate = 0, double payoff = 0, int minTrades = 0)
    {
        Kind = kind; Value = value; WinRate = winRate; Payoff = payoff; MinTrades = minTrades;
    }

    /// <summary>How the entry is sized.</summary>
    public PortfolioSizingKind Kind { get; }
    /// <summary>The equity weight, the risk fraction, or the Kelly fraction.</summary>
    public double Value { get; }
    /// <summary>Kelly: the (prior) probability that a trade wins, in (0, 1).</summary>
    public double WinRate { get; }
    /// <summary>Kelly: the (prior) ratio of the average win to the average loss, &gt; 0.</summary>
    public double Payoff { get; }
    /// <summary>Kelly: closed trades of the run needed before the rolling estimate replaces the prior (0: never).</summary>
    public int MinTrades { get; }

    /// <summary>Spend <paramref name="weight"/> × equity per entry, fees included (1 / symbols spreads equity evenly).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weight"/> outside (0, 1].</exception>
    public static PortfolioSizing EquityWeight(double weight) =>
        new(PortfolioSizingKind.EquityWeight, weight > 0 && weight <= 1 ? weight : throw new ArgumentOutOfRangeException(nameof(weight), weight, "The weight must be in (0, 1]."));

    /// <summary>
    /// Volatility targeting: the quantity whose one-ATR move is <paramref name="riskFraction"/> of equity,
    /// <c>quantity = riskFraction × equity / ATR</c>, with the ATR of the decision bar (<see cref="PortfolioSignals.Atr"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="riskFraction"/> outside (0, 1].</exception>
    public static PortfolioSizing VolatilityTarget(double riskFraction) =>
        new(PortfolioSizingKind.VolatilityTarget, riskFraction > 0 && riskFraction <= 1 ? riskFraction
            : throw new ArgumentOutOfRangeException(nameof(riskFraction), riskFraction, "The risk fraction must be in (0, 1]."));

    /// <summary>
    /// Fractional Kelly: weight = <paramref name="fraction"/> × (p − (1 − p) / b), fees included, with win probability p and
    /// payoff b (average win / average loss). p and b are <paramref name="winRate"/> and <paramref name="payoff"/> until the run
    /// has closed <paramref name="minTrades"/> trades (all symbols together), then the run's own closed trades so far (wins
    /// are trades with net P&amp;L &gt; 0); <paramref name="minTrades"/> = 0 keeps the supplied values. A weight ≤ 0 (no edge)
    /// places no order and records it as rejected (<see cref="Execution.RejectReason.NoEdge"/>); above 1 it is capped at 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range (the message names it).</exception>
    public static PortfolioSizing Kelly(double fraction, double winRate, double payoff, int minTrades = 0)
    {
        if (!(fraction > 0 && fraction <= 1)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The Kelly fraction must be in (0, 1].");
        if (!(winRate > 0 && winRate < 1)) throw new ArgumentOutOfRangeException(nameof(winRate), winRate, "The win rate must be in (0, 1).");
        if (!(payoff > 0 && double.IsFinite(payoff))) throw new ArgumentOutOfRangeException(nameof(payoff), payoff, "The payoff must be finite and > 0.");
        ArgumentOutOfRangeException.ThrowIfNegative(minTrades);
        return new(PortfolioSizingKind.Kelly, fraction, winRate, payoff, minTrades);
    }

    /// <summary>
    /// Risk <paramref name="fraction"/> of equity per trade: the quantity whose loss at the entry's stop-loss is
    /// <c>fraction × equity</c>, <c>quantity = fraction × equity / |entry price − stop-loss level|</c> with the sizing price (the
    /// fill bar's default price after slippage), capped by what the free cash affords (the cash cap is part of the size, as for
    /// the single-asset <see cref="OrderSizing.RiskFraction"/>, so it is not recorded as a partial fill). The stop-loss level is
    /// the entry's own price (<see cref="PortfolioSignals.StopLossPrice"/> on its decision bar, or the <c>stopLoss</c> of
    /// <see cref="PortfolioContext.EnterLong"/> / <see cref="PortfolioContext.EnterShort"/>) when given, else
    /// <see cref="PortfolioOptions.Exits"/>' stop-loss resolved for the entry. An entry with neither is a configuration error:
    /// the run fails with an <see cref="ArgumentException"/> (paramName <c>Sizing</c>) naming the symbol and decision bar when
    /// that entry executes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> outside (0, 1].</exception>
    public static PortfolioSizing RiskFraction(double fraction) =>
        new(PortfolioSizingKind.RiskFraction, fraction > 0 && fraction <= 1 ? fraction
            : throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The risk fraction must be in (0, 1]."));

    /// <summary>The Kelly weight <c>p − (1 − p) / b</c> (may be ≤ 0: no edge).</summary>
    /// <param name="winRate">Probability of a win.</param>
    /// <param name="payoff">Average win / average loss.</param>
    public static double KellyWeight(double winRate, double payoff) => winRate - (1 - winRate) / payoff;

    /// <exception cref="ArgumentOutOfRangeException"><c>default(PortfolioSizing)</c>.</exception>
    internal void Validate()
    {
        if (!(Value > 0)) throw new ArgumentOutOfRangeException("Sizing", Value, "default(PortfolioSizing) is not a size; use PortfolioSizing.EquityWeight(...).");
    }
}
