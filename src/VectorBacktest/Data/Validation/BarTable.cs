using Apache.Arrow;
using Array = System.Array;

namespace VectorBacktest.Data.Validation;

/// <summary>
/// Growable bar columns that readers fill row by row, with each row's 1-based source row number when repair
/// mode needs it for its report. Becomes a <see cref="BarSeries"/> without copying.
/// </summary>
internal sealed class BarTable
{
    public long[] Time;
    public double[] Open, High, Low, Close, Volume;
    public int[]? Rows;
    public int Count;

    public BarTable(int capacity, bool trackRows)
    {
        capacity = Math.Max(capacity, 16);
        Time = new long[capacity];
        Open = new double[capacity];
        High = new double[capacity];
        Low = new double[capacity];
        Close = new double[capacity];
        Volume = new double[capacity];
        if (trackRows) Rows = new int[capacity];
    }

    /// <summary>Starts recording source rows (numbered <c>index + 1</c> so far), before rows get dropped or moved.</summary>
    public void TrackRows()
    {
        if (Rows is not null) return;
        Rows = new int[Time.Length];
        for (int i = 0; i < Count; i++) Rows[i] = i + 1;
    }

    /// <summary>The source row of bar <paramref name="index"/>: its recorded row number, else <c>index + 1</c>.</summary>
    public long RowOf(int index) => Rows is null ? index + 1 : Rows[index];

    public void Add(long time, double open, double high, double low, double close, double volume, int row)
    {
        int i = Count;
        if (i == Time.Length) Grow();
        Time[i] = time;
        Open[i] = open;
        High[i] = high;
        Low[i] = low;
        Close[i] = close;
        Volume[i] = volume;
        if (Rows is not null) Rows[i] = row;
        Count = i + 1;
    }

    /// <summary>Copies row <paramref name="from"/> over row <paramref name="to"/> (compaction, <c>to ≤ from</c>).</summary>
    public void Move(int from, int to)
    {
        Time[to] = Time[from];
        Open[to] = Open[from];
        High[to] = High[from];
        Low[to] = Low[from];
        Close[to] = Close[from];
        Volume[to] = Volume[from];
        if (Rows is not null) Rows[to] = Rows[from];
    }

    /// <summary>Reorders the first <see cref="Count"/> rows so that row <c>k</c> becomes old row <c>order[k]</c>.</summary>
    public void Permute(int[] order)
    {
        Time = Gather(Time, order);
        Open = Gather(Open, order);
        High = Gather(High, order);
        Low = Gather(Low, order);
        Close = Gather(Close, order);
        Volume = Gather(Volume, order);
        if (Rows is not null) Rows = Gather(Rows, order);
    }

    /// <summary>The first <see cref="Count"/> rows as a series, sharing the arrays (no copy, no validation).</summary>
    public BarSeries ToSeries(string symbol, Timeframe? timeframe)
    {
        int n = Count;
        var tf = timeframe ?? Timeframe.Infer(Time.AsSpan(0, n)) ?? Timeframe.M1;
        var batch = new RecordBatch(BarSeries.Schema(symbol, tf),
        [
            ArrowBuffers.WrapTime(Time, n), ArrowBuffers.Wrap(Open, n), ArrowBuffers.Wrap(High, n),
            ArrowBuffers.Wrap(Low, n), ArrowBuffers.Wrap(Close, n), ArrowBuffers.Wrap(Volume, n),
        ], n);
        return BarSeries.FromRecordBatch(batch, symbol, tf, validate: false);
    }

    private void Grow()
    {
        int size = checked(Time.Length * 2);
        Array.Resize(ref Time, size);
        Array.Resize(ref Open, size);
        Array.Resize(ref High, size);
        Array.Resize(ref Low, size);
        Array.Resize(ref Close, size);
        Array.Resize(ref Volume, size);
        if (Rows is not null) Array.Resize(ref Rows, size);
    }

    private T[] Gather<T>(T[] values, int[] order)
    {
        var result = new T[Math.Max(Count, 16)];
        for (int k = 0; k < Count; k++) result[k] = values[order[k]];
        return result;
    }
}
