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
    /// One side's scan (SEMANTICS.md §6, written for swing highs), one <see cref="Step"/> per bar. At bar <c>t</c>,
    /// with band half-width <c>w</c>: open groups whose anchor level + <c>w</c> the high reaches are swept; then a
    /// swing processed at <c>t</c> joins the earliest open group whose band holds its level, or else anchors a new
    /// group.
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
    /// between its bar and <c>t</c> (a <see cref="LatestRangeMaximum"/> query) opens no group.</para>
    /// </remarks>
    private ref struct SideScan<TSide>
        where TSide : struct, ISide
    {
        private readonly ReadOnlySpan<double> _high, _low;
        private readonly ReadOnlySpan<int> _swingIndex, _swingKnownAt;
        private readonly ReadOnlySpan<sbyte> _swingType;
        private readonly ReadOnlySpan<double> _swingLevel;
        private readonly bool _reference;
        private readonly int[] _anchors;
        private readonly LatestRangeMaximum _extreme;
        private int _depth, _next, _nextAt;
        private double _topAnchorLevel;

        public readonly SideGroups Groups;

        public SideScan(ReadOnlySpan<double> high, ReadOnlySpan<double> low, Swings swings, int[] anchors, LatestRangeMaximum extreme)
        {
            _high = high;
            _low = low;
            _swingIndex = swings.Index;
            _swingKnownAt = swings.KnownAt;
            _swingType = swings.HighLow;
            _swingLevel = swings.Level;
            _reference = swings.Mode == SmcMode.Reference;
            _anchors = anchors;
            _extreme = extreme;
            _topAnchorLevel = double.PositiveInfinity;
            int sideSwings = 0;
            for (int s = 0; s < _swingType.Length; s++) if (_swingType[s] == TSide.Direction) sideSwings++;
            Groups = new SideGroups(sideSwings);
            _next = -1;
            AdvanceSwing();
        }

        // Moves to the next swing of this side; _nextAt = the bar at which it is processed.
        private void AdvanceSwing()
        {
            do _next++;
            while (_next < _swingType.Length && _swingType[_next] != TSide.Direction);
            _nextAt = _next >= _swingType.Length ? int.MaxValue
                : _reference ? _swingIndex[_next] : _swingKnownAt[_next];
        }

        public void Step(int t, double w)
        {
            double price = TSide.Extreme(_high, _low, t);
            if (price >= _topAnchorLevel + w) Sweep(t, price, w);
            while (t >= _nextAt)
            {
                Process(t, w);
                AdvanceSwing();
            }
        }

        private void Sweep(int t, double price, double w)
        {
            var groups = Groups;
            int depth = _depth;
            while (depth > 0 && price >= groups.AnchorLevel[_anchors[depth - 1]] + w)
                groups.SweptAt[_anchors[--depth]] = t;
            _depth = depth;
            _topAnchorLevel = depth > 0 ? groups.AnchorLevel[_anchors[depth - 1]] : double.PositiveInfinity;
        }

        private void Process(int t, double w)
        {
            var groups = Groups;
            int j = _swingIndex[_next];
            double level = TSide.Read(_swingLevel[_next]);

            int lo = 0, hi = _depth;
            while (lo < hi)
            {
                int mid = (int)((uint)(lo + hi) >> 1);
                if (groups.AnchorLevel[_anchors[mid]] - w <= level) hi = mid;
                else lo = mid + 1;
            }
            if (lo < _depth)
            {
                int g = _anchors[lo];
                groups.Sum[g] += level;
                int members = ++groups.Members[g];
                int v = groups.VersionCount++;
                groups.Group[v] = g;
                groups.KnownAt[v] = t;
                groups.Level[v] = (float)(groups.Sum[g] / members);
                groups.End[v] = j;
                groups.VersionMembers[v] = members;
                return;
            }

            if (j < t && TSide.Extreme(_high, _low, _extreme.Query(j + 1, t)) >= level + w) return;
            int created = groups.GroupCount++;
            groups.Anchor[created] = j;
            groups.AnchorLevel[created] = level;
            groups.Sum[created] = level;
            groups.Members[created] = 1;
            groups.SweptAt[created] = NotSwept;
            _anchors[_depth++] = created;
            _topAnchorLevel = level;
        }
    }
}
