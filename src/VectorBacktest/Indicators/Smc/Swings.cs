using VectorBacktest.Data;

namespace VectorBacktest.Indicators.Smc;

/// <summary>
/// Swing highs and lows (<c>smartmoneyconcepts.swing_highs_lows</c>) as a columnar event list: one entry per
/// swing, in time order, with the bar of the extreme (<see cref="Index"/>), the bar at whose close the swing
/// becomes final (<see cref="KnownAt"/>), its type (<see cref="HighLow"/>) and price (<see cref="Level"/>).
/// </summary>
/// <remarks>
/// <para><b>Rule</b> (both modes). With <c>n</c> = swing length, bar <c>i</c> is a swing-high candidate when
/// <c>high[i]</c> is the maximum of <c>high[i-n+1 … i+n]</c> (ties allowed), otherwise a swing-low candidate when
/// <c>low[i]</c> is the minimum of <c>low[i-n+1 … i+n]</c>; only bars <c>2n-1 ≤ i ≤ N-1-n</c> are tested. The
/// candidates, in time order, are split into runs of one type; each run keeps its most extreme bar (the
/// earliest on ties), so swings alternate high/low.</para>
/// <para><b>Known at.</b> A candidate is confirmed at the close of <c>i+n</c>, but the swing of a run is final
/// only once the run is closed, i.e. once the first candidate <c>k</c> of the next run is confirmed:
/// <c>KnownAt = k + n</c> (always ≥ <c>Index + n + 1</c>). <see cref="KnownAt"/> is non-decreasing, and strictly
/// increasing in <see cref="SmcMode.Causal"/> mode.</para>
/// <para><b><see cref="SmcMode.Causal"/></b> lists the swings whose run is closed, and nothing else: the run
/// still open at the end of the data is not listed. Running on bars <c>0…t</c> lists exactly the swings of
/// the full series with <c>KnownAt ≤ t</c>.</para>
/// <para><b><see cref="SmcMode.Reference"/></b> also lists the open run's swing (<c>KnownAt =</c>
/// <see cref="SmcKnownAt.Never"/>) and the reference's two artificial swings: bar 0, typed opposite to the first
/// swing (known when the first candidate is confirmed), and bar <c>N-1</c>, typed opposite to the last swing
/// (<see cref="SmcKnownAt.Never"/>); their level is the bar's low for a low and high for a high.</para>
/// <para>Prices must be finite. A series too short for any candidate (fewer than <c>3n</c> bars) gives no
/// swings.</para>
/// </remarks>
public sealed partial class Swings
{
    private readonly int[] _index;
    private readonly int[] _knownAt;
    private readonly sbyte[] _highLow;
    private readonly double[] _level;

    private Swings(SmcMode mode, int swingLength, int barCount, int count, int[] index, int[] knownAt, sbyte[] highLow, double[] level,
        RunRecords records)
    {
        Records = records;
        Mode = mode;
        SwingLength = swingLength;
        BarCount = barCount;
        Count = count;
        _index = index;
        _knownAt = knownAt;
        _highLow = highLow;
        _level = level;
    }

    /// <summary>The semantics these swings follow.</summary>
    public SmcMode Mode { get; }

    /// <summary>The swing length <c>n</c> they were computed with.</summary>
    public int SwingLength { get; }

    /// <summary>Number of bars of the input series.</summary>
    public int BarCount { get; }

    /// <summary>Number of swings.</summary>
    public int Count { get; }

    /// <summary>Bar of each swing's extreme (0-based), strictly increasing.</summary>
    public ReadOnlySpan<int> Index => _index.AsSpan(0, Count);

    /// <summary>
    /// Bar at whose close each swing becomes final (0-based), non-decreasing; <see cref="SmcKnownAt.Never"/> for the
    /// reference's unsettled swings.
    /// </summary>
    public ReadOnlySpan<int> KnownAt => _knownAt.AsSpan(0, Count);

    /// <summary>Type of each swing: +1 swing high, -1 swing low.</summary>
    public ReadOnlySpan<sbyte> HighLow => _highLow.AsSpan(0, Count);

    /// <summary>Price of each swing: the high of its bar for a swing high, the low for a swing low.</summary>
    public ReadOnlySpan<double> Level => _level.AsSpan(0, Count);

    /// <summary>Finds the swings of <paramref name="bars"/>; see <see cref="Find(ReadOnlySpan{double}, ReadOnlySpan{double}, int, SmcMode)"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="bars"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="swingLength"/> &lt; 1, or <paramref name="mode"/> undefined.</exception>
    public static Swings Find(BarSeries bars, int swingLength, SmcMode mode = SmcMode.Causal)
    {
        ArgumentNullException.ThrowIfNull(bars);
        return Find(bars.High, bars.Low, swingLength, mode);
    }

    /// <summary>Finds the swings of a series given by its highs and lows.</summary>
    /// <param name="high">High prices, one per bar, finite.</param>
    /// <param name="low">Low prices, same length as <paramref name="high"/>, finite.</param>
    /// <param name="swingLength">The swing length <c>n</c> (bars), at least 1.</param>
    /// <param name="mode">Causal (default) or reference-parity semantics.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="swingLength"/> &lt; 1, or <paramref name="mode"/> undefined.</exception>
    /// <exception cref="ArgumentException"><paramref name="low"/> and <paramref name="high"/> differ in length.</exception>
    public static Swings Find(ReadOnlySpan<double> high, ReadOnlySpan<double> low, int swingLength, SmcMode mode = SmcMode.Causal)
    {
        SmcThrow.IfInvalidSwingLength(swingLength, nameof(swingLength));
        SmcThrow.IfInvalidMode(mode, nameof(mode));
        SmcThrow.IfLengthDiffers(low.Length, high.Length, nameof(low), nameof(high));

        int n = swingLength;
        int barCount = high.Length;
        var runs = new RunBuilder(n, barCount, mode);
        ScanCandidates(high, low, n, ref runs);
        return runs.Finish(mode, high, low);
    }

    /// <summary>
    /// The swings as per-bar columns: in <see cref="SmcMode.Reference"/> mode each swing is placed on its extreme
    /// bar (the reference's table); in <see cref="SmcMode.Causal"/> mode on its <see cref="KnownAt"/> bar, so row
    /// <c>t</c> holds only what is known at the close of <c>t</c>.
    /// </summary>
    public SwingsTable ToTable()
    {
        var table = new SwingsTable(BarCount);
        WriteTable(table.HighLow, table.Level, table.SwingIndex);
        return table;
    }

    /// <summary>
    /// Writes the per-bar columns of <see cref="ToTable"/> into caller buffers of at least <see cref="BarCount"/>
    /// elements (rows without a swing get NaN).
    /// </summary>
    /// <param name="highLow">+1 / -1 / NaN per bar.</param>
    /// <param name="level">Swing price or NaN per bar.</param>
    /// <param name="swingIndex">Bar of the swing's extreme or NaN per bar (equals the row in reference mode).</param>
    /// <exception cref="ArgumentException">A buffer is shorter than <see cref="BarCount"/>.</exception>
    public void WriteTable(Span<double> highLow, Span<double> level, Span<double> swingIndex)
    {
        SmcThrow.IfTooShort(highLow.Length, BarCount, nameof(highLow));
        SmcThrow.IfTooShort(level.Length, BarCount, nameof(level));
        SmcThrow.IfTooShort(swingIndex.Length, BarCount, nameof(swingIndex));
        highLow[..BarCount].Fill(double.NaN);
        level[..BarCount].Fill(double.NaN);
        swingIndex[..BarCount].Fill(double.NaN);
        var rows = Mode == SmcMode.Reference ? Index : KnownAt;
        for (int s = 0; s < Count; s++)
        {
            int row = rows[s];
            highLow[row] = _highLow[s];
            level[row] = _level[s];
            swingIndex[row] = _index[s];
        }
    }

    /// <summary>
    /// Number of swings final at the close of bar <paramref name="bar"/>: the swings <c>0 … result-1</c> are those
    /// with <c>KnownAt ≤ bar</c>.
    /// </summary>
    public int CountKnownAt(int bar)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            if (_knownAt[mid] <= bar) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
