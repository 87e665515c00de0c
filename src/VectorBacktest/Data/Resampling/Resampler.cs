using System.Diagnostics.CodeAnalysis;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace VectorBacktest.Data.Resampling;

/// <summary>
/// Aggregates bars into a longer timeframe: first open, highest high, lowest low, last close, summed volume.
/// </summary>
/// <remarks>
/// <para>Target bars are labelled by their <b>open</b> time in UTC, <see cref="Timeframe.BucketStart"/> of the source
/// bars they contain: hours, 4-hour bars and days start on the epoch grid (00:00, 04:00, … UTC), weeks on Monday
/// 00:00 UTC. A target bar closes at its open time plus the target timeframe, so its values are known from then on.</para>
/// <para>Gaps are preserved: a target bar exists only when at least one source bar falls inside it, and no empty
/// bar is ever invented. A target bar whose interior misses source bars (an exchange outage) is still a finished bar;
/// <see cref="ResampledBars.SourceCounts"/> tells how many source bars each one holds. Only the <b>last</b> target bar
/// can be incomplete in the other sense, that the data ends before it closes; <see cref="IncompleteBarPolicy"/> decides
/// whether it is returned.</para>
/// <para>Cost: one pass, no allocation per bar, one integer division per target bar. A gap-free target bar is located
/// from two reads of the time column; its high and low are SIMD reductions (exact, so the same bits on every CPU); its
/// volume is summed in source order, so the result does not depend on the CPU or the vector width either.</para>
/// </remarks>
public static class Resampler
{
    /// <summary>Aggregates <paramref name="source"/> into bars of <paramref name="target"/>.</summary>
    /// <param name="source">The bars to aggregate; their timeframe is <see cref="BarSeries.Timeframe"/>.</param>
    /// <param name="target">The longer timeframe, a whole multiple of the source timeframe (equal is allowed).</param>
    /// <param name="policy">What to do with a last bar the data ends inside; dropped by default.</param>
    /// <exception cref="ArgumentException"><paramref name="target"/> is not a whole multiple of the source timeframe,
    /// or a source bar straddles a boundary of the target grid (source bars not aligned to it).</exception>
    public static ResampledBars Resample(BarSeries source, Timeframe target, IncompleteBarPolicy policy = IncompleteBarPolicy.Drop)
    {
        ArgumentNullException.ThrowIfNull(source);
        int ratio = Ratio(source.Timeframe, target);
        var time = source.Time;
        bool incomplete = LastBarIsIncomplete(time, source.Timeframe, target);
        bool drop = incomplete && policy == IncompleteBarPolicy.Drop;
        int used = drop ? FirstIndexOfLastBar(time, target) : time.Length;
        time = time[..used];

        // The buckets the data spans bound the result (exactly, when the source has no gaps), so one pass suffices.
        int bound = used == 0 ? 0
            : (int)Math.Min(used, (target.BucketStart(time[^1]) - target.BucketStart(time[0])) / target.Milliseconds + 1);
        var t = new long[bound];
        var o = new double[bound];
        var h = new double[bound];
        var l = new double[bound];
        var c = new double[bound];
        var v = new double[bound];
        var n = new int[bound];
        // A BarSeries' times are strictly increasing already, which lets a gap-free bucket be found without a scan.
        int count = AggregateCore(time, source.Open[..used], source.High[..used], source.Low[..used], source.Close[..used],
            source.Volume[..used], source.Timeframe, target, ratio, orderKnown: true, t, o, h, l, c, v, n);
        if (count < bound)
        {
            Array.Resize(ref t, count);
            Array.Resize(ref o, count);
            Array.Resize(ref h, count);
            Array.Resize(ref l, count);
            Array.Resize(ref c, count);
            Array.Resize(ref v, count);
            Array.Resize(ref n, count);
        }
        var bars = BarSeries.FromArrays(source.Symbol, target, t, o, h, l, c, v, validate: false);
        return new ResampledBars(bars, n, ratio, lastBarIncomplete: incomplete && !drop, incompleteBarDropped: drop);
    }

    /// <summary>
    /// The number of target bars <see cref="Aggregate"/> writes for these source open times (every bar, including a
    /// last one the data ends inside).
    /// </summary>
    /// <param name="time">Source open times, epoch ms UTC, strictly increasing.</param>
    /// <param name="source">Source timeframe.</param>
    /// <param name="target">Target timeframe, a whole multiple of <paramref name="source"/>.</param>
    /// <exception cref="ArgumentException">The timeframes do not divide, the times are not strictly increasing, or a
    /// source bar straddles a target boundary.</exception>
    public static int CountBars(ReadOnlySpan<long> time, Timeframe source, Timeframe target)
    {
        int ratio = Ratio(source, target);
        long sourceMs = source.Milliseconds, targetMs = target.Milliseconds;
        int count = 0;
        for (int i = 0; i < time.Length; count++)
        {
            long end = target.BucketStart(time[i]) + targetMs;
            int j = EndOfBar(time, i, end, ratio, orderKnown: false);
            if (time[j - 1] + sourceMs > end) ThrowStraddles(j - 1, time[j - 1], source, target);
            i = j;
        }
        return count;
    }

    /// <summary>
    /// True when the data ends inside the last target bar: the last source bar closes before that target bar closes,
    /// so the bar is still forming. Interior gaps never make a bar incomplete in this sense.
    /// </summary>
    /// <param name="time">Source open times, epoch ms UTC, strictly increasing.</param>
    /// <param name="source">Source timeframe.</param>
    /// <param name="target">Target timeframe.</param>
    public static bool LastBarIsIncomplete(ReadOnlySpan<long> time, Timeframe source, Timeframe target)
    {
        if (time.IsEmpty) return false;
        long last = time[^1];
        return last + source.Milliseconds < target.BucketStart(last) + target.Milliseconds;
    }

    /// <summary>
    /// The span-based core: aggregates source columns into caller-owned target columns and returns how many target
    /// bars it wrote (as <see cref="CountBars"/> predicts). Every target bar is written, including a last one the data
    /// ends inside; leave that one out by passing the source without its bars (see <see cref="LastBarIsIncomplete"/>).
    /// </summary>
    /// <param name="time">Source open times, epoch ms UTC, strictly increasing.</param>
    /// <param name="open">Source opens.</param>
    /// <param name="high">Source highs.</param>
    /// <param name="low">Source lows.</param>
    /// <param name="close">Source closes.</param>
    /// <param name="volume">Source volumes.</param>
    /// <param name="source">Source timeframe.</param>
    /// <param name="target">Target timeframe, a whole multiple of <paramref name="source"/>.</param>
    /// <param name="targetTime">Receives the target open times.</param>
    /// <param name="targetOpen">Receives the first open of each target bar.</param>
    /// <param name="targetHigh">Receives the highest high.</param>
    /// <param name="targetLow">Receives the lowest low.</param>
    /// <param name="targetClose">Receives the last close.</param>
    /// <param name="targetVolume">Receives the summed volume.</param>
    /// <param name="sourceCounts">Receives the number of source bars in each target bar.</param>
    /// <returns>The number of target bars written.</returns>
    /// <exception cref="ArgumentException">Source columns differ in length, a destination is shorter than the number of
    /// target bars, the timeframes do not divide, the times are not strictly increasing, or a source bar straddles a
    /// target boundary.</exception>
    public static int Aggregate(ReadOnlySpan<long> time, ReadOnlySpan<double> open, ReadOnlySpan<double> high,
        ReadOnlySpan<double> low, ReadOnlySpan<double> close, ReadOnlySpan<double> volume, Timeframe source, Timeframe target,
        Span<long> targetTime, Span<double> targetOpen, Span<double> targetHigh, Span<double> targetLow, Span<double> targetClose,
        Span<double> targetVolume, Span<int> sourceCounts)
    {
        int ratio = Ratio(source, target);
        int n = time.Length;
        if (open.Length != n || high.Length != n || low.Length != n || close.Length != n || volume.Length != n)
            throw new ArgumentException(
                $"Source columns differ in length: time {n}, open {open.Length}, high {high.Length}, low {low.Length}, close {close.Length}, volume {volume.Length}.",
                nameof(time));
        return AggregateCore(time, open, high, low, close, volume, source, target, ratio, orderKnown: false,
            targetTime, targetOpen, targetHigh, targetLow, targetClose, targetVolume, sourceCounts);
    }

    private static int AggregateCore(ReadOnlySpan<long> time, ReadOnlySpan<double> open, ReadOnlySpan<double> high,
        ReadOnlySpan<double> low, ReadOnlySpan<double> close, ReadOnlySpan<double> volume, Timeframe source, Timeframe target,
        int ratio, bool orderKnown, Span<long> targetTime, Span<double> targetOpen, Span<double> targetHigh, Span<double> targetLow,
        Span<double> targetClose, Span<double> targetVolume, Span<int> sourceCounts)
    {
        int capacity = Math.Min(targetTime.Length, Math.Min(Math.Min(targetOpen.Length, targetHigh.Length),
            Math.Min(Math.Min(targetLow.Length, targetClose.Length), Math.Min(targetVolume.Length, sourceCounts.Length))));
        long sourceMs = source.Milliseconds, targetMs = target.Milliseconds;
        int k = 0;
        for (int i = 0; i < time.Length;)
        {
            long start = target.BucketStart(time[i]);
            long end = start + targetMs;
            int j = EndOfBar(time, i, end, ratio, orderKnown);
            // Times increase, so only a bucket's last source bar can reach past the bucket's end.
            if (time[j - 1] + sourceMs > end) ThrowStraddles(j - 1, time[j - 1], source, target);
            if (k >= capacity) ThrowDestinationTooShort(capacity);
            int length = j - i;
            targetTime[k] = start;
            targetOpen[k] = open[i];
            // Max and min are exact, so the SIMD reductions give the same bits on every CPU.
            targetHigh[k] = TensorPrimitives.Max(high.Slice(i, length));
            targetLow[k] = TensorPrimitives.Min(low.Slice(i, length));
            targetClose[k] = close[j - 1];
            targetVolume[k] = SumInOrder(volume.Slice(i, length));
            sourceCounts[k] = length;
            k++;
            i = j;
        }
        return k;
    }

    /// <summary>
    /// The index after the last source bar that opens before <paramref name="end"/>. When the order is not known it is
    /// checked on the way; when it is, a gap-free bucket (exactly <paramref name="ratio"/> bars) is recognised from two reads.
    /// </summary>
    private static int EndOfBar(ReadOnlySpan<long> time, int first, long end, int ratio, bool orderKnown)
    {
        int n = time.Length;
        if (orderKnown)
        {
            long guess = (long)first + ratio;
            if (guess <= n && time[(int)guess - 1] < end && (guess == n || time[(int)guess] >= end)) return (int)guess;
            int g = first + 1;
            while (g < n && time[g] < end) g++;
            return g;
        }
        long previous = time[first];
        int j = first + 1;
        for (; j < n; j++)
        {
            long t = time[j];
            if (t >= end) break;
            if (t <= previous) ThrowNotIncreasing(j, previous, t);
            previous = t;
        }
        return j;
    }

    /// <summary>Sequential sum: the same order as a naive loop, so volumes do not depend on the CPU or vector width.</summary>
    private static double SumInOrder(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values) sum += v;
        return sum;
    }

    /// <summary>Target minutes over source minutes, or an <see cref="ArgumentException"/> naming <c>target</c>.</summary>
    private static int Ratio(Timeframe source, Timeframe target)
    {
        if (source.Minutes <= 0) throw new ArgumentException("The source timeframe is not set.", nameof(source));
        if (target.Minutes <= 0) throw new ArgumentException("The target timeframe is not set.", nameof(target));
        if (target.Minutes % source.Minutes != 0 || target.Minutes / source.Minutes > int.MaxValue)
            throw new ArgumentException(
                $"Target timeframe {target} is not a whole multiple of the source timeframe {source}; bars can only be aggregated into a timeframe that the source divides.",
                nameof(target));
        return (int)(target.Minutes / source.Minutes);
    }

    private static int FirstIndexOfLastBar(ReadOnlySpan<long> time, Timeframe target)
    {
        long lastStart = target.BucketStart(time[^1]);
        int j = time.Length - 1;
        while (j > 0 && time[j - 1] >= lastStart) j--;
        return j;
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotIncreasing(int index, long previous, long current) =>
        throw new ArgumentException(
            $"Source bar {index}: open time {BarValidator.FormatTime(current)} is not after the previous {BarValidator.FormatTime(previous)}; times must be strictly increasing.",
            "time");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowStraddles(int index, long time, Timeframe source, Timeframe target) =>
        throw new ArgumentException(
            $"Source bar {index} ({source} bar opening {BarValidator.FormatTime(time)}) straddles the boundary of the {target} bar opening {BarValidator.FormatTime(target.BucketStart(time))}; the source bars are not aligned to the {target} grid.",
            "time");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowDestinationTooShort(int capacity) =>
        throw new ArgumentException(
            $"The destination columns hold {capacity} bars, fewer than the target bars of this source; size them with CountBars.",
            "targetTime");
}
