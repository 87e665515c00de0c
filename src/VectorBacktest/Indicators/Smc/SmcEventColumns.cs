using System.Buffers;

namespace VectorBacktest.Indicators.Smc;

/// <summary>
/// Per-bar column plumbing shared by the SMC event lists (<see cref="FairValueGaps"/>, <see cref="Liquidity"/>,
/// <see cref="OrderBlocks"/>): entries ordered by <c>KnownAt</c>, each with a direction and the bar of the event that
/// ends it (<c>-1</c> when it never happens).
/// </summary>
internal static class SmcEventColumns
{
    /// <summary>A new per-bar column of <paramref name="barCount"/> NaN (the empty value of the tables).</summary>
    public static double[] NewEmpty(int barCount)
    {
        var column = new double[barCount];
        Array.Fill(column, double.NaN);
        return column;
    }

    /// <summary>Adds one to <paramref name="counts"/> at each event bar of <paramref name="eventAt"/> (negative: no event).</summary>
    public static void CountEvents(ReadOnlySpan<int> eventAt, Span<double> counts)
    {
        foreach (int at in eventAt)
            if (at >= 0) counts[at]++;
    }

    /// <summary>Throws unless <paramref name="direction"/> is +1 or −1; the message names both sides.</summary>
    public static void ThrowIfInvalidDirection(int direction, string positive, string negative)
    {
        if (direction is not (1 or -1)) DirectionOutOfRange(direction, positive, negative);
    }

    /// <summary>
    /// The "as known at the close of <c>t</c>" view for every bar <c>t &lt; barCount</c>: the values of the latest entry
    /// of <paramref name="side"/> with <c>knownAt ≤ t</c> whose <paramref name="endedAt"/> is not at or before
    /// <c>t</c>, NaN when there is none. Writes <paramref name="first"/>, and <paramref name="second"/> unless it is
    /// empty; the caller has checked the destinations' lengths.
    /// </summary>
    public static void WriteLatestActive(int barCount, ReadOnlySpan<int> knownAt, ReadOnlySpan<sbyte> direction,
        ReadOnlySpan<int> endedAt, int side, ReadOnlySpan<double> firstValues, Span<double> first,
        ReadOnlySpan<double> secondValues, Span<double> second)
    {
        int count = knownAt.Length;
        bool two = !second.IsEmpty;
        var stack = ArrayPool<int>.Shared.Rent(count);
        try
        {
            int depth = 0, next = 0;
            for (int t = 0; t < barCount; t++)
            {
                for (; next < count && knownAt[next] <= t; next++)
                    if (direction[next] == side) stack[depth++] = next;
                // Entries below the top may have ended already (a newer version of a liquidity group sits above an
                // older one and shares its sweep); they are dropped once they surface.
                while (depth > 0 && (uint)endedAt[stack[depth - 1]] <= (uint)t) depth--;
                if (depth == 0)
                {
                    first[t] = double.NaN;
                    if (two) second[t] = double.NaN;
                }
                else
                {
                    first[t] = firstValues[stack[depth - 1]];
                    if (two) second[t] = secondValues[stack[depth - 1]];
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(stack);
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void DirectionOutOfRange(int direction, string positive, string negative) =>
        throw new ArgumentOutOfRangeException(nameof(direction), direction, $"direction must be +1 ({positive}) or -1 ({negative}).");
}
