using System.Runtime.CompilerServices;

namespace VectorBacktest.Indicators.Smc;

public sealed partial class OrderBlocks
{
    /// <summary>
    /// Reads one side's prices so that one pass serves both: the bullish side as they are, the bearish side with
    /// highs and lows swapped and every price negated (a bearish block is a bullish block of the mirrored series:
    /// highest high ↔ lowest low, "above Top" ↔ "below Bottom"; float32 rounding commutes with negation).
    /// </summary>
    private interface ISide
    {
        static abstract sbyte Direction { get; }
        static abstract double Read(double price);
    }

    private readonly struct BullishSide : ISide
    {
        public static sbyte Direction => 1;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Read(double price) => price;
    }

    private readonly struct BearishSide : ISide
    {
        public static sbyte Direction => -1;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Read(double price) => -price;
    }

    /// <summary>Blocks of one side, in creation order (mirrored prices for the bearish side).</summary>
    private sealed class SideBlocks(int capacity)
    {
        public int Count;
        public readonly int[] Index = new int[capacity];
        public readonly int[] KnownAt = new int[capacity];
        public readonly double[] Top = new double[capacity];
        public readonly double[] Bottom = new double[capacity];
        public readonly double[] Volume = new double[capacity];
        public readonly double[] Percentage = new double[capacity];
        public readonly int[] MitigatedAt = new int[capacity];
        public readonly int[] InvalidatedAt = new int[capacity];
    }

    /// <summary>
    /// One side's scan over the bars (SEMANTICS.md §5, written for the bullish side), one <see cref="Step"/> per bar.
    /// At bar <c>i</c>: mitigated blocks whose Top the high exceeds are invalidated; unmitigated blocks whose Bottom
    /// the low (or the candle body) undercuts are mitigated; then the latest available swing, if unused and closed
    /// above, creates a block on the bar of lowest low since the swing. Tops and Bottoms are compared as stored
    /// float32 values.
    /// </summary>
    /// <remarks>
    /// O(N log k): the lowest low of <c>(s, i)</c> (latest on ties) is tracked bar by bar while the current swing is
    /// unused, seeded when the swing becomes available by one <see cref="LatestRangeMaximum"/> query over the bars
    /// since it; waiting blocks sit in a max-heap of Bottoms and mitigated ones in a min-heap of Tops, whose extreme
    /// keys are cached so that a bar without an event costs two comparisons.
    /// <c>preMitigated</c> (reference mode, bearish side only) marks bars where the reference's shared arrays already
    /// carry a mitigated flag: a block created there starts mitigated.
    /// </remarks>
    private ref struct SideScan<TSide>
        where TSide : struct, ISide
    {
        private readonly ReadOnlySpan<double> _open, _high, _low, _close, _volume;
        private readonly ReadOnlySpan<int> _swingIndex, _swingKnownAt;
        private readonly ReadOnlySpan<sbyte> _swingType;
        private readonly ReadOnlySpan<double> _swingLevel;
        private readonly ReadOnlySpan<bool> _preMitigated;
        private readonly LatestRangeMaximum _lowest;
        private readonly bool _reference, _closeMitigation;
        private readonly PriorityQueue<int, double> _waiting;   // by −Bottom: the highest Bottom first
        private readonly PriorityQueue<int, double> _mitigated; // by Top: the lowest Top first
        private double _highestBottom, _lowestTop;
        private int _next, _nextAt, _current, _lowestSince;
        private double _lowestSinceLow;
        private bool _currentUsed;

        public readonly SideBlocks Blocks;

        public SideScan(ReadOnlySpan<double> open, ReadOnlySpan<double> high, ReadOnlySpan<double> low,
            ReadOnlySpan<double> close, ReadOnlySpan<double> volume, Swings swings, bool closeMitigation,
            ReadOnlySpan<bool> preMitigated, LatestRangeMaximum lowest)
        {
            _open = open; _high = high; _low = low; _close = close; _volume = volume;
            _swingIndex = swings.Index;
            _swingKnownAt = swings.KnownAt;
            _swingType = swings.HighLow;
            _swingLevel = swings.Level;
            _preMitigated = preMitigated;
            _lowest = lowest;
            _reference = swings.Mode == SmcMode.Reference;
            _closeMitigation = closeMitigation;
            _waiting = new PriorityQueue<int, double>();
            _mitigated = new PriorityQueue<int, double>();
            _highestBottom = double.NegativeInfinity;
            _lowestTop = double.PositiveInfinity;
            _current = -1;
            _currentUsed = true;
            int sideSwings = 0;
            for (int s = 0; s < _swingType.Length; s++) if (_swingType[s] == TSide.Direction) sideSwings++;
            Blocks = new SideBlocks(sideSwings);
            _next = -1;
            AdvanceSwing();
        }

        // Moves to the next swing of this side; _nextAt = the first bar at which it is available.
        private void AdvanceSwing()
        {
            do _next++;
            while (_next < _swingType.Length && _swingType[_next] != TSide.Direction);
            _nextAt = _next >= _swingType.Length ? int.MaxValue
                : _reference ? _swingIndex[_next] + 1 : _swingKnownAt[_next];
        }

        public void Step(int i)
        {
            double lo = TSide.Read(_low[i]);
            if (TSide.Read(_high[i]) > _lowestTop) Invalidate(i);
            double touch = _closeMitigation ? Math.Min(TSide.Read(_open[i]), TSide.Read(_close[i])) : lo;
            if (touch < _highestBottom) Mitigate(i, touch);

            if (i >= _nextAt) TakeLatestSwing(i);
            if (_currentUsed) return;
            if (TSide.Read(_close[i]) > TSide.Read(_swingLevel[_current]))
            {
                Create(i);
                return;
            }
            if (lo <= _lowestSinceLow)
            {
                _lowestSinceLow = lo;
                _lowestSince = i;
            }
        }

        // Makes the latest available swing current and seeds the lowest low of the bars between it and bar i.
        private void TakeLatestSwing(int i)
        {
            while (i >= _nextAt)
            {
                _current = _next;
                AdvanceSwing();
            }
            _currentUsed = false;
            int s = _swingIndex[_current];
            if (i - s >= 2)
            {
                _lowestSince = _lowest.Query(s + 1, i - 1);
                _lowestSinceLow = TSide.Read(_low[_lowestSince]);
            }
            else
            {
                _lowestSince = -1;
                _lowestSinceLow = double.PositiveInfinity;
            }
        }

        private void Invalidate(int i)
        {
            double hi = TSide.Read(_high[i]);
            while (_mitigated.TryPeek(out int b, out double top) && hi > top)
            {
                _mitigated.Dequeue();
                Blocks.InvalidatedAt[b] = i;
            }
            _lowestTop = _mitigated.TryPeek(out _, out double next) ? next : double.PositiveInfinity;
        }

        private void Mitigate(int i, double touch)
        {
            while (_waiting.TryPeek(out int b, out double negBottom) && touch < -negBottom)
            {
                _waiting.Dequeue();
                Blocks.MitigatedAt[b] = i;
                Track(b, mitigated: true);
            }
            _highestBottom = _waiting.TryPeek(out _, out double next) ? -next : double.NegativeInfinity;
        }

        private void Track(int b, bool mitigated)
        {
            if (mitigated)
            {
                _mitigated.Enqueue(b, Blocks.Top[b]);
                _lowestTop = Math.Min(_lowestTop, Blocks.Top[b]);
            }
            else
            {
                _waiting.Enqueue(b, -Blocks.Bottom[b]);
                _highestBottom = Math.Max(_highestBottom, Blocks.Bottom[b]);
            }
        }

        private void Create(int i)
        {
            _currentUsed = true;
            int s = _swingIndex[_current];
            int x;
            double blockTop, blockBottom;
            if (i - s >= 2)
            {
                x = _lowestSince;
                blockTop = TSide.Read(_high[x]);
                blockBottom = TSide.Read(_low[x]);
            }
            else
            {
                // Only the reference's artificial bar-0 swing can be broken by the very next bar: it then takes that
                // swing bar with its edges swapped (bullish) or as they are (bearish, un-mirrored).
                x = s;
                (blockTop, blockBottom) = TSide.Direction > 0 ? (_low[x], _high[x]) : (-_high[x], -_low[x]);
            }

            double v0 = _volume[i], v1 = i >= 1 ? _volume[i - 1] : 0, v2 = i >= 2 ? _volume[i - 2] : 0;
            float recent = (float)(v0 + v1), earlier = (float)v2;
            float percentage = recent == 0 && earlier == 0
                ? 100f
                : MathF.Min(recent, earlier) / MathF.Max(recent, earlier) * 100f;

            var blocks = Blocks;
            int k = blocks.Count++;
            blocks.Index[k] = x;
            blocks.KnownAt[k] = i;
            blocks.Top[k] = Rounded(blockTop);
            blocks.Bottom[k] = Rounded(blockBottom);
            blocks.Volume[k] = (float)(v0 + v1 + v2);
            blocks.Percentage[k] = percentage;
            blocks.MitigatedAt[k] = NotMitigated;
            blocks.InvalidatedAt[k] = NotInvalidated;
            Track(k, mitigated: !_preMitigated.IsEmpty && _preMitigated[x]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Rounded(double value) => SmcFloat32.Round(value);
}
