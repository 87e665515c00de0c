using System.Buffers;
using VectorBacktest.Data;

namespace VectorBacktest.Indicators.Smc;

/// <summary>
/// Liquidity (<c>smartmoneyconcepts.liquidity</c>): groups of equal swing highs (or lows) within a band, as a
/// columnar list of group <b>versions</b>: each time a swing joins a group, one entry records the group's state from
/// then on (anchor bar, <see cref="KnownAt"/>, mean <see cref="Level"/>, last member <see cref="End"/>, member
/// count), ordered by <see cref="KnownAt"/>; <see cref="SweptAt"/> is the bar at which price swept the group.
/// </summary>
/// <remarks>
/// <para><b>Rule</b> (both modes, SEMANTICS.md §6). Band half-width <c>w</c> = range × <c>rangePercent</c>. Swing highs
/// in time order either join the earliest open group whose band [anchor − w, anchor + w] holds their level, or
/// anchor a new group. A group of highs is swept (and closed) by the first later bar whose high reaches
/// anchor + <c>w</c> (lows mirrored: low ≤ anchor − w). Level = mean of the members' levels (summed in time order in
/// float64, stored as float32). A group is reported once it has two members.</para>
/// <para><b><see cref="SmcMode.Causal"/></b> (causal <see cref="Swings"/>): a swing is processed at its
/// <see cref="Swings.KnownAt"/> bar <c>t</c>, with <c>w</c> from the high/low range of bars <c>0…t</c> (the reference
/// uses the whole series, future included); it can only join groups still open at <c>t</c>; a would-be anchor whose
/// sweep level was already reached since its bar opens no group. Each join is a new version known at <c>t</c>; an
/// earlier version never changes. Running on bars <c>0…t</c> gives the versions with <c>KnownAt ≤ t</c> of the full
/// run and the sweeps up to <c>t</c>.</para>
/// <para><b><see cref="SmcMode.Reference"/></b> (reference swings, artificial ones included): each swing is processed
/// at its own bar with the whole-series <c>w</c>; the last version of each group is the reference's row.</para>
/// <para>O(N + S log S) for S swings (one forward pass over the bars for both sides, stacks instead of the
/// reference's nested scans).</para>
/// </remarks>
public sealed partial class Liquidity
{
    /// <summary><see cref="SweptAt"/> of a group not swept within the data.</summary>
    public const int NotSwept = -1;

    private readonly sbyte[] _direction;
    private readonly int[] _index, _knownAt, _end, _members, _sweptAt;
    private readonly double[] _level;

    private Liquidity(SmcMode mode, double rangePercent, int barCount, int count, sbyte[] direction, int[] index, int[] knownAt,
        double[] level, int[] end, int[] members, int[] sweptAt)
    {
        Mode = mode;
        RangePercent = rangePercent;
        BarCount = barCount;
        Count = count;
        _direction = direction;
        _index = index;
        _knownAt = knownAt;
        _level = level;
        _end = end;
        _members = members;
        _sweptAt = sweptAt;
    }

    /// <summary>The semantics followed (that of the swings).</summary>
    public SmcMode Mode { get; }

    /// <summary>Band half-width as a fraction of the high–low range.</summary>
    public double RangePercent { get; }

    /// <summary>Number of bars of the input series.</summary>
    public int BarCount { get; }

    /// <summary>Number of group versions.</summary>
    public int Count { get; }

    /// <summary>+1 equal highs, −1 equal lows (reference column <c>Liquidity</c>).</summary>
    public ReadOnlySpan<sbyte> Direction => _direction.AsSpan(0, Count);

    /// <summary>Bar of the group's anchor (its first swing); identifies the group.</summary>
    public ReadOnlySpan<int> Index => _index.AsSpan(0, Count);

    /// <summary>Bar at whose close this version is known (the joining swing's processing bar), non-decreasing.</summary>
    public ReadOnlySpan<int> KnownAt => _knownAt.AsSpan(0, Count);

    /// <summary>Mean level of the members so far, a float32 value (price).</summary>
    public ReadOnlySpan<double> Level => _level.AsSpan(0, Count);

    /// <summary>Bar of the latest member.</summary>
    public ReadOnlySpan<int> End => _end.AsSpan(0, Count);

    /// <summary>Number of members so far (≥ 2).</summary>
    public ReadOnlySpan<int> Members => _members.AsSpan(0, Count);

    /// <summary>Bar at which the group was swept (an event of that bar, the same for all its versions), or <see cref="NotSwept"/>.</summary>
    public ReadOnlySpan<int> SweptAt => _sweptAt.AsSpan(0, Count);

    /// <summary>Finds the liquidity groups of <paramref name="bars"/> from swings of length <paramref name="swingLength"/> found in the same <paramref name="mode"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="bars"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="swingLength"/> &lt; 1, <paramref name="rangePercent"/> negative or not finite, or <paramref name="mode"/> undefined.</exception>
    public static Liquidity Find(BarSeries bars, int swingLength, double rangePercent = 0.01, SmcMode mode = SmcMode.Causal)
    {
        ArgumentNullException.ThrowIfNull(bars);
        CheckRangePercent(rangePercent);
        return Find(bars.High, bars.Low, Swings.Find(bars.High, bars.Low, swingLength, mode), rangePercent);
    }

    /// <summary>Finds the liquidity groups of a series given by its highs, lows and swings.</summary>
    /// <param name="high">High prices.</param>
    /// <param name="low">Low prices, same length.</param>
    /// <param name="swings">Swings of this series; their <see cref="Swings.Mode"/> is the mode of the result.</param>
    /// <param name="rangePercent">Band half-width as a fraction of the high–low range (0.01 = 1 %); finite, ≥ 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="swings"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rangePercent"/> is negative or not finite.</exception>
    /// <exception cref="ArgumentException">The spans differ in length, or <paramref name="swings"/> belongs to a series of another length.</exception>
    public static Liquidity Find(ReadOnlySpan<double> high, ReadOnlySpan<double> low, Swings swings, double rangePercent = 0.01)
    {
        ArgumentNullException.ThrowIfNull(swings);
        CheckRangePercent(rangePercent);
        int n = high.Length;
        SmcThrow.IfLengthDiffers(low.Length, n, nameof(low), nameof(high));
        SmcThrow.IfLengthDiffers(swings.BarCount, n, nameof(swings), nameof(high));

        double referenceWidth = 0;
        if (swings.Mode == SmcMode.Reference && n > 0)
        {
            double max = double.NegativeInfinity, min = double.PositiveInfinity;
            for (int i = 0; i < n; i++)
            {
                max = Math.Max(max, high[i]);
                min = Math.Min(min, low[i]);
            }
            referenceWidth = (max - min) * rangePercent;
        }

        var highAnchors = ArrayPool<int>.Shared.Rent(swings.Count);
        var lowAnchors = ArrayPool<int>.Shared.Rent(swings.Count);
        var highestHigh = new LatestRangeMaximum(high, negate: false);
        var lowestLow = new LatestRangeMaximum(low, negate: true);
        try
        {
            var highs = new SideScan<HighSide>(high, low, swings, highAnchors, highestHigh);
            var lows = new SideScan<LowSide>(high, low, swings, lowAnchors, lowestLow);
            bool reference = swings.Mode == SmcMode.Reference;
            double runningHigh = double.NegativeInfinity, runningLow = double.PositiveInfinity;
            double w = referenceWidth;
            for (int t = 0; t < n; t++)
            {
                if (!reference)
                {
                    double h = high[t], l = low[t];
                    if (h > runningHigh || l < runningLow)
                    {
                        runningHigh = Math.Max(runningHigh, h);
                        runningLow = Math.Min(runningLow, l);
                        w = (runningHigh - runningLow) * rangePercent;
                    }
                }
                highs.Step(t, w);
                lows.Step(t, w);
            }
            return Merge(swings.Mode, rangePercent, n, highs.Groups, lows.Groups);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(highAnchors);
            ArrayPool<int>.Shared.Return(lowAnchors);
            highestHigh.Dispose();
            lowestLow.Dispose();
        }
    }

    /// <summary>
    /// Per-bar columns named after the reference's. <see cref="SmcMode.Reference"/>: each group's last version on its
    /// anchor bar with its sweep bar (<c>Swept</c>, 0 = none), the reference's table. <see cref="SmcMode.Causal"/>:
    /// each version on its <see cref="KnownAt"/> bar (at most one per bar), <c>Swept</c> left empty; sweeps appear only
    /// in <see cref="LiquidityTable.Sweeps"/> on the bar where they happen.
    /// </summary>
    public LiquidityTable ToTable()
    {
        var table = new LiquidityTable(BarCount);
        WriteTable(table.Liquidity, table.Level, table.End, table.Swept, table.AnchorIndex, table.Sweeps);
        return table;
    }

    /// <summary>
    /// Writes the columns of <see cref="ToTable"/> into caller buffers of at least <see cref="BarCount"/> elements.
    /// </summary>
    /// <param name="liquidity">+1 / −1 / NaN per bar.</param>
    /// <param name="level">Mean level (a float32 value) or NaN.</param>
    /// <param name="end">Bar of the last member or NaN.</param>
    /// <param name="swept">Reference mode: sweep bar, 0 = none, NaN on rows without a group. Causal mode: NaN.</param>
    /// <param name="anchorIndex">Bar of the group's anchor or NaN (equals the row in reference mode).</param>
    /// <param name="sweeps">Number of reported groups swept on this bar (0 when none).</param>
    /// <exception cref="ArgumentException">A buffer is shorter than <see cref="BarCount"/>.</exception>
    public void WriteTable(Span<double> liquidity, Span<double> level, Span<double> end, Span<double> swept,
        Span<double> anchorIndex, Span<double> sweeps)
    {
        SmcThrow.IfTooShort(liquidity.Length, BarCount, nameof(liquidity));
        SmcThrow.IfTooShort(level.Length, BarCount, nameof(level));
        SmcThrow.IfTooShort(end.Length, BarCount, nameof(end));
        SmcThrow.IfTooShort(swept.Length, BarCount, nameof(swept));
        SmcThrow.IfTooShort(anchorIndex.Length, BarCount, nameof(anchorIndex));
        SmcThrow.IfTooShort(sweeps.Length, BarCount, nameof(sweeps));
        liquidity[..BarCount].Fill(double.NaN);
        level[..BarCount].Fill(double.NaN);
        end[..BarCount].Fill(double.NaN);
        swept[..BarCount].Fill(double.NaN);
        anchorIndex[..BarCount].Fill(double.NaN);
        sweeps[..BarCount].Clear();
        bool reference = Mode == SmcMode.Reference;
        for (int k = 0; k < Count; k++)
        {
            // Later versions of a group overwrite its row in reference mode: the last one is the reference's.
            int row = reference ? _index[k] : _knownAt[k];
            liquidity[row] = _direction[k];
            level[row] = _level[k];
            end[row] = _end[k];
            anchorIndex[row] = _index[k];
            if (reference) swept[row] = _sweptAt[k] == NotSwept ? 0 : _sweptAt[k];
            // A group's sweep is counted once, with its first version (two members).
            if (_sweptAt[k] != NotSwept && _members[k] == 2) sweeps[_sweptAt[k]]++;
        }
    }

    /// <summary>
    /// The per-bar "as known at the close of <c>t</c>" view: the level of the most recently formed or extended group of
    /// <paramref name="direction"/> (version with <c>KnownAt ≤ t</c>) not swept at or before <c>t</c>; NaN when none.
    /// </summary>
    /// <param name="direction">+1 equal highs or −1 equal lows.</param>
    /// <param name="level">Destination per bar (at least <see cref="BarCount"/> elements).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="direction"/> is not +1 or −1.</exception>
    /// <exception cref="ArgumentException"><paramref name="level"/> is shorter than <see cref="BarCount"/>.</exception>
    public void WriteLatestActive(int direction, Span<double> level)
    {
        SmcEventColumns.ThrowIfInvalidDirection(direction, "highs", "lows");
        SmcThrow.IfTooShort(level.Length, BarCount, nameof(level));
        SmcEventColumns.WriteLatestActive(BarCount, KnownAt, Direction, SweptAt, direction, Level, level, default, default);
    }

    private static void CheckRangePercent(double rangePercent)
    {
        if (!(rangePercent >= 0) || double.IsInfinity(rangePercent))
            throw new ArgumentOutOfRangeException(nameof(rangePercent), rangePercent,
                $"rangePercent must be finite and at least 0 (a fraction of the high-low range, e.g. 0.01); got {rangePercent}.");
    }

    private static Liquidity Merge(SmcMode mode, double rangePercent, int n, SideGroups highs, SideGroups lows)
    {
        int count = highs.VersionCount + lows.VersionCount;
        var direction = new sbyte[count];
        var index = new int[count];
        var knownAt = new int[count];
        var level = new double[count];
        var end = new int[count];
        var members = new int[count];
        var sweptAt = new int[count];
        int a = 0, b = 0;
        for (int k = 0; k < count; k++)
        {
            bool takeHigh = b == lows.VersionCount || (a < highs.VersionCount && highs.KnownAt[a] <= lows.KnownAt[b]);
            var side = takeHigh ? highs : lows;
            int v = takeHigh ? a++ : b++;
            int g = side.Group[v];
            direction[k] = takeHigh ? (sbyte)1 : (sbyte)-1;
            index[k] = side.Anchor[g];
            knownAt[k] = side.KnownAt[v];
            // Lows were computed on negated prices.
            level[k] = takeHigh ? side.Level[v] : -side.Level[v];
            end[k] = side.End[v];
            members[k] = side.VersionMembers[v];
            sweptAt[k] = side.SweptAt[g];
        }
        return new Liquidity(mode, rangePercent, n, count, direction, index, knownAt, level, end, members, sweptAt);
    }
}
