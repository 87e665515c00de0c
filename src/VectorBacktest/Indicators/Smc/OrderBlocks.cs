using VectorBacktest.Data;

namespace VectorBacktest.Indicators.Smc;

/// <summary>
/// Order blocks (<c>smartmoneyconcepts.ob</c>) as a columnar event list: one entry per block, ordered by the bar
/// at whose close it becomes known (the bar whose close broke the swing), with the candle it sits on
/// (<see cref="Index"/>), its edges, volume fields and the bars of its mitigation and invalidation.
/// </summary>
/// <remarks>
/// <para><b>Rule</b> (both modes, SEMANTICS.md §5). At each bar <c>i</c>, for the latest available swing high
/// <c>s</c>: if it has not produced a block yet and <c>close[i] &gt; level[s]</c>, a bullish block is created on the
/// bar <c>x</c> of lowest low in <c>(s, i)</c> (latest on ties) with Top = <c>high[x]</c>, Bottom = <c>low[x]</c>
/// (mirrored for bearish: swing low broken by a close below, highest high, …). OBVolume =
/// <c>volume[i] + volume[i-1] + volume[i-2]</c> and Percentage = 100·min(A, B)/max(A, B) with
/// A = <c>volume[i] + volume[i-1]</c>, B = <c>volume[i-2]</c>, all stored as float32 like the reference. A bullish block is
/// mitigated at the first later bar whose low (<c>closeMitigation</c>: lower body edge) is below Bottom, and
/// invalidated at the first bar after that whose high is above Top (bearish mirrored). Tops and Bottoms are the
/// float32-rounded prices, and the tests compare against them, as the reference does.</para>
/// <para><b><see cref="SmcMode.Causal"/></b> takes causal <see cref="Swings"/>: a swing is available from its
/// <see cref="Swings.KnownAt"/> bar, so <see cref="KnownAt"/> = the break bar and every field depends on bars
/// <c>0…KnownAt</c> only. Mitigation and invalidation are events of their own bars (<see cref="MitigatedAt"/>,
/// <see cref="InvalidatedAt"/>), never written back; invalidated blocks stay listed. Running on bars <c>0…t</c>
/// gives the entries with <c>KnownAt ≤ t</c> of the full run and their events up to <c>t</c>.</para>
/// <para><b><see cref="SmcMode.Reference"/></b> takes reference swings (available from the bar after the swing bar,
/// artificial bar-0 swing included), so <see cref="KnownAt"/> (the break bar) still hides the swings' look-ahead.
/// <see cref="ToTable"/> then reproduces the reference table: survivors only, bullish <c>MitigatedIndex</c> one bar
/// early, and the bearish pass inheriting the bullish pass's flags on a shared bar.</para>
/// <para>O(N log k) with k the number of live blocks (linear scan, heaps for the live blocks).</para>
/// </remarks>
public sealed partial class OrderBlocks
{
    /// <summary><see cref="MitigatedAt"/> of a block not mitigated within the data.</summary>
    public const int NotMitigated = -1;

    /// <summary><see cref="InvalidatedAt"/> of a block not invalidated within the data.</summary>
    public const int NotInvalidated = -1;

    private readonly sbyte[] _direction;
    private readonly int[] _index, _knownAt, _mitigatedAt, _invalidatedAt;
    private readonly double[] _top, _bottom, _volume, _percentage;
    private readonly OrderBlocksTable? _referenceTable;

    private OrderBlocks(SmcMode mode, bool closeMitigation, int barCount, int count, sbyte[] direction, int[] index,
        int[] knownAt, double[] top, double[] bottom, double[] volume, double[] percentage, int[] mitigatedAt,
        int[] invalidatedAt, OrderBlocksTable? referenceTable)
    {
        Mode = mode;
        CloseMitigation = closeMitigation;
        BarCount = barCount;
        Count = count;
        _direction = direction;
        _index = index;
        _knownAt = knownAt;
        _top = top;
        _bottom = bottom;
        _volume = volume;
        _percentage = percentage;
        _mitigatedAt = mitigatedAt;
        _invalidatedAt = invalidatedAt;
        _referenceTable = referenceTable;
    }

    /// <summary>The semantics these blocks follow (that of the swings they were built from).</summary>
    public SmcMode Mode { get; }

    /// <summary>Whether mitigation tests the candle body instead of the wick (reference <c>close_mitigation</c>).</summary>
    public bool CloseMitigation { get; }

    /// <summary>Number of bars of the input series.</summary>
    public int BarCount { get; }

    /// <summary>Number of blocks (invalidated ones included).</summary>
    public int Count { get; }

    /// <summary>+1 bullish, −1 bearish (reference column <c>OB</c>).</summary>
    public ReadOnlySpan<sbyte> Direction => _direction.AsSpan(0, Count);

    /// <summary>Bar of the order-block candle (before the break bar).</summary>
    public ReadOnlySpan<int> Index => _index.AsSpan(0, Count);

    /// <summary>Break bar: the block is known at its close. Non-decreasing; bullish first on a shared bar.</summary>
    public ReadOnlySpan<int> KnownAt => _knownAt.AsSpan(0, Count);

    /// <summary>Upper edge, a float32 value (price).</summary>
    public ReadOnlySpan<double> Top => _top.AsSpan(0, Count);

    /// <summary>Lower edge, a float32 value (price).</summary>
    public ReadOnlySpan<double> Bottom => _bottom.AsSpan(0, Count);

    /// <summary>Volume of the break bar and the two before it, a float32 value (reference column <c>OBVolume</c>).</summary>
    public ReadOnlySpan<double> OBVolume => _volume.AsSpan(0, Count);

    /// <summary>Balance of those volumes in percent (0…100), a float32 value (reference column <c>Percentage</c>).</summary>
    public ReadOnlySpan<double> Percentage => _percentage.AsSpan(0, Count);

    /// <summary>Bar at which price first crossed the block (known at its close), or <see cref="NotMitigated"/>.</summary>
    public ReadOnlySpan<int> MitigatedAt => _mitigatedAt.AsSpan(0, Count);

    /// <summary>
    /// Bar after the mitigation at which price went back through the far edge (the reference then erases the
    /// block), or <see cref="NotInvalidated"/>.
    /// </summary>
    public ReadOnlySpan<int> InvalidatedAt => _invalidatedAt.AsSpan(0, Count);

    /// <summary>Finds the order blocks of <paramref name="bars"/> from swings of length <paramref name="swingLength"/> found in the same <paramref name="mode"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="bars"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="swingLength"/> &lt; 1, or <paramref name="mode"/> undefined.</exception>
    public static OrderBlocks Find(BarSeries bars, int swingLength, bool closeMitigation = false, SmcMode mode = SmcMode.Causal)
    {
        ArgumentNullException.ThrowIfNull(bars);
        return Find(bars.Open, bars.High, bars.Low, bars.Close, bars.Volume, Swings.Find(bars.High, bars.Low, swingLength, mode), closeMitigation);
    }

    /// <summary>Finds the order blocks of a series given by its prices and volumes and its swings.</summary>
    /// <param name="open">Open prices.</param>
    /// <param name="high">High prices, same length.</param>
    /// <param name="low">Low prices, same length.</param>
    /// <param name="close">Close prices, same length.</param>
    /// <param name="volume">Volumes, same length.</param>
    /// <param name="swings">Swings of this series; their <see cref="Swings.Mode"/> is the mode of the result.</param>
    /// <param name="closeMitigation">Test mitigation with the candle body instead of the wick.</param>
    /// <exception cref="ArgumentNullException"><paramref name="swings"/> is null.</exception>
    /// <exception cref="ArgumentException">The spans differ in length, or <paramref name="swings"/> belongs to a series of another length.</exception>
    public static OrderBlocks Find(ReadOnlySpan<double> open, ReadOnlySpan<double> high, ReadOnlySpan<double> low,
        ReadOnlySpan<double> close, ReadOnlySpan<double> volume, Swings swings, bool closeMitigation = false)
    {
        ArgumentNullException.ThrowIfNull(swings);
        int n = close.Length;
        SmcThrow.IfLengthDiffers(open.Length, n, nameof(open), nameof(close));
        SmcThrow.IfLengthDiffers(high.Length, n, nameof(high), nameof(close));
        SmcThrow.IfLengthDiffers(low.Length, n, nameof(low), nameof(close));
        SmcThrow.IfLengthDiffers(volume.Length, n, nameof(volume), nameof(close));
        SmcThrow.IfLengthDiffers(swings.BarCount, n, nameof(swings), nameof(close));

        // Lowest low for bullish blocks, highest high (the mirrored side's lowest low) for bearish ones.
        var lowestLow = new LatestRangeMaximum(low, negate: true);
        var highestHigh = new LatestRangeMaximum(high, negate: false);
        try
        {
            if (swings.Mode == SmcMode.Causal)
            {
                var bull = new SideState(swings, 1, active: true);
                var bear = new SideState(swings, -1, active: true);
                Pass(open, high, low, close, closeMitigation, bull, bear, default, lowestLow, highestHigh);
                FillVolumes(bull.Blocks, volume);
                FillVolumes(bear.Blocks, volume);
                return Merge(SmcMode.Causal, closeMitigation, n, bull.Blocks, bear.Blocks, null);
            }

            // The reference runs the bullish pass to the end, then the bearish pass over the same per-bar arrays.
            var table = new OrderBlocksTable(n);
            var flagged = new bool[n];
            var leftIndex = new double[n];
            var bullish = new SideState(swings, 1, active: true);
            Pass(open, high, low, close, closeMitigation, bullish, new SideState(swings, -1, active: false), default, lowestLow, highestHigh);
            FillVolumes(bullish.Blocks, volume);
            WriteReferenceRows(table, bullish.Blocks, 1, flagged, leftIndex);
            var bearish = new SideState(swings, -1, active: true);
            Pass(open, high, low, close, closeMitigation, new SideState(swings, 1, active: false), bearish, flagged, lowestLow, highestHigh);
            FillVolumes(bearish.Blocks, volume);
            WriteReferenceRows(table, bearish.Blocks, -1, null, leftIndex);
            return Merge(SmcMode.Reference, closeMitigation, n, bullish.Blocks, bearish.Blocks, table);
        }
        finally
        {
            lowestLow.Dispose();
            highestHigh.Dispose();
        }
    }

    /// <summary>
    /// The blocks as per-bar columns named after the reference's (<c>OB</c>, <c>Top</c>, <c>Bottom</c>,
    /// <c>OBVolume</c>, <c>MitigatedIndex</c>, <c>Percentage</c>) plus the candle bar and per-bar event counts.
    /// <see cref="SmcMode.Reference"/>: the reference's table (survivors only, each on its candle's row, bullish
    /// <c>MitigatedIndex</c> one bar early). <see cref="SmcMode.Causal"/>: every block on its <see cref="KnownAt"/>
    /// row, <c>MitigatedIndex</c> left empty; mitigations and invalidations appear only as counts on the bar where
    /// they happen. A bullish and a bearish block can share a <see cref="KnownAt"/> bar only when the swing low
    /// confirmed at that bar lies above the current swing high and the bar's close falls between them (never seen
    /// on the benchmark or reference data); the row then shows the bearish one, the event columns both.
    /// </summary>
    public OrderBlocksTable ToTable()
    {
        var table = _referenceTable?.Clone() ?? new OrderBlocksTable(BarCount);
        bool reference = _referenceTable is not null;
        if (reference)
        {
            for (int x = 0; x < BarCount; x++)
                if (!double.IsNaN(table.OB[x])) table.BlockIndex[x] = x;
        }
        else
        {
            for (int k = 0; k < Count; k++)
            {
                int row = _knownAt[k];
                table.OB[row] = _direction[k];
                table.Top[row] = _top[k];
                table.Bottom[row] = _bottom[k];
                table.OBVolume[row] = _volume[k];
                table.Percentage[row] = _percentage[k];
                table.BlockIndex[row] = _index[k];
            }
        }
        SmcEventColumns.CountEvents(MitigatedAt, table.Mitigations);
        SmcEventColumns.CountEvents(InvalidatedAt, table.Invalidations);
        return table;
    }

    /// <summary>
    /// The per-bar "as known at the close of <c>t</c>" view: the latest block of <paramref name="direction"/> with
    /// <c>KnownAt ≤ t</c> not mitigated at or before <c>t</c> (NaN when there is none).
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

    private static OrderBlocks Merge(SmcMode mode, bool closeMitigation, int n, SideBlocks bullish, SideBlocks bearish, OrderBlocksTable? table)
    {
        int count = bullish.Count + bearish.Count;
        var direction = new sbyte[count];
        var index = new int[count];
        var knownAt = new int[count];
        var top = new double[count];
        var bottom = new double[count];
        var volume = new double[count];
        var percentage = new double[count];
        var mitigatedAt = new int[count];
        var invalidatedAt = new int[count];
        int a = 0, b = 0;
        for (int k = 0; k < count; k++)
        {
            bool takeBullish = b == bearish.Count || (a < bullish.Count && bullish.KnownAt[a] <= bearish.KnownAt[b]);
            var side = takeBullish ? bullish : bearish;
            int j = takeBullish ? a++ : b++;
            direction[k] = takeBullish ? (sbyte)1 : (sbyte)-1;
            index[k] = side.Index[j];
            knownAt[k] = side.KnownAt[j];
            // The bearish side was computed on mirrored prices.
            top[k] = takeBullish ? side.Top[j] : -side.Bottom[j];
            bottom[k] = takeBullish ? side.Bottom[j] : -side.Top[j];
            volume[k] = side.Volume[j];
            percentage[k] = side.Percentage[j];
            mitigatedAt[k] = side.MitigatedAt[j];
            invalidatedAt[k] = side.InvalidatedAt[j];
        }
        return new OrderBlocks(mode, closeMitigation, n, count, direction, index, knownAt, top, bottom, volume, percentage,
            mitigatedAt, invalidatedAt, table);
    }

    /// <summary>
    /// Writes one pass's survivors into the reference table the way the reference's shared arrays end up: an
    /// invalidated block empties its row (its mitigated flag stays for the bearish pass), a bullish
    /// <c>MitigatedIndex</c> is the bar before the crossing, and a bearish block that never flags itself keeps
    /// what the bullish pass left on its row.
    /// </summary>
    private static void WriteReferenceRows(OrderBlocksTable table, SideBlocks blocks, sbyte direction, bool[]? flagged, double[] leftIndex)
    {
        for (int k = 0; k < blocks.Count; k++)
        {
            int x = blocks.Index[k];
            int m = blocks.MitigatedAt[k];
            if (flagged is not null && m != NotMitigated) flagged[x] = true;
            if (blocks.InvalidatedAt[k] != NotInvalidated)
            {
                table.OB[x] = table.Top[x] = table.Bottom[x] = table.OBVolume[x] = table.MitigatedIndex[x] = table.Percentage[x] = double.NaN;
                leftIndex[x] = 0;
                continue;
            }
            double mitigatedIndex = m == NotMitigated ? leftIndex[x] : direction > 0 ? m - 1 : m;
            leftIndex[x] = mitigatedIndex;
            table.OB[x] = direction;
            table.Top[x] = direction > 0 ? blocks.Top[k] : -blocks.Bottom[k];
            table.Bottom[x] = direction > 0 ? blocks.Bottom[k] : -blocks.Top[k];
            table.OBVolume[x] = blocks.Volume[k];
            table.MitigatedIndex[x] = mitigatedIndex;
            table.Percentage[x] = blocks.Percentage[k];
        }
    }
}
