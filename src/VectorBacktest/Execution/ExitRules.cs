namespace VectorBacktest.Execution;

/// <summary>
/// Exits attached to every entry: stop-loss, take-profit, trailing stop and time stop. <c>default</c> attaches none.
/// </summary>
/// <remarks>
/// <para>Levels are checked on every bar from the first bar after the entry fill's price point: under
/// <see cref="FillTiming.NextOpen"/> that is the fill bar itself (after its open), under
/// <see cref="FillTiming.SignalClose"/> the bar after. The fill model decides which level triggers first and at
/// what price; a gap through a level fills at the open.</para>
/// <para>The trailing stop trails the best price seen since entry (the highest high for a long, the lowest low for a
/// short) by <see cref="TrailingFraction"/>. On each bar it is tested with the extreme seen up to the previous bar
/// and that bar's open, and only then moved by the bar's own extreme, because the order of the bar's high and low
/// is unknown.</para>
/// <para>The time stop closes a position held <see cref="TimeStopBars"/> bars like an exit signal: decided on
/// bar <c>fill + N − 1</c> and filled at bar <c>fill + N</c>'s open under next-open timing, at bar
/// <c>fill + N</c>'s close under signal-close timing.</para>
/// </remarks>
public readonly record struct ExitRules
{
    /// <summary>Stop-loss distance (none by default).</summary>
    public ExitLevel StopLoss { get; init; }

    /// <summary>Take-profit distance (none by default).</summary>
    public ExitLevel TakeProfit { get; init; }

    /// <summary>Trailing-stop distance as a fraction of the best price since entry, in (0, 1); 0 = none.</summary>
    public double TrailingFraction { get; init; }

    /// <summary>Bars to hold before a forced exit; 0 = none.</summary>
    public int TimeStopBars { get; init; }

    /// <summary>Price that fraction and ATR levels are measured from.</summary>
    public StopReference Reference { get; init; }

    /// <summary>True when any price level (stop-loss, take-profit or trailing) is attached.</summary>
    public bool HasPriceLevels => StopLoss.IsSet || TakeProfit.IsSet || TrailingFraction > 0;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A trailing fraction outside [0, 1) or a negative time stop.</exception>
    public void Validate()
    {
        if (!(TrailingFraction >= 0 && TrailingFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(TrailingFraction), TrailingFraction, "The trailing fraction must be in [0, 1).");
        if (TimeStopBars < 0)
            throw new ArgumentOutOfRangeException(nameof(TimeStopBars), TimeStopBars, "The time stop must be >= 0 bars.");
    }
}
