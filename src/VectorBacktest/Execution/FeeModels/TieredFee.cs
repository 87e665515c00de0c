namespace VectorBacktest.Execution.FeeModels;

/// <summary>
/// A volume-tiered maker/taker schedule: the tier is chosen by the quote notional traded so far in the run (a
/// stand-in for an exchange's 30-day volume, which a backtest starting from zero would otherwise never reach).
/// A fill is charged entirely at the tier in force before it. <c>default(TieredFee)</c> has no tiers and throws
/// <see cref="InvalidOperationException"/> when used.
/// </summary>
public readonly struct TieredFee : IFeeModel
{
    private readonly FeeTier[] _tiers;

    /// <summary>Creates the schedule.</summary>
    /// <param name="tiers">Tiers in increasing <see cref="FeeTier.MinTradedNotional"/>; the first must start at 0.</param>
    /// <exception cref="ArgumentException"><paramref name="tiers"/> is empty, does not start at 0, is unsorted, or has a negative taker rate.</exception>
    public TieredFee(params FeeTier[] tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        if (tiers.Length == 0 || tiers[0].MinTradedNotional != 0)
            throw new ArgumentException("The first fee tier must start at 0 traded notional.", nameof(tiers));
        for (int i = 0; i < tiers.Length; i++)
        {
            if (i > 0 && !(tiers[i].MinTradedNotional > tiers[i - 1].MinTradedNotional))
                throw new ArgumentException($"Fee tiers must be sorted by strictly increasing MinTradedNotional (tier {i}).", nameof(tiers));
            if (!(tiers[i].TakerRate >= 0) || !(tiers[i].MakerRate > -1))
                throw new ArgumentException($"Fee tier {i} has an invalid rate.", nameof(tiers));
        }
        _tiers = (FeeTier[])tiers.Clone();
    }

    /// <summary>The tiers (a copy).</summary>
    public FeeTier[] Tiers => (FeeTier[])(_tiers ?? []).Clone();

    private double Rate(Liquidity liquidity, double tradedNotional)
    {
        var tiers = _tiers ?? throw new InvalidOperationException("default(TieredFee) has no tiers; construct it with its tiers.");
        int t = 0;
        while (t + 1 < tiers.Length && tradedNotional >= tiers[t + 1].MinTradedNotional) t++;
        return liquidity == Liquidity.Maker ? tiers[t].MakerRate : tiers[t].TakerRate;
    }

    /// <inheritdoc/>
    public double Fee(double quantity, double price, Liquidity liquidity, double tradedNotional) =>
        quantity * price * Rate(liquidity, tradedNotional);

    /// <inheritdoc/>
    public double AffordableQuantity(double budget, double price, Liquidity liquidity, double tradedNotional) =>
        Math.Max(0.0, budget / (1.0 + Rate(liquidity, tradedNotional)) / price);
}
