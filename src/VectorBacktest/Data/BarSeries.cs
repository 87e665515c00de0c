using Apache.Arrow;
using Apache.Arrow.Types;
using Microsoft.Data.Analysis;

namespace VectorBacktest.Data;

/// <summary>
/// One symbol's OHLCV bars at one timeframe, stored column by column in Apache Arrow arrays and read
/// as spans without copying.
/// </summary>
/// <remarks>
/// <para>Time is the bar's <b>open</b> time in Unix epoch <b>milliseconds, UTC</b>, strictly increasing.
/// A value computed from bar <c>i</c>'s close is known at <c>Time[i] + Timeframe.Milliseconds</c>.</para>
/// <para>Prices are in quote currency per unit of base asset; volume is in base-asset units.
/// A series is immutable. Construction checks the invariants with <see cref="BarValidator"/> unless told
/// the data is already validated (readers that validated row by row).</para>
/// <para>A series read from an uncompressed Arrow IPC file uses the memory-mapped file in place. The mapping lives
/// until <see cref="Dispose"/> or the end of the process, never shorter: the garbage collector cannot tell whether a
/// span taken from the series is still in use, so it never unmaps it.</para>
/// </remarks>
public sealed class BarSeries : IDisposable
{
    private readonly TimestampArray _time;
    private readonly DoubleArray _open, _high, _low, _close, _volume;
    private readonly IDisposable? _owner;

    private BarSeries(string symbol, Timeframe timeframe, TimestampArray time, DoubleArray open, DoubleArray high,
        DoubleArray low, DoubleArray close, DoubleArray volume, IDisposable? owner = null)
    {
        _owner = owner;
        Symbol = symbol;
        Timeframe = timeframe;
        _time = time; _open = open; _high = high; _low = low; _close = close; _volume = volume;
    }

    /// <summary>The instrument, e.g. <c>BTCUSDT</c>; free text.</summary>
    public string Symbol { get; }

    /// <summary>The bar duration.</summary>
    public Timeframe Timeframe { get; }

    /// <summary>Number of bars.</summary>
    public int Length => _time.Length;

    /// <summary>Bar open times, Unix epoch milliseconds UTC, strictly increasing.</summary>
    public ReadOnlySpan<long> Time => _time.Values;
    /// <summary>Open prices.</summary>
    public ReadOnlySpan<double> Open => _open.Values;
    /// <summary>High prices.</summary>
    public ReadOnlySpan<double> High => _high.Values;
    /// <summary>Low prices.</summary>
    public ReadOnlySpan<double> Low => _low.Values;
    /// <summary>Close prices.</summary>
    public ReadOnlySpan<double> Close => _close.Values;
    /// <summary>Volumes in base-asset units.</summary>
    public ReadOnlySpan<double> Volume => _volume.Values;

    /// <summary>The Arrow array behind <see cref="Time"/> (timestamp[ms, UTC]).</summary>
    public TimestampArray TimeArray => _time;
    /// <summary>The Arrow array behind <see cref="Open"/>.</summary>
    public DoubleArray OpenArray => _open;
    /// <summary>The Arrow array behind <see cref="High"/>.</summary>
    public DoubleArray HighArray => _high;
    /// <summary>The Arrow array behind <see cref="Low"/>.</summary>
    public DoubleArray LowArray => _low;
    /// <summary>The Arrow array behind <see cref="Close"/>.</summary>
    public DoubleArray CloseArray => _close;
    /// <summary>The Arrow array behind <see cref="Volume"/>.</summary>
    public DoubleArray VolumeArray => _volume;

    /// <summary>Open time of bar <paramref name="index"/> as a UTC <see cref="DateTimeOffset"/>.</summary>
    public DateTimeOffset TimeAt(int index) => DateTimeOffset.FromUnixTimeMilliseconds(Time[index]);

    /// <summary>
    /// Wraps the arrays without copying them (the caller must not change them afterwards).
    /// </summary>
    /// <param name="symbol">Instrument name.</param>
    /// <param name="timeframe">Bar duration; when null it is inferred from the timestamps (1m for fewer than two bars).</param>
    /// <param name="timeMs">Open times, epoch milliseconds UTC.</param>
    /// <param name="open">Open prices.</param>
    /// <param name="high">High prices.</param>
    /// <param name="low">Low prices.</param>
    /// <param name="close">Close prices.</param>
    /// <param name="volume">Volumes.</param>
    /// <param name="validate">Check every invariant of <see cref="BarValidator"/> (default).</param>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    /// <exception cref="BarDataException">A value breaks an invariant; names the row and column.</exception>
    public static BarSeries FromArrays(string symbol, Timeframe? timeframe, long[] timeMs, double[] open, double[] high,
        double[] low, double[] close, double[] volume, bool validate = true)
    {
        ArgumentNullException.ThrowIfNull(timeMs);
        int n = timeMs.Length;
        if (open.Length != n || high.Length != n || low.Length != n || close.Length != n || volume.Length != n)
            throw new ArgumentException(
                $"All columns must have the same length: time {n}, open {open.Length}, high {high.Length}, low {low.Length}, close {close.Length}, volume {volume.Length}.");
        return Create(symbol, timeframe, ArrowBuffers.WrapTime(timeMs), ArrowBuffers.Wrap(open), ArrowBuffers.Wrap(high),
            ArrowBuffers.Wrap(low), ArrowBuffers.Wrap(close), ArrowBuffers.Wrap(volume), validate, $"bars of {symbol}");
    }

    /// <summary>
    /// Reads a record batch with columns <c>time</c> (timestamp of any unit, or int64 epoch ms; also accepted
    /// under the names <c>timestamp</c>, <c>open_time</c>, <c>date</c>, <c>datetime</c>), <c>open</c>, <c>high</c>,
    /// <c>low</c>, <c>close</c>, <c>volume</c> (names case-insensitive). Float64 columns without nulls are used
    /// in place, without copying.
    /// </summary>
    /// <exception cref="BarDataException">A column is missing or has the wrong type, or a value breaks an invariant.</exception>
    public static BarSeries FromRecordBatch(RecordBatch batch, string symbol, Timeframe? timeframe = null, bool validate = true,
        string source = "record batch")
    {
        ArgumentNullException.ThrowIfNull(batch);
        var time = ArrowBuffers.ToUtcMilliseconds(FindColumn(batch, source, BarColumns.Time, "timestamp", "open_time", "date", "datetime"), source);
        DoubleArray Col(string name) => ArrowBuffers.ToDouble(FindColumn(batch, source, name), source, name);
        return Create(symbol, timeframe, time, Col(BarColumns.Open), Col(BarColumns.High), Col(BarColumns.Low),
            Col(BarColumns.Close), Col(BarColumns.Volume), validate, source);
    }

    /// <summary>The bars as one record batch: <c>time</c> timestamp[ms, UTC] then the five float64 columns. No copy.</summary>
    public RecordBatch ToRecordBatch() => new(Schema(Symbol, Timeframe), [_time, _open, _high, _low, _close, _volume], Length);

    /// <summary>The Arrow schema written by <see cref="ToRecordBatch"/>; symbol and timeframe travel as schema metadata.</summary>
    public static Schema Schema(string symbol, Timeframe timeframe) => new Schema.Builder()
        .Field(f => f.Name(BarColumns.Time).DataType(ArrowBuffers.UtcMilliseconds).Nullable(false))
        .Field(f => f.Name(BarColumns.Open).DataType(DoubleType.Default).Nullable(false))
        .Field(f => f.Name(BarColumns.High).DataType(DoubleType.Default).Nullable(false))
        .Field(f => f.Name(BarColumns.Low).DataType(DoubleType.Default).Nullable(false))
        .Field(f => f.Name(BarColumns.Close).DataType(DoubleType.Default).Nullable(false))
        .Field(f => f.Name(BarColumns.Volume).DataType(DoubleType.Default).Nullable(false))
        .Metadata(MetadataSymbol, symbol)
        .Metadata(MetadataTimeframe, timeframe.ToString())
        .Build();

    /// <summary>Schema metadata key holding the symbol.</summary>
    public const string MetadataSymbol = "vectorbacktest.symbol";
    /// <summary>Schema metadata key holding the timeframe.</summary>
    public const string MetadataTimeframe = "vectorbacktest.timeframe";

    /// <summary>
    /// A <see cref="DataFrame"/> for notebooks: column <c>time</c> holds the open time as epoch milliseconds
    /// UTC (<c>long</c>, so no time-zone conversion can creep in), then the five price/volume columns. Copies.
    /// </summary>
    public DataFrame ToDataFrame() => new(
        new PrimitiveDataFrameColumn<long>(BarColumns.Time, Time.ToArray()),
        new DoubleDataFrameColumn(BarColumns.Open, Open.ToArray()),
        new DoubleDataFrameColumn(BarColumns.High, High.ToArray()),
        new DoubleDataFrameColumn(BarColumns.Low, Low.ToArray()),
        new DoubleDataFrameColumn(BarColumns.Close, Close.ToArray()),
        new DoubleDataFrameColumn(BarColumns.Volume, Volume.ToArray()));

    /// <summary>
    /// Reads a <see cref="DataFrame"/>. The time column may hold epoch milliseconds (<c>long</c>) or
    /// <see cref="DateTime"/> values; a DateTime of kind Local is converted to UTC, one of kind Unspecified
    /// is taken as UTC already (which is how <c>DataFrame</c> hands back Arrow timestamps).
    /// </summary>
    /// <exception cref="BarDataException">A column is missing or a value is null or breaks an invariant.</exception>
    public static BarSeries FromDataFrame(DataFrame frame, string symbol, Timeframe? timeframe = null, bool validate = true)
    {
        ArgumentNullException.ThrowIfNull(frame);
        const string source = "data frame";
        int n = checked((int)frame.Rows.Count);
        DataFrameColumn Find(string name, params string[] aliases)
        {
            foreach (var column in frame.Columns)
                if (string.Equals(column.Name, name, StringComparison.OrdinalIgnoreCase) ||
                    System.Array.Exists(aliases, a => string.Equals(column.Name, a, StringComparison.OrdinalIgnoreCase)))
                    return column;
            throw new BarDataException(source, 0, name, "the column is missing.");
        }
        var timeColumn = Find(BarColumns.Time, "timestamp", "open_time", "date", "datetime");
        var time = new long[n];
        for (int i = 0; i < n; i++)
        {
            time[i] = timeColumn[i] switch
            {
                long l => l,
                int v => v,
                DateTime dt => DateTimeToMs(dt),
                DateTimeOffset dto => dto.ToUnixTimeMilliseconds(),
                null => throw new BarDataException(source, i + 1, timeColumn.Name, "the timestamp is missing."),
                var other => throw new BarDataException(source, i + 1, timeColumn.Name, $"'{other}' is not a timestamp."),
            };
        }
        double[] Values(string name)
        {
            var column = Find(name);
            var values = new double[n];
            for (int i = 0; i < n; i++)
                values[i] = column[i] is { } v ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)
                    : throw new BarDataException(source, i + 1, column.Name, "the value is missing.");
            return values;
        }
        return Create(symbol, timeframe, ArrowBuffers.WrapTime(time), ArrowBuffers.Wrap(Values(BarColumns.Open)),
            ArrowBuffers.Wrap(Values(BarColumns.High)), ArrowBuffers.Wrap(Values(BarColumns.Low)),
            ArrowBuffers.Wrap(Values(BarColumns.Close)), ArrowBuffers.Wrap(Values(BarColumns.Volume)), validate, source);
    }

    /// <summary>Bars <c>[start, start + length)</c>, sharing this series' buffers (no copy).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the series.</exception>
    public BarSeries Slice(int start, int length)
    {
        if ((uint)start > (uint)Length || (uint)length > (uint)(Length - start))
            throw new ArgumentOutOfRangeException(nameof(start), $"Range [{start}, {start}+{length}) is outside a series of {Length} bars.");
        return new BarSeries(Symbol, Timeframe, (TimestampArray)_time.Slice(start, length), (DoubleArray)_open.Slice(start, length),
            (DoubleArray)_high.Slice(start, length), (DoubleArray)_low.Slice(start, length), (DoubleArray)_close.Slice(start, length),
            (DoubleArray)_volume.Slice(start, length), _owner);
    }

    /// <summary>The same bars under another symbol name.</summary>
    public BarSeries WithSymbol(string symbol) => new(symbol, Timeframe, _time, _open, _high, _low, _close, _volume, _owner);

    /// <summary>
    /// Releases the memory mapping behind a series read from an uncompressed Arrow IPC file, shared with its slices and
    /// renamed copies; does nothing for any other series. Spans and arrays taken from a mapped series must not be used
    /// afterwards.
    /// </summary>
    public void Dispose() => _owner?.Dispose();

    /// <summary>The same bars, whose buffers live in memory that <paramref name="owner"/> releases on <see cref="Dispose"/>.</summary>
    internal BarSeries WithOwner(IDisposable owner) => new(Symbol, Timeframe, _time, _open, _high, _low, _close, _volume, owner);

    internal static long DateTimeToMs(DateTime dt)
    {
        var utc = dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : DateTime.SpecifyKind(dt, DateTimeKind.Utc);
        return (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
    }

    private static IArrowArray FindColumn(RecordBatch batch, string source, string name, params string[] aliases)
    {
        var fields = batch.Schema.FieldsList;
        for (int i = 0; i < fields.Count; i++)
        {
            var f = fields[i].Name;
            if (string.Equals(f, name, StringComparison.OrdinalIgnoreCase) ||
                System.Array.Exists(aliases, a => string.Equals(f, a, StringComparison.OrdinalIgnoreCase)))
                return batch.Column(i);
        }
        throw new BarDataException(source, 0, name, "the column is missing.");
    }

    private static BarSeries Create(string symbol, Timeframe? timeframe, TimestampArray time, DoubleArray open, DoubleArray high,
        DoubleArray low, DoubleArray close, DoubleArray volume, bool validate, string source)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        if (validate)
            BarValidator.ThrowIfInvalid(source, time.Values, open.Values, high.Values, low.Values, close.Values, volume.Values);
        var tf = timeframe ?? Timeframe.Infer(time.Values) ?? Timeframe.M1;
        return new BarSeries(symbol, tf, time, open, high, low, close, volume);
    }
}
