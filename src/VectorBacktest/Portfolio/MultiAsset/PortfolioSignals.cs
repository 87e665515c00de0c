namespace VectorBacktest.Portfolio.MultiAsset;

/// <summary>
/// Per-symbol signal columns of a multi-asset run, flattened symbol-major: symbol <c>s</c>'s value on bar <c>t</c> is
/// element <c>s × bars + t</c> (bars = the universe's <see cref="Data.Universe.Length"/>). Each column is empty (absent) or
/// <c>symbols × bars</c> long. The per-bar decision rules are those of <see cref="SignalInputs"/>.
/// </summary>
public readonly ref struct PortfolioSignals
{
    /// <summary>The four signal columns (empty for absent ones) and an optional ATR column.</summary>
    /// <param name="longEntries">Long entries.</param>
    /// <param name="longExits">Long exits.</param>
    /// <param name="shortEntries">Short entries (empty: no shorts).</param>
    /// <param name="shortExits">Short exits.</param>
    /// <param name="atr">ATR per symbol and bar in quote currency (needed by <see cref="PortfolioSizing.VolatilityTarget"/> and ATR-multiple exits).</param>
    public PortfolioSignals(ReadOnlySpan<bool> longEntries, ReadOnlySpan<bool> longExits, ReadOnlySpan<bool> shortEntries = default,
        ReadOnlySpan<bool> shortExits = default, ReadOnlySpan<double> atr = default)
    {
        LongEntries = longEntries;
        LongExits = longExits;
        ShortEntries = shortEntries;
        ShortExits = shortExits;
        Atr = atr;
    }

    /// <summary>Long entries, symbol-major.</summary>
    public ReadOnlySpan<bool> LongEntries { get; }
    /// <summary>Long exits, symbol-major.</summary>
    public ReadOnlySpan<bool> LongExits { get; }
    /// <summary>Short entries, symbol-major.</summary>
    public ReadOnlySpan<bool> ShortEntries { get; }
    /// <summary>Short exits, symbol-major.</summary>
    public ReadOnlySpan<bool> ShortExits { get; }
    /// <summary>ATR per symbol and bar, symbol-major (read on the decision bar).</summary>
    public ReadOnlySpan<double> Atr { get; }
    /// <summary>Perpetual-futures funding rate per symbol and bar, symbol-major (empty: none), with the conventions of
    /// <see cref="SignalInputs.FundingRate"/>: a position held through bar <c>t</c>'s open (opened before it, or at it, and not
    /// closed at it) pays <c>quantity × open × rate</c> of its symbol (received when negative); nothing on a bar the symbol
    /// lacks. Accrued funding is owed from the bar on (subtracted from the recorded equity and cash, not from the equity
    /// sizing and risk limits mark) and settled into the balance at each fill that changes the position; a trade carries its share. Must be finite where a position pays it
    /// (<see cref="ArgumentException"/> naming the bar).</summary>
    public ReadOnlySpan<double> FundingRate { get; init; }

    /// <exception cref="ArgumentException">A column of the wrong length, or no entry column.</exception>
    internal void Validate(int symbols, int bars)
    {
        long cells = (long)symbols * bars;
        Check(LongEntries.Length, cells, "signals.LongEntries");
        Check(LongExits.Length, cells, "signals.LongExits");
        Check(ShortEntries.Length, cells, "signals.ShortEntries");
        Check(ShortExits.Length, cells, "signals.ShortExits");
        Check(Atr.Length, cells, "signals.Atr");
        Check(FundingRate.Length, cells, "signals.FundingRate");
        if (LongEntries.IsEmpty && ShortEntries.IsEmpty && cells > 0)
            throw new ArgumentException("At least one entry column (LongEntries or ShortEntries) is required.", "signals");
    }

    private static void Check(int length, long cells, string name)
    {
        if (length != 0 && length != cells)
            throw new ArgumentException($"{name} has {length} values but symbols × bars is {cells} (symbol-major).", name);
    }

    /// <summary>
    /// Per-entry stop-loss as an absolute price (quote currency), symbol-major, read on the decision bar of the symbol's entry
    /// (NaN: none for that entry; values on other bars are ignored). It replaces <see cref="PortfolioOptions.Exits"/>' stop-loss
    /// for that entry only (trailing and time stops still apply) and is the stop <see cref="PortfolioSizing.RiskFraction"/> sizes
    /// from. It must be finite, &gt; 0 and on the losing side of the decision bar's close (below it for a long, above for a short):
    /// else the run fails with an <see cref="ArgumentException"/> naming the column, symbol and bar when the entry executes.
    /// Empty: no column.
    /// </summary>
    public ReadOnlySpan<double> StopLossPrice { get; init; }

    /// <summary>
    /// Per-entry take-profit as an absolute price (quote currency), read like <see cref="StopLossPrice"/>; it must lie on the
    /// winning side of the decision bar's close (above it for a long, below for a short, &gt; 0). Empty: no column.
    /// </summary>
    public ReadOnlySpan<double> TakeProfitPrice { get; init; }

    /// <exception cref="ArgumentException">A level column of the wrong length.</exception>
    internal void ValidateLevels(int symbols, int bars)
    {
        long cells = (long)symbols * bars;
        Check(StopLossPrice.Length, cells, "signals.StopLossPrice");
        Check(TakeProfitPrice.Length, cells, "signals.TakeProfitPrice");
    }

    internal static double Level(ReadOnlySpan<double> column, int k) => column.IsEmpty ? double.NaN : column[k];
}
