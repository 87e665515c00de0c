using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    /// OBVolume and Percentage of each block from the volumes of its break bar and the two before it (missing ones
    /// count 0), stored as float32 like the reference. Done after the pass, in one sweep over the blocks: the volume
    /// column is not otherwise read, so its cache misses overlap here instead of stalling the pass.
    /// </summary>
    private static void FillVolumes(SideBlocks blocks, ReadOnlySpan<double> volume)
    {
        for (int k = 0; k < blocks.Count; k++)
        {
            int i = blocks.KnownAt[k];
            double v0 = volume[i], v1 = i >= 1 ? volume[i - 1] : 0, v2 = i >= 2 ? volume[i - 2] : 0;
            float recent = (float)(v0 + v1), earlier = (float)v2;
            blocks.Volume[k] = (float)(v0 + v1 + v2);
            blocks.Percentage[k] = recent == 0 && earlier == 0
                ? 100f
                : MathF.Min(recent, earlier) / MathF.Max(recent, earlier) * 100f;
        }
    }

    /// <summary>
    /// The pass over the bars (SEMANTICS.md §5) for the bullish side, the bearish side (on mirrored prices), or both.
    /// Per side, at bar <c>i</c>: mitigated blocks whose Top the high exceeds are invalidated; unmitigated blocks
    /// whose Bottom the low (or the candle body) undercuts are mitigated; then the latest available swing, if unused
    /// and closed above, creates a block on the bar of lowest low since the swing. Tops and Bottoms are compared as
    /// stored float32 values.
    /// </summary>
    /// <remarks>
    /// O(N log k). The loop keeps in locals only what every bar reads, per side: the lowest Top of the mitigated
    /// blocks and the highest Bottom of the waiting ones (the extremes of two heaps), the current swing's break level
    /// (+∞ once used) and the lowest low since that swing, tracked bar by bar and seeded, when a swing becomes
    /// current, by one <see cref="LatestRangeMaximum"/> query over the bars since it. Everything else happens in
    /// <see cref="SideState"/> on the rare bars with an event. A side left out (null) has no swings, so none of its
    /// branches fires. <paramref name="preMitigated"/> (reference mode, bearish side only) marks bars where the
    /// reference's shared arrays already carry a mitigated flag: a block created there starts mitigated.
    /// </remarks>
    private static void Pass(ReadOnlySpan<double> open, ReadOnlySpan<double> high, ReadOnlySpan<double> low,
        ReadOnlySpan<double> close, bool closeMitigation, SideState bull, SideState bear,
        ReadOnlySpan<bool> preMitigated, LatestRangeMaximum lowestLow, LatestRangeMaximum highestHigh)
    {
        int n = close.Length;
        ref double o = ref MemoryMarshal.GetReference(open);
        ref double h = ref MemoryMarshal.GetReference(high);
        ref double l = ref MemoryMarshal.GetReference(low);
        ref double c = ref MemoryMarshal.GetReference(close);

        // Bearish values are mirrored (negated, highs and lows swapped): "lowest low" is the highest high, etc.
        double bullLowestTop = double.PositiveInfinity, bullHighestBottom = double.NegativeInfinity;
        double bullBreak = double.PositiveInfinity, bullLowestSinceLow = double.PositiveInfinity;
        double bearLowestTop = double.PositiveInfinity, bearHighestBottom = double.NegativeInfinity;
        double bearBreak = double.PositiveInfinity, bearLowestSinceLow = double.PositiveInfinity;
        int bullLowestSince = -1, bearLowestSince = -1;
        int bullNextAt = bull.NextAt, bearNextAt = bear.NextAt;

        for (int i = 0; i < n; i++)
        {
            // Most bars have no event on either side and only move the two running minima: this inner loop skips
            // them without calls, so its state can stay in registers.
            for (; i < n; i++)
            {
                double qh = Unsafe.Add(ref h, i), ql = Unsafe.Add(ref l, i), qc = Unsafe.Add(ref c, i);
                double bullTouch = closeMitigation ? Math.Min(Unsafe.Add(ref o, i), qc) : ql;
                double bearTouch = closeMitigation ? Math.Min(-Unsafe.Add(ref o, i), -qc) : -qh;
                if ((qh > bullLowestTop) | (bullTouch < bullHighestBottom) | (i >= bullNextAt) | (qc > bullBreak)
                    | (-ql > bearLowestTop) | (bearTouch < bearHighestBottom) | (i >= bearNextAt) | (-qc > bearBreak))
                    break;
                if (ql <= bullLowestSinceLow)
                {
                    bullLowestSinceLow = ql;
                    bullLowestSince = i;
                }
                if (-qh <= bearLowestSinceLow)
                {
                    bearLowestSinceLow = -qh;
                    bearLowestSince = i;
                }
            }
            if (i >= n) break;

            double hi = Unsafe.Add(ref h, i), lo = Unsafe.Add(ref l, i), cl = Unsafe.Add(ref c, i);

            // Bullish side.
            if (hi > bullLowestTop) bullLowestTop = bull.Invalidate(i, hi);
            double touch = closeMitigation ? Math.Min(Unsafe.Add(ref o, i), cl) : lo;
            if (touch < bullHighestBottom)
            {
                bullHighestBottom = bull.Mitigate(i, touch);
                bullLowestTop = bull.LowestTop;
            }
            if (i >= bullNextAt)
            {
                bullNextAt = bull.TakeLatestSwing<BullishSide>(i, low, lowestLow);
                bullBreak = bull.BreakLevel;
                bullLowestSince = bull.LowestSince;
                bullLowestSinceLow = bull.LowestSinceLow;
            }
            if (cl > bullBreak)
            {
                bull.Create<BullishSide>(i, bullLowestSince, high, low, default);
                bullHighestBottom = bull.HighestBottom;
                bullLowestTop = bull.LowestTop;
                bullBreak = double.PositiveInfinity;
            }
            else if (lo <= bullLowestSinceLow)
            {
                bullLowestSinceLow = lo;
                bullLowestSince = i;
            }

            // Bearish side, mirrored.
            double mHi = -lo, mLo = -hi, mCl = -cl;
            if (mHi > bearLowestTop) bearLowestTop = bear.Invalidate(i, mHi);
            touch = closeMitigation ? Math.Min(-Unsafe.Add(ref o, i), mCl) : mLo;
            if (touch < bearHighestBottom)
            {
                bearHighestBottom = bear.Mitigate(i, touch);
                bearLowestTop = bear.LowestTop;
            }
            if (i >= bearNextAt)
            {
                bearNextAt = bear.TakeLatestSwing<BearishSide>(i, high, highestHigh);
                bearBreak = bear.BreakLevel;
                bearLowestSince = bear.LowestSince;
                bearLowestSinceLow = bear.LowestSinceLow;
            }
            if (mCl > bearBreak)
            {
                bear.Create<BearishSide>(i, bearLowestSince, low, high, preMitigated);
                bearHighestBottom = bear.HighestBottom;
                bearLowestTop = bear.LowestTop;
                bearBreak = double.PositiveInfinity;
            }
            else if (mLo <= bearLowestSinceLow)
            {
                bearLowestSinceLow = mLo;
                bearLowestSince = i;
            }
        }
    }

    /// <summary>A side's blocks, live-block heaps and swing pointer, touched only on bars with an event.</summary>
    private sealed class SideState
    {
        private readonly Swings _swings;
        private readonly sbyte _direction;
        private readonly PriorityQueue<int, double> _waiting = new();   // by −Bottom: the highest Bottom first
        private readonly PriorityQueue<int, double> _mitigated = new(); // by Top: the lowest Top first
        private int _next = -1, _current = -1;

        /// <param name="swings">The swings.</param>
        /// <param name="direction">+1 bullish (swing highs), −1 bearish (swing lows).</param>
        /// <param name="active">False for a side left out of the pass: it then never sees a swing.</param>
        public SideState(Swings swings, sbyte direction, bool active)
        {
            _swings = swings;
            _direction = direction;
            var types = swings.HighLow;
            int sideSwings = 0;
            if (active)
                for (int s = 0; s < types.Length; s++) if (types[s] == direction) sideSwings++;
            Blocks = new SideBlocks(sideSwings);
            NextAt = active ? Advance() : int.MaxValue;
        }

        public SideBlocks Blocks { get; }
        public int NextAt { get; }
        public double LowestTop { get; private set; } = double.PositiveInfinity;
        public double HighestBottom { get; private set; } = double.NegativeInfinity;
        public double BreakLevel { get; private set; }
        public int LowestSince { get; private set; }
        public double LowestSinceLow { get; private set; }

        // Moves to the next swing of this side; returns the first bar at which it is available.
        private int Advance()
        {
            var types = _swings.HighLow;
            do _next++;
            while (_next < types.Length && types[_next] != _direction);
            if (_next >= types.Length) return int.MaxValue;
            return _swings.Mode == SmcMode.Reference ? _swings.Index[_next] + 1 : _swings.KnownAt[_next];
        }

        /// <summary>
        /// Makes the latest swing available at bar <paramref name="i"/> current and seeds the lowest low of the bars
        /// between it and <paramref name="i"/>; returns the bar at which the following swing becomes available.
        /// </summary>
        public int TakeLatestSwing<TSide>(int i, ReadOnlySpan<double> low, LatestRangeMaximum lowest)
            where TSide : struct, ISide
        {
            int nextAt;
            do
            {
                _current = _next;
                nextAt = Advance();
            }
            while (i >= nextAt);
            BreakLevel = TSide.Read(_swings.Level[_current]);
            int s = _swings.Index[_current];
            if (i - s >= 2)
            {
                LowestSince = lowest.Query(s + 1, i - 1);
                LowestSinceLow = TSide.Read(low[LowestSince]);
            }
            else
            {
                LowestSince = -1;
                LowestSinceLow = double.PositiveInfinity;
            }
            return nextAt;
        }

        /// <summary>Invalidates the mitigated blocks whose Top <paramref name="hi"/> exceeds; returns the new lowest Top.</summary>
        public double Invalidate(int i, double hi)
        {
            while (_mitigated.TryPeek(out int b, out double top) && hi > top)
            {
                _mitigated.Dequeue();
                Blocks.InvalidatedAt[b] = i;
            }
            return LowestTop = _mitigated.TryPeek(out _, out double next) ? next : double.PositiveInfinity;
        }

        /// <summary>Mitigates the waiting blocks whose Bottom <paramref name="touch"/> undercuts; returns the new highest Bottom.</summary>
        public double Mitigate(int i, double touch)
        {
            while (_waiting.TryPeek(out int b, out double negBottom) && touch < -negBottom)
            {
                _waiting.Dequeue();
                Blocks.MitigatedAt[b] = i;
                Track(b, mitigated: true);
            }
            return HighestBottom = _waiting.TryPeek(out _, out double next) ? -next : double.NegativeInfinity;
        }

        /// <summary>Creates the current swing's block, broken at bar <paramref name="i"/>, on bar <paramref name="lowestSince"/>.</summary>
        public void Create<TSide>(int i, int lowestSince, ReadOnlySpan<double> high, ReadOnlySpan<double> low,
            ReadOnlySpan<bool> preMitigated)
            where TSide : struct, ISide
        {
            int s = _swings.Index[_current];
            int x;
            double blockTop, blockBottom;
            if (i - s >= 2)
            {
                x = lowestSince;
                blockTop = TSide.Read(high[x]);
                blockBottom = TSide.Read(low[x]);
            }
            else
            {
                // Only the reference's artificial bar-0 swing can be broken by the very next bar: it then takes that
                // swing bar with its edges swapped (bullish) or as they are (bearish, un-mirrored).
                x = s;
                (blockTop, blockBottom) = TSide.Direction > 0 ? (low[x], high[x]) : (-high[x], -low[x]);
            }

            var blocks = Blocks;
            int k = blocks.Count++;
            blocks.Index[k] = x;
            blocks.KnownAt[k] = i;
            blocks.Top[k] = Rounded(blockTop);
            blocks.Bottom[k] = Rounded(blockBottom);
            blocks.MitigatedAt[k] = NotMitigated;
            blocks.InvalidatedAt[k] = NotInvalidated;
            Track(k, mitigated: !preMitigated.IsEmpty && preMitigated[x]);
        }

        private void Track(int b, bool mitigated)
        {
            if (mitigated)
            {
                _mitigated.Enqueue(b, Blocks.Top[b]);
                LowestTop = Math.Min(LowestTop, Blocks.Top[b]);
            }
            else
            {
                _waiting.Enqueue(b, -Blocks.Bottom[b]);
                HighestBottom = Math.Max(HighestBottom, Blocks.Bottom[b]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Rounded(double value) => SmcFloat32.Round(value);
}
