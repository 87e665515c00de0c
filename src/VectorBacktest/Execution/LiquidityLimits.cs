namespace VectorBacktest.Execution;

/// <summary>
/// How much of an order one bar can fill (<c>OrderSimulator.FromOrders</c>, and entries and exits of the signal drivers
/// through <c>SimulationOptions.Liquidity</c>, a liquidation excepted). <c>default</c>: no limit.
/// </summary>
/// <remarks>With <see cref="Depth"/> the fill price is the volume-weighted price of the book levels taken (the slippage
/// model is then not applied) and the quantity is at most the depth on the order's side; with
/// <see cref="MaxVolumeShare"/> the quantity is at most that share of the fill bar's volume (rounded down to the lot
/// step). Both caps combine (the smaller wins). What did not fill follows <see cref="Remainder"/>.</remarks>
public readonly record struct LiquidityLimits
{
    /// <summary>Largest fraction of the fill bar's volume one bar fills, in (0, 1]; 0 = no volume cap.</summary>
    public double MaxVolumeShare { get; init; }

    /// <summary>What happens to the unfilled part (default: cancelled).</summary>
    public RemainderPolicy Remainder { get; init; }

    /// <summary>Order-book snapshots to walk for fills, one per bar (null: fill at the bar's price, through the slippage model).</summary>
    public OrderBookDepth? Depth { get; init; }

    /// <summary>True when any cap applies.</summary>
    public bool IsLimited => MaxVolumeShare > 0 || Depth is not null;

    /// <summary>Checks the values against a run of <paramref name="barCount"/> bars.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MaxVolumeShare"/> outside [0, 1] or an unknown <see cref="Remainder"/>.</exception>
    /// <exception cref="ArgumentException"><see cref="Depth"/> does not cover <paramref name="barCount"/> bars.</exception>
    public void Validate(int barCount)
    {
        if (!(MaxVolumeShare >= 0 && MaxVolumeShare <= 1))
            throw new ArgumentOutOfRangeException(nameof(MaxVolumeShare), MaxVolumeShare, "The volume share must be in [0, 1] (0: no cap).");
        if (!Enum.IsDefined(Remainder)) throw new ArgumentOutOfRangeException(nameof(Remainder), Remainder, "Unknown remainder policy.");
        if (Depth is not null && Depth.BarCount != barCount)
            throw new ArgumentException($"Depth covers {Depth.BarCount} bars but there are {barCount}.", nameof(Depth));
    }
}
