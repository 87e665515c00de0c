using System.Buffers;
using VectorBacktest.Data;

namespace VectorBacktest.Indicators.Smc;

/// <summary>
/// Fair value gaps (<c>smartmoneyconcepts.fvg</c>) as a columnar event list: one entry per gap, ordered by the bar
/// at whose close it becomes known, with its bar (<see cref="Index"/>), <see cref="KnownAt"/>, direction, edges
/// and the bar at which price first touched it (<see cref="MitigatedAt"/>).
/// </summary>
/// <remarks>
/// <para><b>Rule</b> (both modes, SEMANTICS.md §3). Middle bar <c>i</c> is bullish when <c>close[i] &gt; open[i]</c>
/// and <c>high[i-1] &lt; low[i+1]</c> (Top = <c>low[i+1]</c>, Bottom = <c>high[i-1]</c>), bearish when
/// <c>close[i] &lt; open[i]</c> and <c>low[i-1] &gt; high[i+1]</c> (Top = <c>low[i-1]</c>, Bottom = <c>high[i+1]</c>).
/// With <c>joinConsecutive</c>, each maximal run of consecutive same-direction gaps becomes one gap on the run's
/// last bar spanning the highest Top and lowest Bottom of the run. A gap at <c>i</c> is mitigated at the first bar
/// <c>j ≥ i+2</c> whose low (bullish) is ≤ Top or whose high (bearish) is ≥ Bottom.</para>
/// <para><b>Known at.</b> A single gap needs bar <c>i+1</c>: <c>KnownAt = i+1</c>. A joined run ending at <c>e</c> is
/// known once bar <c>e+1</c> is known not to continue it: at <c>e+1</c> when bar <c>e+1</c>'s colour rules that out,
/// else at <c>e+2</c>. A mitigation is known at the close of its own bar, <see cref="MitigatedAt"/> ≥ <see cref="KnownAt"/>.</para>
/// <para><b><see cref="SmcMode.Causal"/></b> lists exactly the gaps known within the data; running on bars
/// <c>0…t</c> gives the entries with <c>KnownAt ≤ t</c> of the full run, and their mitigations up to <c>t</c>.
/// <b><see cref="SmcMode.Reference"/></b> also lists a joined run still open at the last bar (the reference closes
/// it at the end of the data; <c>KnownAt =</c> <see cref="SmcKnownAt.Never"/>).</para>
/// <para>Runs in O(N): vectorised candidate test, then one pass with a monotonic stack per direction (an active
/// gap with a higher Top is always touched first, so mitigations pop from the top).</para>
/// </remarks>
public sealed partial class FairValueGaps
{
    /// <summary><see cref="MitigatedAt"/> of a gap not mitigated within the data.</summary>
    public const int NotMitigated = -1;

    private readonly int[] _index;
    private readonly int[] _knownAt;
    private readonly sbyte[] _direction;
    private readonly double[] _top;
    private readonly double[] _bottom;
    private readonly int[] _mitigatedAt;

    private FairValueGaps(SmcMode mode, bool joinConsecutive, int barCount, int count, int[] index, int[] knownAt,
        sbyte[] direction, double[] top, double[] bottom, int[] mitigatedAt)
    {
        Mode = mode;
        JoinConsecutive = joinConsecutive;
        BarCount = barCount;
        Count = count;
        _index = index;
        _knownAt = knownAt;
        _direction = direction;
        _top = top;
        _bottom = bottom;
        _mitigatedAt = mitigatedAt;
    }

    /// <summary>The semantics these gaps follow.</summary>
    public SmcMode Mode { get; }

    /// <summary>Whether runs of consecutive same-direction gaps were joined.</summary>
    public bool JoinConsecutive { get; }

    /// <summary>Number of bars of the input series.</summary>
    public int BarCount { get; }

    /// <summary>Number of gaps.</summary>
    public int Count { get; }

    /// <summary>Bar of each gap (the middle candle, or a joined run's last bar), strictly increasing.</summary>
    public ReadOnlySpan<int> Index => _index.AsSpan(0, Count);

    /// <summary>Bar at whose close each gap becomes known, strictly increasing (<see cref="SmcKnownAt.Never"/> for the reference's end-of-data run).</summary>
    public ReadOnlySpan<int> KnownAt => _knownAt.AsSpan(0, Count);

    /// <summary>+1 bullish, −1 bearish (reference column <c>FVG</c>).</summary>
    public ReadOnlySpan<sbyte> Direction => _direction.AsSpan(0, Count);

    /// <summary>Upper edge (price).</summary>
    public ReadOnlySpan<double> Top => _top.AsSpan(0, Count);

    /// <summary>Lower edge (price).</summary>
    public ReadOnlySpan<double> Bottom => _bottom.AsSpan(0, Count);

    /// <summary>
    /// Bar at which price first touched the gap (known at that bar's close), or <see cref="NotMitigated"/>.
    /// An event of its own bar: it is never part of what is known at <see cref="KnownAt"/>.
    /// </summary>
    public ReadOnlySpan<int> MitigatedAt => _mitigatedAt.AsSpan(0, Count);

    /// <summary>Finds the fair value gaps of <paramref name="bars"/>; see <see cref="Find(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, bool, SmcMode)"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="bars"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is undefined.</exception>
    public static FairValueGaps Find(BarSeries bars, bool joinConsecutive = false, SmcMode mode = SmcMode.Causal)
    {
        ArgumentNullException.ThrowIfNull(bars);
        return Find(bars.Open, bars.High, bars.Low, bars.Close, joinConsecutive, mode);
    }

    /// <summary>Finds the fair value gaps of a series given by its prices (fewer than 3 bars: none).</summary>
    /// <param name="open">Open prices.</param>
    /// <param name="high">High prices, same length.</param>
    /// <param name="low">Low prices, same length.</param>
    /// <param name="close">Close prices, same length.</param>
    /// <param name="joinConsecutive">Join runs of consecutive same-direction gaps (reference parameter <c>join_consecutive</c>).</param>
    /// <param name="mode">Causal (default) or reference-parity semantics.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is undefined.</exception>
    /// <exception cref="ArgumentException">The price spans differ in length.</exception>
    public static FairValueGaps Find(ReadOnlySpan<double> open, ReadOnlySpan<double> high, ReadOnlySpan<double> low,
        ReadOnlySpan<double> close, bool joinConsecutive = false, SmcMode mode = SmcMode.Causal)
    {
        SmcThrow.IfInvalidMode(mode, nameof(mode));
        int n = close.Length;
        var candidates = ArrayPool<sbyte>.Shared.Rent(n);
        try
        {
            DetectCandidates(open, high, low, close, candidates);
            return Scan(open, high, low, close, candidates.AsSpan(0, n), joinConsecutive, mode);
        }
        finally
        {
            ArrayPool<sbyte>.Shared.Return(candidates);
        }
    }

    /// <summary>
    /// The gaps as per-bar columns named after the reference's. <see cref="SmcMode.Reference"/>: each gap on its own
    /// bar with its <c>MitigatedIndex</c> (the reference's table). <see cref="SmcMode.Causal"/>: each gap on its
    /// <see cref="KnownAt"/> bar, <c>MitigatedIndex</c> left empty; mitigations appear only in
    /// <see cref="FairValueGapsTable.Mitigations"/> on the bar where they happen.
    /// </summary>
    public FairValueGapsTable ToTable()
    {
        var table = new FairValueGapsTable(BarCount);
        WriteTable(table.FVG, table.Top, table.Bottom, table.MitigatedIndex, table.GapIndex, table.Mitigations);
        return table;
    }

    /// <summary>
    /// Writes the columns of <see cref="ToTable"/> into caller buffers of at least <see cref="BarCount"/> elements.
    /// </summary>
    /// <param name="fvg">+1 / −1 / NaN per bar.</param>
    /// <param name="top">Top or NaN.</param>
    /// <param name="bottom">Bottom or NaN.</param>
    /// <param name="mitigatedIndex">Reference mode: mitigation bar, 0 when none, NaN on rows without a gap. Causal mode: NaN.</param>
    /// <param name="gapIndex">Bar of the gap or NaN (equals the row in reference mode).</param>
    /// <param name="mitigations">Number of gaps mitigated at this bar (0 when none).</param>
    /// <exception cref="ArgumentException">A buffer is shorter than <see cref="BarCount"/>.</exception>
    public void WriteTable(Span<double> fvg, Span<double> top, Span<double> bottom, Span<double> mitigatedIndex,
        Span<double> gapIndex, Span<double> mitigations)
    {
        SmcThrow.IfTooShort(fvg.Length, BarCount, nameof(fvg));
        SmcThrow.IfTooShort(top.Length, BarCount, nameof(top));
        SmcThrow.IfTooShort(bottom.Length, BarCount, nameof(bottom));
        SmcThrow.IfTooShort(mitigatedIndex.Length, BarCount, nameof(mitigatedIndex));
        SmcThrow.IfTooShort(gapIndex.Length, BarCount, nameof(gapIndex));
        SmcThrow.IfTooShort(mitigations.Length, BarCount, nameof(mitigations));
        fvg[..BarCount].Fill(double.NaN);
        top[..BarCount].Fill(double.NaN);
        bottom[..BarCount].Fill(double.NaN);
        mitigatedIndex[..BarCount].Fill(double.NaN);
        gapIndex[..BarCount].Fill(double.NaN);
        mitigations[..BarCount].Clear();
        bool reference = Mode == SmcMode.Reference;
        for (int g = 0; g < Count; g++)
        {
            int row = reference ? _index[g] : _knownAt[g];
            fvg[row] = _direction[g];
            top[row] = _top[g];
            bottom[row] = _bottom[g];
            gapIndex[row] = _index[g];
            if (reference) mitigatedIndex[row] = _mitigatedAt[g] == NotMitigated ? 0 : _mitigatedAt[g];
        }
        SmcEventColumns.CountEvents(MitigatedAt, mitigations);
    }

    /// <summary>
    /// The per-bar "as known at the close of <c>t</c>" view: the latest gap of <paramref name="direction"/> with
    /// <c>KnownAt ≤ t</c> that is not mitigated at or before <c>t</c> (NaN when there is none).
    /// </summary>
    /// <param name="direction">+1 bullish or −1 bearish.</param>
    /// <param name="top">Its Top per bar (at least <see cref="BarCount"/> elements).</param>
    /// <param name="bottom">Its Bottom per bar (at least <see cref="BarCount"/> elements).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="direction"/> is not +1 or −1.</exception>
    /// <exception cref="ArgumentException">A buffer is shorter than <see cref="BarCount"/>.</exception>
    public void WriteLatestActive(int direction, Span<double> top, Span<double> bottom)
    {
        SmcEventColumns.ThrowIfInvalidDirection(direction, "bullish", "bearish");
        SmcThrow.IfTooShort(top.Length, BarCount, nameof(top));
        SmcThrow.IfTooShort(bottom.Length, BarCount, nameof(bottom));
        SmcEventColumns.WriteLatestActive(BarCount, KnownAt, Direction, MitigatedAt, direction, Top, top, Bottom, bottom);
    }
}
