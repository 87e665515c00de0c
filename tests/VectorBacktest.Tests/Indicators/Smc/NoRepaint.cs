namespace VectorBacktest.Tests.Indicators.Smc;

/// <summary>
/// The "no repaint" property for causal indicators: whatever is known at the close of bar <c>t</c> must not
/// change when bars <c>t+1…</c> are appended, and nothing may claim to be known at a bar that has not closed.
/// </summary>
/// <remarks>
/// An indicator run is described as a list of facts, each a value with the bar at which it became known (an
/// event with its <c>KnownAt</c>, or a per-bar row with its own index). For every prefix length <c>L</c> the
/// harness checks that the run on bars <c>0…L-1</c> (a) only holds facts known at bars ≤ <c>L-1</c>, and (b)
/// holds exactly the facts of the full run known at bars ≤ <c>L-1</c>, in the same order. Values are compared
/// with <see cref="EqualityComparer{T}.Default"/> (record structs of doubles compare NaN equal to NaN).
/// </remarks>
public static class NoRepaint
{
    /// <summary>Runs the check; <paramref name="run"/> computes the facts of the first <c>L</c> bars.</summary>
    /// <param name="length">Length of the full series.</param>
    /// <param name="prefixLengths">Prefix lengths to compare with the full run (0 … length).</param>
    /// <param name="run">Computes the facts of a prefix of the given length.</param>
    public static void Check<T>(int length, IEnumerable<int> prefixLengths, Func<int, IEnumerable<(int KnownAt, T Value)>> run)
    {
        var full = run(length).ToList();
        var comparer = EqualityComparer<T>.Default;
        foreach (int prefixLength in prefixLengths)
        {
            var prefix = run(prefixLength).ToList();
            foreach (var (knownAt, value) in prefix)
                Assert.True(knownAt >= 0 && knownAt < prefixLength,
                    $"prefix of {prefixLength} bars: {value} claims KnownAt = {knownAt}, outside 0 … {prefixLength - 1}");
            var expected = full.Where(f => f.KnownAt < prefixLength).ToList();
            int common = Math.Min(expected.Count, prefix.Count);
            for (int k = 0; k < common; k++)
            {
                if (expected[k].KnownAt != prefix[k].KnownAt || !comparer.Equals(expected[k].Value, prefix[k].Value))
                    Assert.Fail($"prefix of {prefixLength} bars, fact #{k}: full run has {expected[k].Value} known at {expected[k].KnownAt}, " +
                                $"prefix run has {prefix[k].Value} known at {prefix[k].KnownAt}");
            }
            if (expected.Count != prefix.Count)
            {
                var extra = expected.Count > prefix.Count ? expected[common] : prefix[common];
                Assert.Fail($"prefix of {prefixLength} bars: full run knows {expected.Count} facts by bar {prefixLength - 1}, " +
                            $"prefix run {prefix.Count}; first unmatched: {extra.Value} known at {extra.KnownAt}");
            }
        }
    }

    /// <summary>Every prefix length 0 … <paramref name="length"/>.</summary>
    public static IEnumerable<int> AllPrefixes(int length) => Enumerable.Range(0, length + 1);

    /// <summary>
    /// <paramref name="count"/> prefix lengths drawn reproducibly from 0 … <paramref name="length"/>, plus the
    /// first and last few, sorted.
    /// </summary>
    public static IEnumerable<int> SamplePrefixes(int length, int count, int seed)
    {
        var random = new Random(seed);
        var set = new SortedSet<int>();
        for (int k = 0; k <= Math.Min(3, length); k++) { set.Add(k); set.Add(length - k); }
        while (set.Count < Math.Min(count, length + 1)) set.Add(random.Next(0, length + 1));
        return set;
    }
}
