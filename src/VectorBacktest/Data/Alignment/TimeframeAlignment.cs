using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace VectorBacktest.Data.Alignment;

/// <summary>
/// Brings values computed on a higher timeframe (4h structure, daily levels) onto the index of a lower timeframe
/// without look-ahead: each lower bar sees only higher bars that have closed by then, under the rule chosen by
/// <see cref="HigherBarVisibility"/>.
/// </summary>
/// <remarks>
/// <para>The result is an index map: for each lower bar, the index of the newest visible higher bar, or -1 while none
/// is. Gaps in either series are fine; after a gap in the higher series the lower bars keep seeing the last higher bar
/// that exists (check its age against the lower time if staleness matters). Neither timeframe needs to divide the
/// other.</para>
/// <para>Cost: one merge pass over both time columns, O(lower + higher), no allocation besides the result.</para>
/// </remarks>
public static class TimeframeAlignment
{
    /// <summary>The index of the newest visible higher bar for each lower bar (-1 = none yet).</summary>
    /// <param name="lower">The series whose index the result follows.</param>
    /// <param name="higher">The series the values come from.</param>
    /// <param name="visibility">The visibility rule; <see cref="HigherBarVisibility.FromNextLowerBar"/> by default.</param>
    public static int[] Map(BarSeries lower, BarSeries higher, HigherBarVisibility visibility = HigherBarVisibility.FromNextLowerBar)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(higher);
        var map = new int[lower.Length];
        Map(lower.Time, lower.Timeframe, higher.Time, higher.Timeframe, map, visibility);
        return map;
    }

    /// <summary>
    /// Span form of <see cref="Map(BarSeries, BarSeries, HigherBarVisibility)"/>: writes into
    /// <paramref name="destination"/> the index of the newest higher bar visible at each lower bar (-1 = none yet).
    /// </summary>
    /// <param name="lowerTime">Lower open times, epoch ms UTC, strictly increasing.</param>
    /// <param name="lowerTimeframe">Lower bar duration <c>L</c>.</param>
    /// <param name="higherTime">Higher open times, epoch ms UTC, strictly increasing.</param>
    /// <param name="higherTimeframe">Higher bar duration <c>H</c>.</param>
    /// <param name="destination">Receives one index per lower bar; at least as long as <paramref name="lowerTime"/>.</param>
    /// <param name="visibility">The visibility rule.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short, or a time column is not strictly increasing.</exception>
    public static void Map(ReadOnlySpan<long> lowerTime, Timeframe lowerTimeframe, ReadOnlySpan<long> higherTime,
        Timeframe higherTimeframe, Span<int> destination, HigherBarVisibility visibility = HigherBarVisibility.FromNextLowerBar)
    {
        if (destination.Length < lowerTime.Length)
            throw new ArgumentException($"The destination holds {destination.Length} indices; the lower series has {lowerTime.Length} bars.", nameof(destination));
        for (int k = 1; k < higherTime.Length; k++)
            if (higherTime[k] <= higherTime[k - 1]) ThrowNotIncreasing(nameof(higherTime), k);

        // Lower bar i's decision time: its open under the strict rule, its close under the charting convention.
        long decisionOffset = visibility == HigherBarVisibility.AtLowerBarClose ? lowerTimeframe.Milliseconds : 0L;
        long higherMs = higherTimeframe.Milliseconds;
        int m = higherTime.Length;
        int next = 0; // first higher bar not yet visible
        long previous = long.MinValue;
        for (int i = 0; i < lowerTime.Length; i++)
        {
            long t = lowerTime[i];
            if (t <= previous) ThrowNotIncreasing(nameof(lowerTime), i);
            previous = t;
            long decision = t + decisionOffset;
            while (next < m && higherTime[next] + higherMs <= decision) next++;
            destination[i] = next - 1;
        }
    }

    /// <summary>
    /// Gathers a higher-timeframe column onto the lower index: <c>result[i] = higherValues[map[i]]</c>, NaN where
    /// <c>map[i]</c> is -1.
    /// </summary>
    /// <param name="higherValues">One value per higher bar, computed from that bar's close or earlier.</param>
    /// <param name="map">The index map from <see cref="Map(BarSeries, BarSeries, HigherBarVisibility)"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index in <paramref name="map"/> is outside <paramref name="higherValues"/>.</exception>
    public static double[] Gather(ReadOnlySpan<double> higherValues, ReadOnlySpan<int> map)
    {
        var result = new double[map.Length];
        Gather(higherValues, map, result);
        return result;
    }

    /// <summary>Span form of <see cref="Gather(ReadOnlySpan{double}, ReadOnlySpan{int})"/>.</summary>
    /// <param name="higherValues">One value per higher bar.</param>
    /// <param name="map">Higher index per lower bar, -1 = none.</param>
    /// <param name="destination">Receives one value per lower bar; at least as long as <paramref name="map"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index in <paramref name="map"/> is outside <paramref name="higherValues"/>.</exception>
    public static void Gather(ReadOnlySpan<double> higherValues, ReadOnlySpan<int> map, Span<double> destination)
    {
        if (destination.Length < map.Length)
            throw new ArgumentException($"The destination holds {destination.Length} values; the map has {map.Length}.", nameof(destination));
        for (int i = 0; i < map.Length; i++)
        {
            int k = map[i];
            if (k < 0)
                destination[i] = double.NaN;
            else if (k < higherValues.Length)
                destination[i] = higherValues[k];
            else
                ThrowIndexOutside(i, k, higherValues.Length);
        }
    }

    /// <summary>
    /// Convenience: <see cref="Map(BarSeries, BarSeries, HigherBarVisibility)"/> then
    /// <see cref="Gather(ReadOnlySpan{double}, ReadOnlySpan{int})"/>.
    /// </summary>
    /// <param name="lower">The series whose index the result follows.</param>
    /// <param name="higher">The series <paramref name="higherValues"/> belongs to.</param>
    /// <param name="higherValues">One value per bar of <paramref name="higher"/>.</param>
    /// <param name="visibility">The visibility rule.</param>
    /// <exception cref="ArgumentException"><paramref name="higherValues"/> does not have one value per higher bar.</exception>
    public static double[] Align(BarSeries lower, BarSeries higher, ReadOnlySpan<double> higherValues,
        HigherBarVisibility visibility = HigherBarVisibility.FromNextLowerBar)
    {
        ArgumentNullException.ThrowIfNull(higher);
        if (higherValues.Length != higher.Length)
            throw new ArgumentException($"{higherValues.Length} values for {higher.Length} higher bars.", nameof(higherValues));
        return Gather(higherValues, Map(lower, higher, visibility));
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotIncreasing(string parameter, int index) =>
        throw new ArgumentException($"Times must be strictly increasing; element {index} is not after element {index - 1}.", parameter);

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowIndexOutside(int position, int index, int length) =>
        throw new ArgumentOutOfRangeException("map", $"map[{position}] = {index} is outside the {length} higher values.");
}
