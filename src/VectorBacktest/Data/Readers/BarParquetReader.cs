using Parquet;
using Parquet.Schema;
using VectorBacktest.Data.Validation;

namespace VectorBacktest.Data.Readers;

/// <summary>
/// Reads bars from Parquet.
/// </summary>
/// <remarks>
/// Columns: a time column (named <c>time</c>, <c>timestamp</c>, <c>date</c>, <c>datetime</c>, <c>open_time</c> or
/// <c>open time</c>) holding timestamps (any unit; a naive one is taken as UTC) or int64 epoch milliseconds; and
/// <c>open</c>, <c>high</c>, <c>low</c>, <c>close</c>, <c>volume</c> as double, float, int32, int64 or decimal. Names
/// are case-insensitive, other columns ignored, nulls rejected. Symbol and timeframe come from the key-value metadata
/// written by <see cref="Writers.BarParquetWriter"/> when present. Rows are 1-based over all row groups.
/// </remarks>
public static class BarParquetReader
{
    private static readonly string[] TimeAliases = ["time", "timestamp", "date", "datetime", "open_time", "open time"];

    /// <summary>Reads a file; see <see cref="Load(string, BarReadOptions?)"/>.</summary>
    /// <exception cref="BarDataException">The file is not Parquet, a column is missing, or the bars are invalid (strict mode).</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static BarSeries Read(string path, BarReadOptions? options = null) => Load(path, options).Series;

    /// <summary>Reads a file and reports what validation found.</summary>
    /// <exception cref="BarDataException">The file is not Parquet, a column is missing, null or of the wrong type, or a
    /// bar breaks an invariant (strict mode). Names the file, row and column.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static BarLoadResult Load(string path, BarReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Load(file, path, options);
    }

    /// <summary>Reads Parquet from a seekable stream; <paramref name="source"/> names it in messages and gives the default symbol.</summary>
    /// <exception cref="BarDataException">See <see cref="Load(string, BarReadOptions?)"/>.</exception>
    public static BarLoadResult Load(Stream stream, string source, BarReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        options ??= BarReadOptions.Default;
        // Parquet.Net is asynchronous only; running it on the pool keeps a caller's synchronization context out of it.
        var (table, metadata) = Task.Run(() => ReadAsync(stream, source)).GetAwaiter().GetResult();
        var symbol = options.SymbolFor(source, metadata.GetValueOrDefault(BarSeries.MetadataSymbol));
        var timeframe = options.Timeframe
            ?? (Timeframe.TryParse(metadata.GetValueOrDefault(BarSeries.MetadataTimeframe), out var stored) ? stored : null);
        return BarArrowReader.Validate(table, source, symbol, timeframe, options.Mode);
    }

    private static async Task<(BarTable, Dictionary<string, string>)> ReadAsync(Stream stream, string source)
    {
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ParquetException or InvalidDataException or NotSupportedException)
        {
            throw new BarDataException(source, 0, null, $"the file is not a readable Parquet file ({e.Message}).", e);
        }
        await using (reader.ConfigureAwait(false))
        {
            var fields = reader.Schema.DataFields;
            var time = Find(fields, source, BarColumns.Time, TimeAliases);
            var values = new DataField[BarColumns.Values.Length];
            for (int c = 0; c < values.Length; c++) values[c] = Find(fields, source, BarColumns.Values[c], [BarColumns.Values[c]]);

            long total = 0;
            for (int g = 0; g < reader.RowGroupCount; g++) total += reader.RowGroups[g].RowCount;
            if (total > int.MaxValue) throw new BarDataException(source, 0, null, $"the file holds {total} rows; a series holds at most {int.MaxValue}.");
            var table = new BarTable((int)total, trackRows: false);
            var columns = new[] { table.Open, table.High, table.Low, table.Close, table.Volume };
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                int n = (int)group.RowCount, at = table.Count;
                await ReadTime(group, time, table.Time.AsMemory(at, n), source, at).ConfigureAwait(false);
                for (int c = 0; c < values.Length; c++)
                    await ReadNumbers(group, values[c], columns[c].AsMemory(at, n), source, at).ConfigureAwait(false);
                table.Count = at + n;
            }
            return (table, reader.CustomMetadata ?? []);
        }
    }

    private static DataField Find(DataField[] fields, string source, string canonical, string[] names)
    {
        foreach (var name in names)
            foreach (var f in fields)
                if (string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)) return f;
        var present = string.Join(", ", Array.ConvertAll(fields, f => f.Name));
        throw new BarDataException(source, 0, canonical, $"the column is missing (the file has: {present}).");
    }

    private static async Task ReadTime(ParquetRowGroupReader group, DataField field, Memory<long> destination, string source, int firstRow)
    {
        if (field.ClrType == typeof(DateTime))
            await ReadConverted<DateTime, long>(group, field, destination, source, firstRow, BarSeries.DateTimeToMs).ConfigureAwait(false);
        else if (field.ClrType == typeof(long))
            await ReadConverted<long, long>(group, field, destination, source, firstRow, static v => v).ConfigureAwait(false);
        else
            throw new BarDataException(source, 0, BarColumns.Time,
                $"the time column '{field.Name}' holds {field.ClrType.Name}; expected a timestamp or int64 epoch milliseconds.");
    }

    private static Task ReadNumbers(ParquetRowGroupReader group, DataField field, Memory<double> destination, string source, int firstRow)
    {
        var type = field.ClrType;
        if (type == typeof(double)) return ReadConverted<double, double>(group, field, destination, source, firstRow, static v => v);
        if (type == typeof(float)) return ReadConverted<float, double>(group, field, destination, source, firstRow, static v => v);
        if (type == typeof(long)) return ReadConverted<long, double>(group, field, destination, source, firstRow, static v => v);
        if (type == typeof(int)) return ReadConverted<int, double>(group, field, destination, source, firstRow, static v => v);
        if (type == typeof(decimal)) return ReadConverted<decimal, double>(group, field, destination, source, firstRow, static v => (double)v);
        throw new BarDataException(source, 0, field.Name, $"the column holds {type.Name}; expected a number.");
    }

    private static async Task ReadConverted<TIn, TOut>(ParquetRowGroupReader group, DataField field, Memory<TOut> destination,
        string source, int firstRow, Func<TIn, TOut> convert) where TIn : struct
    {
        int n = destination.Length;
        if (!field.IsNullable)
        {
            if (typeof(TIn) == typeof(TOut) && destination is Memory<TIn> same)
            {
                await group.ReadAsync(field, same).ConfigureAwait(false);
                return;
            }
            var plain = new TIn[n];
            await group.ReadAsync(field, plain.AsMemory()).ConfigureAwait(false);
            var span = destination.Span;
            for (int i = 0; i < n; i++) span[i] = convert(plain[i]);
            return;
        }
        var nullable = new TIn?[n];
        await group.ReadAsync(field, nullable.AsMemory()).ConfigureAwait(false);
        var target = destination.Span;
        for (int i = 0; i < n; i++)
            target[i] = nullable[i] is { } v ? convert(v) : throw new BarDataException(source, firstRow + i + 1, field.Name, "the value is missing.");
    }
}
