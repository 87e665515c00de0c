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
    /// One side's pass over the bars (SEMANTICS.md §5, written for the bullish side). At bar <c>i</c>: mitigated
    /// blocks whose Top the high exceeds are invalidated; unmitigated blocks whose Bottom the low (or the candle
    /// body) undercuts are mitigated; then the latest available swing, if unused and closed above, creates a block
    /// on the bar of lowest low since the swing. Tops and Bottoms are compared as stored float32 values.
    /// </summary>
    /// <remarks>
    /// Linear apart from the heaps: the lowest low of <c>(s, i)</c> (latest on ties) is the first entry after
    /// <c>s</c> of a stack of strict suffix minima, found by binary search; waiting blocks sit in a max-heap of
    /// Bottoms and mitigated ones in a min-heap of Tops, so each bar costs O(1) plus O(log k) per event.
    /// <paramref name="preMitigated"/> (reference mode, bearish side only) marks bars where the reference's shared
    /// arrays already carry a mitigated flag: a block created there starts mitigated.
    /// </remarks>
    private static SideBlocks Pass<TSide>(ReadOnlySpan<double> open, ReadOnlySpan<double> high, ReadOnlySpan<double> low,
        ReadOnlySpan<double> close, ReadOnlySpan<double> volume, Swings swings, bool closeMitigation,
        ReadOnlySpan<bool> preMitigated, int[] suffixMinima)
        where TSide : struct, ISide
    {
        int n = close.Length;
        bool reference = swings.Mode == SmcMode.Reference;
        var swingIndex = swings.Index;
        var swingKnownAt = swings.KnownAt;
        var swingType = swings.HighLow;
        var swingLevel = swings.Level;

        int sideSwings = 0;
        for (int s = 0; s < swings.Count; s++) if (swingType[s] == TSide.Direction) sideSwings++;
        var blocks = new SideBlocks(sideSwings);

        var waiting = new PriorityQueue<int, double>();   // by −Bottom: the highest Bottom first
        var mitigated = new PriorityQueue<int, double>(); // by Top: the lowest Top first

        int next = 0;          // next swing to become available
        int current = -1;      // latest available swing of this side
        bool currentUsed = false;
        int depth = 0;         // suffix-minima stack over bars < i

        for (int i = 0; i < n; i++)
        {
            double hi = TSide.Read(high[i]), lo = TSide.Read(low[i]);

            while (mitigated.TryPeek(out int b, out double top) && hi > top)
            {
                mitigated.Dequeue();
                blocks.InvalidatedAt[b] = i;
            }
            double touch = closeMitigation ? Math.Min(TSide.Read(open[i]), TSide.Read(close[i])) : lo;
            while (waiting.TryPeek(out int b, out double negBottom) && touch < -negBottom)
            {
                waiting.Dequeue();
                blocks.MitigatedAt[b] = i;
                mitigated.Enqueue(b, Rounded(blocks.Top[b]));
            }

            for (; next < swings.Count && (reference ? swingIndex[next] < i : swingKnownAt[next] <= i); next++)
            {
                if (swingType[next] != TSide.Direction) continue;
                current = next;
                currentUsed = false;
            }

            if (current >= 0 && !currentUsed && TSide.Read(close[i]) > TSide.Read(swingLevel[current]))
            {
                currentUsed = true;
                int s = swingIndex[current];
                int x;
                double blockTop, blockBottom;
                if (i - s >= 2)
                {
                    int lo2 = 0, hi2 = depth;
                    while (lo2 < hi2)
                    {
                        int mid = (int)((uint)(lo2 + hi2) >> 1);
                        if (suffixMinima[mid] > s) hi2 = mid;
                        else lo2 = mid + 1;
                    }
                    x = suffixMinima[lo2];
                    blockTop = TSide.Read(high[x]);
                    blockBottom = TSide.Read(low[x]);
                }
                else
                {
                    // Only the reference's artificial bar-0 swing can be broken by the very next bar: it then takes
                    // that swing bar with its edges swapped (bullish) or as they are (bearish, un-mirrored).
                    x = s;
                    (blockTop, blockBottom) = TSide.Direction > 0
                        ? (low[x], high[x])
                        : (-high[x], -low[x]);
                }

                double v0 = volume[i], v1 = i >= 1 ? volume[i - 1] : 0, v2 = i >= 2 ? volume[i - 2] : 0;
                float recent = (float)(v0 + v1), earlier = (float)v2;
                float percentage = recent == 0 && earlier == 0
                    ? 100f
                    : (float)(MathF.Min(recent, earlier) / MathF.Max(recent, earlier)) * 100f;

                int k = blocks.Count++;
                blocks.Index[k] = x;
                blocks.KnownAt[k] = i;
                blocks.Top[k] = Rounded(blockTop);
                blocks.Bottom[k] = Rounded(blockBottom);
                blocks.Volume[k] = (float)(v0 + v1 + v2);
                blocks.Percentage[k] = percentage;
                blocks.MitigatedAt[k] = NotMitigated;
                blocks.InvalidatedAt[k] = NotInvalidated;
                if (!preMitigated.IsEmpty && preMitigated[x]) mitigated.Enqueue(k, blocks.Top[k]);
                else waiting.Enqueue(k, -blocks.Bottom[k]);
            }

            while (depth > 0 && TSide.Read(low[suffixMinima[depth - 1]]) >= lo) depth--;
            suffixMinima[depth++] = i;
        }
        return blocks;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Rounded(double value) => SmcFloat32.Round(value);
}
