using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;
using VectorBacktest.Data.Validation;

namespace VectorBacktest.Data.Readers;

/// <summary>
/// Reads bars from an Arrow IPC file (Feather v2) or stream by memory-mapping it.
/// </summary>
/// <remarks>
/// <para>Columns: <c>time</c> (timestamp of any unit or int64 epoch milliseconds; also named <c>timestamp</c>,
/// <c>open_time</c>, <c>date</c>, <c>datetime</c>), <c>open</c>, <c>high</c>, <c>low</c>, <c>close</c>, <c>volume</c>
/// (any numeric type), names case-insensitive. Symbol and timeframe come from the schema metadata written by
/// <see cref="Writers.BarArrowWriter"/> when present.</para>
/// <para><b>Zero copy.</b> A file with one uncompressed record batch whose time column is timestamp[ms] and whose
/// price columns are float64 without nulls is read in place: the series' spans point into the mapped file, which
/// stays mapped until <see cref="BarSeries.Dispose"/> (or process exit). Compressed files (LZ4, Zstd), several
/// record batches, other column types and repair mode copy the data, and release the mapping before returning.
/// Replace a file that may be mapped by renaming a new one over it (as every writer here does), never by rewriting
/// it in place: the operating system faults a process that reads a mapped page the file no longer has.</para>
/// </remarks>
public static class BarArrowReader
{
    private static readonly CompressionCodecFactory Codecs = new();

    /// <summary>Reads a file; see <see cref="Load"/>.</summary>
    /// <exception cref="BarDataException">The file is not Arrow IPC, a column is missing, or the bars are invalid (strict mode).</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static BarSeries Read(string path, BarReadOptions? options = null) => Load(path, options).Series;

    /// <summary>Reads a file and reports what validation found.</summary>
    /// <param name="path">An Arrow IPC file (<c>.arrow</c>, <c>.feather</c>) or stream (<c>.arrows</c>, often <c>.ipc</c>).</param>
    /// <param name="options">Symbol, timeframe and validation mode; defaults to strict.</param>
    /// <exception cref="BarDataException">The file is not Arrow IPC, a column is missing or of the wrong type, or a bar
    /// breaks an invariant (strict mode). Rows are 1-based over all record batches.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static BarLoadResult Load(string path, BarReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= BarReadOptions.Default;
        var mapped = MappedFileMemory.Open(path);
        bool keepMapping = false;
        try
        {
            var (result, inPlace) = LoadMapped(mapped.Memory, path, options);
            if (!inPlace) return result;
            keepMapping = true;
            return result with { Series = result.Series.WithOwner(mapped) };
        }
        finally
        {
            if (!keepMapping) ((IDisposable)mapped).Dispose();
        }
    }

    private static (BarLoadResult Result, bool UsesMapping) LoadMapped(ReadOnlyMemory<byte> file, string path, BarReadOptions options)
    {
        var batches = new List<RecordBatch>();
        Schema schema;
        try
        {
            using var reader = new ArrowStreamReader(IpcStream(file, path), Codecs);
            while (reader.ReadNextRecordBatch() is { } batch) batches.Add(batch);
            schema = reader.Schema ?? throw new BarDataException(path, 0, null, "the file holds no Arrow schema.");
        }
        catch (Exception e) when (e is not BarDataException)
        {
            throw new BarDataException(path, 0, null, $"the file is not a readable Arrow IPC file ({e.GetType().Name}: {e.Message}).", e);
        }

        var symbol = options.SymbolFor(path, schema.Metadata?.GetValueOrDefault(BarSeries.MetadataSymbol));
        var timeframe = options.Timeframe
            ?? (Timeframe.TryParse(schema.Metadata?.GetValueOrDefault(BarSeries.MetadataTimeframe), out var stored) ? stored : null);

        if (batches.Count == 1 && options.Mode == ValidationMode.Strict)
        {
            var series = BarSeries.FromRecordBatch(batches[0], symbol, timeframe, validate: true, source: path);
            return (BarLoadResult.Create(series, path, options.Mode, series.Length, null), UsesMapping(series));
        }

        long total = 0;
        foreach (var b in batches) total += b.Length;
        if (total > int.MaxValue) throw new BarDataException(path, 0, null, $"the file holds {total} rows; a series holds at most {int.MaxValue}.");
        var table = new BarTable((int)total, trackRows: false);
        foreach (var batch in batches)
        {
            var part = BarSeries.FromRecordBatch(batch, symbol, Timeframe.M1, validate: false, source: path);
            part.Time.CopyTo(table.Time.AsSpan(table.Count));
            part.Open.CopyTo(table.Open.AsSpan(table.Count));
            part.High.CopyTo(table.High.AsSpan(table.Count));
            part.Low.CopyTo(table.Low.AsSpan(table.Count));
            part.Close.CopyTo(table.Close.AsSpan(table.Count));
            part.Volume.CopyTo(table.Volume.AsSpan(table.Count));
            table.Count += part.Length;
        }
        return (Validate(table, path, symbol, timeframe, options.Mode), false);
    }

    /// <summary>Validates copied columns by <paramref name="mode"/> and makes the series (shared with the Parquet reader).</summary>
    internal static BarLoadResult Validate(BarTable table, string path, string symbol, Timeframe? timeframe, ValidationMode mode)
    {
        int rows = table.Count;
        List<ValidationChange>? changes = null;
        if (mode == ValidationMode.Strict)
        {
            BarValidator.ThrowIfInvalid(path, table.Time.AsSpan(0, rows), table.Open.AsSpan(0, rows), table.High.AsSpan(0, rows),
                table.Low.AsSpan(0, rows), table.Close.AsSpan(0, rows), table.Volume.AsSpan(0, rows));
        }
        else
        {
            changes = [];
            table.TrackRows();
            BarRepair.DropInvalid(table, changes);
            BarRepair.SortAndDeduplicate(table, path, changes);
        }
        return BarLoadResult.Create(table.ToSeries(symbol, timeframe), path, mode, rows, changes);
    }

    /// <summary>
    /// The IPC stream inside the file: a file is <c>ARROW1</c>, padding, the stream, the footer, the footer's length and
    /// <c>ARROW1</c> again; anything else is taken as a bare stream. Reading the stream part directly lets the reader
    /// work on the mapped memory (the file reader of Apache.Arrow only takes a <see cref="Stream"/>, which copies).
    /// </summary>
    private static ReadOnlyMemory<byte> IpcStream(ReadOnlyMemory<byte> file, string path)
    {
        var bytes = file.Span;
        if (!bytes.StartsWith("ARROW1"u8)) return file;
        if (bytes.Length < 8 + 10 || !bytes.EndsWith("ARROW1"u8))
            throw new BarDataException(path, 0, null, "the Arrow IPC file is truncated (no closing magic bytes).");
        int footer = BinaryPrimitives.ReadInt32LittleEndian(bytes[^10..]);
        int end = bytes.Length - 10 - footer;
        if (footer < 0 || end < 8)
            throw new BarDataException(path, 0, null, "the Arrow IPC file has a corrupt footer length.");
        return file[8..end];
    }

    private static bool UsesMapping(BarSeries series)
    {
        foreach (var memory in new[]
                 {
                     series.TimeArray.ValueBuffer.Memory, series.OpenArray.ValueBuffer.Memory, series.HighArray.ValueBuffer.Memory,
                     series.LowArray.ValueBuffer.Memory, series.CloseArray.ValueBuffer.Memory, series.VolumeArray.ValueBuffer.Memory,
                 })
            if (MemoryMarshal.TryGetMemoryManager<byte, MappedFileMemory>(memory, out _)) return true;
        return false;
    }
}
