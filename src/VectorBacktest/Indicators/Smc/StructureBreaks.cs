using System.Buffers;
using VectorBacktest.Data;

namespace VectorBacktest.Indicators.Smc;

/// <summary>
/// Break of structure (BOS) and change of character (CHoCH), <c>smartmoneyconcepts.bos_choch</c>, as a columnar
/// event list in order of the broken swing: the broken swing's bar (<see cref="SwingIndex"/>), the break bar
/// (<see cref="BrokenIndex"/>), the bar at whose close the event becomes final (<see cref="KnownAt"/>), its kind
/// (<see cref="Bos"/> or <see cref="Choch"/>) and the broken level (<see cref="Level"/>).
/// </summary>
/// <remarks>
/// <para><b>Pattern</b> (both modes). For four consecutive swings <c>a, b, c, d</c> of a <see cref="Swings"/>
/// list with levels <c>La … Ld</c>: lows/highs alternating low, high, low, high give a bullish BOS (+1) if
/// <c>La &lt; Lc &lt; Lb &lt; Ld</c>, otherwise a bullish CHoCH (+1) if <c>Lc &lt; La &lt; Lb &lt; Ld</c>; high, low,
/// high, low give a bearish BOS (-1) if <c>La &gt; Lc &gt; Lb &gt; Ld</c>, otherwise a bearish CHoCH (-1) if
/// <c>Lc &gt; La &gt; Lb &gt; Ld</c> (strict, float64). The signal belongs to swing <c>b</c>.</para>
/// <para><b>Break.</b> The level <c>Lb</c> is rounded to float32 (λ), as the reference stores it. The break bar
/// <c>j</c> is the first bar <c>j ≥ b+2</c> (bar <c>b+1</c> is skipped) with <c>close[j] &gt; λ</c> (bullish) or
/// <c>close[j] &lt; λ</c> (bearish); with <c>closeBreak = false</c> the high, respectively the low, is tested
/// instead. A signal whose level is never broken is not listed.</para>
/// <para><b><see cref="SmcMode.Causal"/></b> (from causal swings). <c>a</c>, <c>b</c>, <c>c</c> must be settled
/// swings; of <c>d</c> only <c>Ld &gt; Lb</c> (bullish) or <c>Ld &lt; Lb</c> (bearish) is needed, and that is a fact
/// from the close of <c>P = m + n</c>, where <c>m</c> is the first candidate of d's run beyond <c>Lb</c> (the run's
/// extreme can only move further; d's run may still be open). The break is a fact at <c>j</c>, so the event is
/// known at <c>KnownAt = max(j, P)</c> and reported on that bar, never on the swing bar; <c>P</c> never exceeds
/// the settlement of <c>d</c>, often by many bars. The reference drops a signal when a signal on a later swing
/// breaks at the same bar or earlier; the causal mode drops it only when that later signal is already known at
/// the signal's own <c>KnownAt</c> (a published event is never withdrawn). <see cref="KnownAt"/> is strictly
/// increasing; running on bars <c>0…t</c> lists exactly the events with <c>KnownAt ≤ t</c>.</para>
/// <para><b><see cref="SmcMode.Reference"/></b> (from reference swings, artificial end swings included) reproduces
/// the reference table: a signal cancelled by a later one keeps its row with only <see cref="BrokenIndex"/> set
/// (<see cref="Bos"/> = <see cref="Choch"/> = 0, <see cref="Level"/> NaN). <see cref="KnownAt"/> is when the row
/// is settled (SEMANTICS.md §4): <c>max(j, settle(d), settle of the fourth swing of any pattern whose swing b'
/// lies in (b, j-2])</c>, often <see cref="SmcKnownAt.Never"/> near the end of the data.</para>
/// </remarks>
public sealed partial class StructureBreaks
{
    private readonly int[] _swingIndex;
    private readonly int[] _brokenIndex;
    private readonly int[] _knownAt;
    private readonly sbyte[] _bos;
    private readonly sbyte[] _choch;
    private readonly double[] _level;

    private StructureBreaks(SmcMode mode, bool closeBreak, int barCount, int count, int[] swingIndex, int[] brokenIndex,
        int[] knownAt, sbyte[] bos, sbyte[] choch, double[] level)
    {
        Mode = mode;
        CloseBreak = closeBreak;
        BarCount = barCount;
        Count = count;
        _swingIndex = swingIndex;
        _brokenIndex = brokenIndex;
        _knownAt = knownAt;
        _bos = bos;
        _choch = choch;
        _level = level;
    }

    /// <summary>The semantics, inherited from the swings the events were computed from.</summary>
    public SmcMode Mode { get; }

    /// <summary>True when closes break a level; false when highs (bullish) and lows (bearish) do.</summary>
    public bool CloseBreak { get; }

    /// <summary>Number of bars of the input series.</summary>
    public int BarCount { get; }

    /// <summary>Number of events.</summary>
    public int Count { get; }

    /// <summary>Bar of the broken swing <c>b</c> (where the reference places the row), strictly increasing.</summary>
    public ReadOnlySpan<int> SwingIndex => _swingIndex.AsSpan(0, Count);

    /// <summary>Bar <c>j</c> whose close (or high/low) first went beyond the level, <c>j ≥ SwingIndex + 2</c>.</summary>
    public ReadOnlySpan<int> BrokenIndex => _brokenIndex.AsSpan(0, Count);

    /// <summary>Bar at whose close the event is final; see the remarks for each mode.</summary>
    public ReadOnlySpan<int> KnownAt => _knownAt.AsSpan(0, Count);

    /// <summary>+1 bullish BOS, -1 bearish BOS, 0 otherwise.</summary>
    public ReadOnlySpan<sbyte> Bos => _bos.AsSpan(0, Count);

    /// <summary>+1 bullish CHoCH, -1 bearish CHoCH, 0 otherwise.</summary>
    public ReadOnlySpan<sbyte> Choch => _choch.AsSpan(0, Count);

    /// <summary>The broken swing's level rounded to float32 (the value the break was tested against); NaN on cancelled reference rows.</summary>
    public ReadOnlySpan<double> Level => _level.AsSpan(0, Count);

    /// <summary>Finds swings of length <paramref name="swingLength"/> in <paramref name="mode"/>, then their breaks.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="bars"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="swingLength"/> &lt; 1, or <paramref name="mode"/> undefined.</exception>
    public static StructureBreaks Find(BarSeries bars, int swingLength, bool closeBreak = true, SmcMode mode = SmcMode.Causal)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var swings = Swings.Find(bars.High, bars.Low, swingLength, mode);
        return Find(swings, bars.High, bars.Low, bars.Close, closeBreak);
    }

    /// <summary>Finds the breaks of the given swings; the mode is that of <paramref name="swings"/>.</summary>
    /// <param name="swings">Swings of the same series (causal swings give causal events, reference swings reference rows).</param>
    /// <param name="high">High prices, <see cref="Swings.BarCount"/> of them.</param>
    /// <param name="low">Low prices, same length.</param>
    /// <param name="close">Close prices, same length.</param>
    /// <param name="closeBreak">True: closes break levels (default); false: highs and lows do.</param>
    /// <exception cref="ArgumentNullException"><paramref name="swings"/> is null.</exception>
    /// <exception cref="ArgumentException">A price span's length differs from <see cref="Swings.BarCount"/>.</exception>
    public static StructureBreaks Find(Swings swings, ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close,
        bool closeBreak = true)
    {
        ArgumentNullException.ThrowIfNull(swings);
        SmcThrow.IfLengthDiffers(high.Length, swings.BarCount, nameof(high), "swings.BarCount");
        SmcThrow.IfLengthDiffers(low.Length, swings.BarCount, nameof(low), "swings.BarCount");
        SmcThrow.IfLengthDiffers(close.Length, swings.BarCount, nameof(close), "swings.BarCount");

        // One signal per swing b at most; causal mode may also use the open run as the fourth swing.
        int capacity = Math.Max(0, swings.Count - 2);
        var swingIndex = new int[capacity];
        var brokenIndex = new int[capacity];
        var knownAt = new int[capacity];
        var bos = new sbyte[capacity];
        var choch = new sbyte[capacity];
        var level = new double[capacity];
        var position = ArrayPool<int>.Shared.Rent(Math.Max(capacity, 1));
        var patternKnown = ArrayPool<int>.Shared.Rent(Math.Max(capacity, 1));
        try
        {
            int count = FindPatterns(swings, position, patternKnown, swingIndex, bos, choch, level);
            var up = new ThresholdSearch<Above>(closeBreak ? close : high);
            var down = new ThresholdSearch<Below>(closeBreak ? close : low);
            try
            {
                for (int s = 0; s < count; s++)
                {
                    int start = swingIndex[s] + 2;
                    brokenIndex[s] = bos[s] + choch[s] > 0 ? up.First(start, level[s]) : down.First(start, level[s]);
                }
            }
            finally
            {
                up.Dispose();
                down.Dispose();
            }
            count = swings.Mode == SmcMode.Reference
                ? SettleReference(swings, count, position, swingIndex, brokenIndex, knownAt, bos, choch, level)
                : SettleCausal(count, patternKnown, swingIndex, brokenIndex, knownAt, bos, choch, level);
            return new StructureBreaks(swings.Mode, closeBreak, swings.BarCount, count, swingIndex, brokenIndex, knownAt, bos, choch, level);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(position);
            ArrayPool<int>.Shared.Return(patternKnown);
        }
    }

    /// <summary>
    /// Signals of every four consecutive swings, in order of <c>b</c>; <paramref name="position"/> gets b's position
    /// in the swing list and, in causal mode, <paramref name="patternKnown"/> the bar from which the pattern is a fact.
    /// </summary>
    /// <remarks>
    /// In causal mode the fourth swing <c>d</c> need not be settled: only <c>Lb &lt; Ld</c> (or <c>&gt;</c>) is asked
    /// of it, which holds as soon as a candidate of d's run beyond <c>Lb</c> is confirmed (<c>m + n</c>), since the
    /// run's extreme can only move further. <c>a</c>, <c>b</c>, <c>c</c> are settled by then (c's run closed when
    /// d's first candidate was confirmed). d may be the run still open at the end of the data.
    /// </remarks>
    private static int FindPatterns(Swings swings, int[] position, int[] patternKnown, int[] swingIndex, sbyte[] bos, sbyte[] choch, double[] level)
    {
        var type = swings.HighLow;
        var price = swings.Level;
        var bar = swings.Index;
        bool causal = swings.Mode == SmcMode.Causal;
        var runs = swings.Records;
        int lastD = causal ? runs.RunCount : swings.Count;
        int count = 0;
        for (int k = 3; k < lastD; k++)
        {
            double la = price[k - 3], lb = price[k - 2], lc = price[k - 1];
            sbyte ta = type[k - 3], tb = type[k - 2], tc = type[k - 1];
            // Runs alternate, so a causal d has the type opposite to c.
            sbyte td = causal ? (sbyte)-tc : type[k];
            int beyondFrom = -1;
            if (ta == -1 && tb == 1 && tc == -1 && td == 1)
            {
                if (causal) beyondFrom = runs.FirstBeyond(k, 1, lb);
                else if (lb < price[k]) beyondFrom = 0;
            }
            else if (ta == 1 && tb == -1 && tc == 1 && td == -1)
            {
                if (causal) beyondFrom = runs.FirstBeyond(k, -1, lb);
                else if (lb > price[k]) beyondFrom = 0;
            }
            if (beyondFrom < 0) continue;
            sbyte bosValue = 0, chochValue = 0;
            if (tb > 0)
            {
                if (la < lc && lc < lb) bosValue = 1;
                else if (lc < la && la < lb) chochValue = 1;
            }
            else
            {
                if (la > lc && lc > lb) bosValue = -1;
                else if (lc > la && la > lb) chochValue = -1;
            }
            if ((bosValue | chochValue) == 0) continue;
            position[count] = k - 2;
            patternKnown[count] = beyondFrom + swings.SwingLength;
            swingIndex[count] = bar[k - 2];
            bos[count] = bosValue;
            choch[count] = chochValue;
            level[count] = SmcFloat32.Round(lb);
            count++;
        }
        return count;
    }

    /// <summary>Reference cancellation and settlement bars; drops the never-broken signals, keeps cancelled rows.</summary>
    private static int SettleReference(Swings swings, int count, int[] position, int[] swingIndex, int[] brokenIndex, int[] knownAt,
        sbyte[] bos, sbyte[] choch, double[] level)
    {
        var settle = swings.KnownAt;
        var bars = swings.Index;
        int earliestLaterBreak = int.MaxValue;
        for (int s = count - 1; s >= 0; s--)
        {
            int j = brokenIndex[s];
            if (j < 0) continue;
            if (earliestLaterBreak <= j)
            {
                bos[s] = 0;
                choch[s] = 0;
                level[s] = double.NaN;
            }
            earliestLaterBreak = Math.Min(earliestLaterBreak, j);
            // A competing pattern on any swing up to j-2 may cancel this row; it is settled with its fourth swing.
            int lastCompetitor = CountAtOrBefore(bars, j - 2) - 1;
            int fourth = Math.Max(position[s] + 2, lastCompetitor + 2);
            knownAt[s] = Math.Max(j, fourth < swings.Count ? settle[fourth] : SmcKnownAt.Never);
        }
        return Compact(count, brokenIndex, swingIndex, brokenIndex, knownAt, bos, choch, level);
    }

    /// <summary>Causal timing: each event at max(break, pattern known), dropped only if already superseded then.</summary>
    private static int SettleCausal(int count, int[] patternKnown, int[] swingIndex, int[] brokenIndex, int[] knownAt,
        sbyte[] bos, sbyte[] choch, double[] level)
    {
        for (int s = 0; s < count; s++)
            knownAt[s] = Math.Max(brokenIndex[s], patternKnown[s]);
        // A later signal r supersedes s if it broke no later than s and was known by knownAt[s]; its pattern
        // settles no earlier than s's, so the search stops at the first pattern settling after knownAt[s].
        // Marking s as dropped (break -1) is safe: only signals after s are read while deciding s.
        for (int s = 0; s < count; s++)
        {
            int j = brokenIndex[s];
            if (j < 0) continue;
            for (int r = s + 1; r < count && patternKnown[r] <= knownAt[s]; r++)
            {
                if (brokenIndex[r] >= 0 && brokenIndex[r] <= j)
                {
                    brokenIndex[s] = -1;
                    break;
                }
            }
        }
        return Compact(count, brokenIndex, swingIndex, brokenIndex, knownAt, bos, choch, level);
    }

    /// <summary>Keeps the rows whose <paramref name="flag"/> is ≥ 0, in order.</summary>
    private static int Compact(int count, int[] flag, int[] swingIndex, int[] brokenIndex, int[] knownAt, sbyte[] bos, sbyte[] choch, double[] level)
    {
        int kept = 0;
        for (int s = 0; s < count; s++)
        {
            if (flag[s] < 0) continue;
            swingIndex[kept] = swingIndex[s];
            brokenIndex[kept] = brokenIndex[s];
            knownAt[kept] = knownAt[s];
            bos[kept] = bos[s];
            choch[kept] = choch[s];
            level[kept] = level[s];
            kept++;
        }
        return kept;
    }

    private static int CountAtOrBefore(ReadOnlySpan<int> sortedBars, int bar)
    {
        int lo = 0, hi = sortedBars.Length;
        while (lo < hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            if (sortedBars[mid] <= bar) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
