namespace VectorBacktest.Portfolio;

/// <summary>
/// The signal columns of a single-asset simulation, one value per bar, each computed from data up to and including
/// that bar's close. Every column is either empty (absent) or as long as the bars.
/// </summary>
/// <remarks>
/// <para>Decision rules, per bar: an entry and an exit of the same side on the same bar cancel each other (vectorbt's
/// default conflict rule). Flat: a long entry opens a long, a short entry a short (both at once: neither). Long: a
/// short entry reverses (close, then open short at the same fill), otherwise a long exit closes; a long entry is
/// ignored, or adds to the long with <see cref="SimulationOptions.Accumulate"/>. Short: the mirror image.</para>
/// <para><see cref="Atr"/> is read on the decision bar by <see cref="Execution.ExitLevelKind.AtrMultiple"/> levels and by
/// volatility-target sizing; <see cref="StopLossPrice"/> and <see cref="TakeProfitPrice"/> on the decision bar of each entry
/// (an add keeps the first entry's levels).</para>
/// </remarks>
public readonly ref struct SignalInputs
{
    /// <summary>Long entries and exits only.</summary>
    public SignalInputs(ReadOnlySpan<bool> longEntries, ReadOnlySpan<bool> longExits)
    {
        LongEntries = longEntries;
        LongExits = longExits;
    }

    /// <summary>All four columns (pass empty spans for absent ones), and optionally an ATR column.</summary>
    public SignalInputs(ReadOnlySpan<bool> longEntries, ReadOnlySpan<bool> longExits, ReadOnlySpan<bool> shortEntries,
        ReadOnlySpan<bool> shortExits, ReadOnlySpan<double> atr = default, ReadOnlySpan<double> fundingRate = default)
    {
        FundingRate = fundingRate;
        LongEntries = longEntries;
        LongExits = longExits;
        ShortEntries = shortEntries;
        ShortExits = shortExits;
        Atr = atr;
    }

    /// <summary>True on bars whose close triggers a long entry.</summary>
    public ReadOnlySpan<bool> LongEntries { get; init; }
    /// <summary>True on bars whose close triggers a long exit.</summary>
    public ReadOnlySpan<bool> LongExits { get; init; }
    /// <summary>True on bars whose close triggers a short entry (empty: no shorts).</summary>
    public ReadOnlySpan<bool> ShortEntries { get; init; }
    /// <summary>True on bars whose close triggers a short exit.</summary>
    public ReadOnlySpan<bool> ShortExits { get; init; }
    /// <summary>ATR in quote currency per bar (only for ATR-multiple exits).</summary>
    public ReadOnlySpan<double> Atr { get; init; }
    /// <summary>
    /// Perpetual-futures funding rate per bar as a fraction (0 on bars without a funding event; Binance funds every 8 h at
    /// 00:00, 08:00 and 16:00 UTC, so put each rate on the bar that opens at that instant). A position held through a bar's
    /// open pays <c>quantity × open × rate</c> there (a long pays a positive rate, a short receives it): a next-open
    /// entry pays from its fill bar, other entries from the bar after; an exit at a bar's open does not pay that bar,
    /// other exits do. Funding is settled into cash when the trade closes and marked in the equity curve while it is open.
    /// Empty: no funding.
    /// </summary>
    public ReadOnlySpan<double> FundingRate { get; init; }

    /// <summary>
    /// Per-entry stop-loss as an absolute price (quote currency), read on the decision bar of an entry (the bar whose close
    /// opens or reverses into the position, also for a limit or stop entry placed there); NaN: none for that entry. When not
    /// NaN it replaces <see cref="Execution.ExitRules.StopLoss"/> for that entry (a NaN entry keeps the rule), is checked like
    /// any stop-loss (fill model, a gap through it fills at the open) and is the stop that
    /// <see cref="OrderSizing.RiskFraction"/> sizes from. Values on other bars are ignored. Empty: no column.
    /// </summary>
    /// <remarks>The level must be finite, &gt; 0 and on the losing side of the decision bar's close (below it for a long, above
    /// for a short), the last price known when it is set; otherwise the run fails with an <see cref="ArgumentException"/>
    /// naming the column, the bar and the values when the entry executes. A fill beyond the level (a gap at the next open,
    /// slippage, a limit filling past it) is closed by the level's first check, at that bar's open on a gap.</remarks>
    public ReadOnlySpan<double> StopLossPrice { get; init; }

    /// <summary>
    /// Per-entry take-profit as an absolute price (quote currency), read like <see cref="StopLossPrice"/>: on the entry's
    /// decision bar, NaN for none; when not NaN it replaces <see cref="Execution.ExitRules.TakeProfit"/> for that entry. It
    /// must be finite and on the winning side of the decision bar's close (above it for a long, below but &gt; 0 for a
    /// short), else an <see cref="ArgumentException"/>. Empty: no column.
    /// </summary>
    public ReadOnlySpan<double> TakeProfitPrice { get; init; }

    /// <exception cref="ArgumentException">A column's length is neither 0 nor <paramref name="barCount"/>, or there is no entry column.</exception>
    internal void Validate(int barCount)
    {
        Check(LongEntries.Length, barCount, "signals.LongEntries");
        Check(LongExits.Length, barCount, "signals.LongExits");
        Check(ShortEntries.Length, barCount, "signals.ShortEntries");
        Check(ShortExits.Length, barCount, "signals.ShortExits");
        Check(Atr.Length, barCount, "signals.Atr");
        Check(FundingRate.Length, barCount, "signals.FundingRate");
        Check(StopLossPrice.Length, barCount, "signals.StopLossPrice");
        Check(TakeProfitPrice.Length, barCount, "signals.TakeProfitPrice");
        if (LongEntries.IsEmpty && ShortEntries.IsEmpty && barCount > 0)
            throw new ArgumentException("At least one entry column (LongEntries or ShortEntries) is required.", "signals");
    }

    private static void Check(int length, int barCount, string name)
    {
        if (length != 0 && length != barCount)
            throw new ArgumentException($"{name} has {length} values but there are {barCount} bars.", name);
    }

    internal static bool At(ReadOnlySpan<bool> column, int bar) => !column.IsEmpty && column[bar];

    // A per-entry price column's value on a decision bar; NaN (none) for an absent column.
    internal static double At(ReadOnlySpan<double> column, int bar) => column.IsEmpty ? double.NaN : column[bar];
}
