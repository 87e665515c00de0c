using VectorBacktest.Execution;
using VectorBacktest.Portfolio.Scans;

namespace VectorBacktest.Portfolio;

/// <summary>
/// Turns one bar's four signal flags into an action given the position, by the rules documented on
/// <see cref="SignalInputs"/>. Shared by both drivers.
/// </summary>
public static class SignalDecision
{
    /// <summary>The action for a position on <paramref name="position"/> given one bar's flags.</summary>
    /// <param name="position">The position before the decision.</param>
    /// <param name="longEntry">Long entry flag.</param>
    /// <param name="longExit">Long exit flag.</param>
    /// <param name="shortEntry">Short entry flag.</param>
    /// <param name="shortExit">Short exit flag.</param>
    public static SignalAction Decide(PositionSide position, bool longEntry, bool longExit, bool shortEntry, bool shortExit)
    {
        bool le = longEntry && !longExit, lx = longExit && !longEntry;
        bool se = shortEntry && !shortExit, sx = shortExit && !shortEntry;
        return position switch
        {
            PositionSide.Long => se ? SignalAction.ReverseToShort : lx ? SignalAction.Close : SignalAction.None,
            PositionSide.Short => le ? SignalAction.ReverseToLong : sx ? SignalAction.Close : SignalAction.None,
            _ => le == se ? SignalAction.None : le ? SignalAction.OpenLong : SignalAction.OpenShort,
        };
    }

    /// <summary>As <see cref="Decide(PositionSide, bool, bool, bool, bool)"/>; with <paramref name="accumulate"/> an entry on the
    /// side held, and no exit or reversal, is <see cref="SignalAction.Add"/>.</summary>
    internal static SignalAction Decide(PositionSide position, bool longEntry, bool longExit, bool shortEntry, bool shortExit, bool accumulate)
    {
        var action = Decide(position, longEntry, longExit, shortEntry, shortExit);
        if (!accumulate || action != SignalAction.None) return action;
        return position switch
        {
            PositionSide.Long when longEntry && !longExit => SignalAction.Add,
            PositionSide.Short when shortEntry && !shortExit => SignalAction.Add,
            _ => SignalAction.None,
        };
    }

    /// <summary>The action on bar <paramref name="bar"/> of <paramref name="signals"/> for a position on <paramref name="position"/>.</summary>
    public static SignalAction Decide(PositionSide position, in SignalInputs signals, int bar) => Decide(position,
        SignalInputs.At(signals.LongEntries, bar), SignalInputs.At(signals.LongExits, bar),
        SignalInputs.At(signals.ShortEntries, bar), SignalInputs.At(signals.ShortExits, bar));

    /// <summary>The first bar in [<paramref name="from"/>, <paramref name="before"/>) (<paramref name="before"/> &lt; 0: to the end)
    /// on which an entry on the side held adds to the position (<see cref="SignalAction.Add"/>), or −1. Bars before the next
    /// exit or reversal carry no other action, so an entry there without the side's exit is an add.</summary>
    internal static int NextAdd(PositionSide position, in SignalInputs signals, int from, int before)
    {
        var entries = position == PositionSide.Long ? signals.LongEntries : signals.ShortEntries;
        var exits = position == PositionSide.Long ? signals.LongExits : signals.ShortExits;
        if (before >= 0 && before < entries.Length) entries = entries[..before];
        while (true)
        {
            int bar = SignalScan.NextTrue(entries, from);
            if (bar < 0 || !SignalInputs.At(exits, bar)) return bar;
            from = bar + 1;
        }
    }

    /// <summary>The first bar ≥ <paramref name="from"/> whose action is not <see cref="SignalAction.None"/>, or −1;
    /// found by scanning only the columns that can act on <paramref name="position"/>.</summary>
    internal static (int Bar, SignalAction Action) Next(PositionSide position, in SignalInputs signals, int from)
    {
        ReadOnlySpan<bool> a = position switch
        {
            PositionSide.Long => signals.LongExits,
            PositionSide.Short => signals.ShortExits,
            _ => signals.LongEntries,
        };
        ReadOnlySpan<bool> b = position == PositionSide.Short ? signals.LongEntries : signals.ShortEntries;
        while (true)
        {
            int bar = SignalScan.NextTrueEither(a, b, from);
            if (bar < 0) return (-1, SignalAction.None);
            var action = Decide(position, signals, bar);
            if (action != SignalAction.None) return (bar, action);
            from = bar + 1;
        }
    }
}
