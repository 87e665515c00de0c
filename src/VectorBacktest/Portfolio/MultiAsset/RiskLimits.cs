namespace VectorBacktest.Portfolio.MultiAsset;

/// <summary>
/// Risk controls of a multi-asset run. <c>default</c>: none beyond the cash. Exposures are fractions of equity, marked
/// at the fill prices; an entry is cut to the tightest cap (recorded <see cref="Execution.OrderStatus.Partial"/>) or
/// rejected with the cap's reason when no room is left.
/// </summary>
public readonly record struct RiskLimits
{
    /// <summary>Largest |position value| of one symbol as a fraction of equity; 0 = no cap.</summary>
    public double MaxAssetExposure { get; init; }
    /// <summary>Largest gross exposure Σ |position value| as a fraction of equity (the gross leverage); 0 = no cap. Positions
    /// are fully funded by cash, so it binds only below 1.</summary>
    public double MaxTotalExposure { get; init; }
    /// <summary>Largest position of one symbol in base units; 0 = no cap.</summary>
    public double MaxPositionQuantity { get; init; }
    /// <summary>
    /// Daily loss limit as a fraction of the equity at the previous UTC day's last close (the initial cash on the first day);
    /// 0 = none. When a bar's close marks equity at or below <c>(1 − limit) ×</c> that, entries filling later the same UTC
    /// day are rejected (<see cref="Execution.RejectReason.DailyLossLimit"/>); exits still fill.
    /// </summary>
    public double DailyLossLimit { get; init; }
    /// <summary>
    /// Maximum drawdown from the running peak of close-marked equity, a fraction; 0 = none. When reached on a bar's close,
    /// every position is closed (<see cref="Execution.ExitReason.DrawdownHalt"/>) at the next fill (next bar's open under
    /// next-open timing, this bar's close under signal-close timing) and the run accepts no new entries
    /// (<see cref="Execution.RejectReason.DrawdownHalt"/>).
    /// </summary>
    public double MaxDrawdown { get; init; }

    /// <exception cref="ArgumentOutOfRangeException">A value out of range (the message names it).</exception>
    internal void Validate()
    {
        NonNegative(MaxAssetExposure, nameof(MaxAssetExposure));
        NonNegative(MaxTotalExposure, nameof(MaxTotalExposure));
        NonNegative(MaxPositionQuantity, nameof(MaxPositionQuantity));
        Fraction(DailyLossLimit, nameof(DailyLossLimit));
        Fraction(MaxDrawdown, nameof(MaxDrawdown));
    }

    private static void NonNegative(double value, string name)
    {
        if (!(value >= 0 && double.IsFinite(value))) throw new ArgumentOutOfRangeException(name, value, "Must be finite and >= 0 (0: no cap).");
    }

    private static void Fraction(double value, string name)
    {
        if (!(value >= 0 && value < 1)) throw new ArgumentOutOfRangeException(name, value, "Must be in [0, 1) (0: none).");
    }
}
