using System.Runtime.CompilerServices;

namespace VectorBacktest.Indicators.Smc;

public sealed partial class Liquidity
{
    /// <summary>
    /// Reads one side's extreme price so that one pass serves both: swing highs read highs as they are, swing lows
    /// read lows negated (equal lows are equal highs of the mirrored series; float32 and float64 rounding commute
    /// with negation, so the mirrored decisions and means are exact).
    /// </summary>
    private interface ISide
    {
        static abstract sbyte Direction { get; }
        static abstract double Extreme(ReadOnlySpan<double> high, ReadOnlySpan<double> low, int i);
        static abstract double Read(double price);
    }

    private readonly struct HighSide : ISide
    {
        public static sbyte Direction => 1;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Extreme(ReadOnlySpan<double> high, ReadOnlySpan<double> low, int i) => high[i];
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Read(double price) => price;
    }

    private readonly struct LowSide : ISide
    {
        public static sbyte Direction => -1;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Extreme(ReadOnlySpan<double> high, ReadOnlySpan<double> low, int i) => -low[i];
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Read(double price) => -price;
    }

    /// <summary>One side's groups (anchors) and the versions their joins produce, mirrored prices for lows.</summary>
    private sealed class SideGroups(int capacity)
    {
        public int GroupCount;
        public readonly int[] Anchor = new int[capacity];
        public readonly double[] AnchorLevel = new double[capacity];
        public readonly double[] Sum = new double[capacity];
        public readonly int[] Members = new int[capacity];
        public readonly int[] SweptAt = new int[capacity];

        public int VersionCount;
        public readonly int[] Group = new int[capacity];
        public readonly int[] KnownAt = new int[capacity];
        public readonly double[] Level = new double[capacity];
        public readonly int[] End = new int[capacity];
        public readonly int[] VersionMembers = new int[capacity];
    }

    /// <summary>
    /// One side's pass (SEMANTICS.md §6, written for swing highs). At bar <c>t</c>, with band half-width <c>w</c>:
    /// open groups whose anchor level + <c>w</c> the high reaches are swept; then a swing processed at <c>t</c> joins
    /// the earliest open group whose band holds its level, or else anchors a new group.
    /// </summary>
    /// <remarks>
    /// <para>Equivalent to the reference's anchor-by-anchor scans, in one forward pass: a swing joins the earliest
    /// earlier anchor that would have absorbed it. An open group's anchor + <c>w</c> lies above every high since its
    /// anchor (else it would be swept), so only the lower band edge can exclude a swing; and a swing that anchors a
    /// new group lay below every open anchor − <c>w</c>. Open anchors thus fall strictly towards the top of a stack,
    /// sweeps pop from its top, and the earliest open anchor whose lower edge is ≤ the level is found by binary
    /// search: O(N + S log S).</para>
    /// <para>Reference mode processes a swing at its own bar with <c>w</c> from the whole series. Causal mode
    /// processes it at its <c>KnownAt</c> bar with <c>w</c> from bars <c>0…t</c> (non-decreasing, so a group tested
    /// against an earlier, narrower band stays consistent), and a new anchor whose sweep level was already reached
    /// between its bar and <c>t</c> (a suffix-maxima stack answers that) opens no group.</para>
    /// </remarks>
    private static SideGroups Pass<TSide>(ReadOnlySpan<double> high, ReadOnlySpan<double> low, Swings swings,
        double rangePercent, double referenceWidth, int[] anchors, int[] suffixMaxima)
        where TSide : struct, ISide
    {
        int n = high.Length;
        bool reference = swings.Mode == SmcMode.Reference;
        var swingIndex = swings.Index;
        var swingKnownAt = swings.KnownAt;
        var swingType = swings.HighLow;
        var swingLevel = swings.Level;

        int sideSwings = 0;
        for (int s = 0; s < swings.Count; s++) if (swingType[s] == TSide.Direction) sideSwings++;
        var groups = new SideGroups(sideSwings);

        double runningHigh = double.NegativeInfinity, runningLow = double.PositiveInfinity;
        double w = referenceWidth;
        int depth = 0, suffixDepth = 0, next = 0;

        for (int t = 0; t < n; t++)
        {
            if (!reference)
            {
                runningHigh = Math.Max(runningHigh, high[t]);
                runningLow = Math.Min(runningLow, low[t]);
                w = (runningHigh - runningLow) * rangePercent;
            }
            double price = TSide.Extreme(high, low, t);
            while (depth > 0 && price >= groups.AnchorLevel[anchors[depth - 1]] + w)
                groups.SweptAt[anchors[--depth]] = t;

            while (suffixDepth > 0 && TSide.Extreme(high, low, suffixMaxima[suffixDepth - 1]) <= price) suffixDepth--;
            suffixMaxima[suffixDepth++] = t;

            for (; next < swings.Count && (reference ? swingIndex[next] : swingKnownAt[next]) <= t; next++)
            {
                if (swingType[next] != TSide.Direction) continue;
                int j = swingIndex[next];
                double level = TSide.Read(swingLevel[next]);

                int lo = 0, hi = depth;
                while (lo < hi)
                {
                    int mid = (int)((uint)(lo + hi) >> 1);
                    if (groups.AnchorLevel[anchors[mid]] - w <= level) hi = mid;
                    else lo = mid + 1;
                }
                if (lo < depth)
                {
                    int g = anchors[lo];
                    groups.Sum[g] += level;
                    int members = ++groups.Members[g];
                    int v = groups.VersionCount++;
                    groups.Group[v] = g;
                    groups.KnownAt[v] = t;
                    groups.Level[v] = (float)(groups.Sum[g] / members);
                    groups.End[v] = j;
                    groups.VersionMembers[v] = members;
                    continue;
                }

                if (j < t)
                {
                    int a = 0, b = suffixDepth;
                    while (a < b)
                    {
                        int mid = (int)((uint)(a + b) >> 1);
                        if (suffixMaxima[mid] > j) b = mid;
                        else a = mid + 1;
                    }
                    if (TSide.Extreme(high, low, suffixMaxima[a]) >= level + w) continue;
                }
                int created = groups.GroupCount++;
                groups.Anchor[created] = j;
                groups.AnchorLevel[created] = level;
                groups.Sum[created] = level;
                groups.Members[created] = 1;
                groups.SweptAt[created] = NotSwept;
                anchors[depth++] = created;
            }
        }
        return groups;
    }
}
