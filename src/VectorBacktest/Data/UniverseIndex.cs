namespace VectorBacktest.Data;

/// <summary>The time index of a <see cref="Universe"/>: the sorted union of its series' open times.</summary>
internal static class UniverseIndex
{
    /// <summary>True when every series has exactly the same open times (then the index is shared, not built).</summary>
    public static bool AllEqual(IReadOnlyList<BarSeries> series)
    {
        var first = series[0].Time;
        for (int s = 1; s < series.Count; s++)
            if (!first.SequenceEqual(series[s].Time)) return false;
        return true;
    }

    /// <summary>The sorted union of all open times, merged pairwise in balanced rounds: O(N log K) for K series.</summary>
    public static long[] Union(IReadOnlyList<BarSeries> series)
    {
        var pending = new List<long[]>(series.Count);
        foreach (var s in series) pending.Add(s.Time.ToArray());
        while (pending.Count > 1)
        {
            var next = new List<long[]>((pending.Count + 1) / 2);
            for (int i = 0; i + 1 < pending.Count; i += 2) next.Add(Merge(pending[i], pending[i + 1]));
            if (pending.Count % 2 == 1) next.Add(pending[^1]);
            pending = next;
        }
        return pending[0];
    }

    /// <summary>
    /// Positions of <paramref name="time"/> inside <paramref name="index"/>; every element of <paramref name="time"/> is
    /// in the index by construction.
    /// </summary>
    public static void Locate(ReadOnlySpan<long> time, ReadOnlySpan<long> index, Span<int> positions)
    {
        int j = 0;
        for (int i = 0; i < time.Length; i++)
        {
            while (index[j] < time[i]) j++;
            positions[i] = j;
        }
    }

    private static long[] Merge(long[] a, long[] b)
    {
        var result = new long[a.Length + b.Length];
        int i = 0, j = 0, k = 0;
        while (i < a.Length && j < b.Length)
        {
            long x = a[i], y = b[j];
            if (x < y) { result[k++] = x; i++; }
            else if (y < x) { result[k++] = y; j++; }
            else { result[k++] = x; i++; j++; }
        }
        while (i < a.Length) result[k++] = a[i++];
        while (j < b.Length) result[k++] = b[j++];
        return k == result.Length ? result : result.AsSpan(0, k).ToArray();
    }
}
