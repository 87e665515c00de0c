using Parquet;
using Parquet.Schema;

namespace VectorBacktest.Data.Writers;

/// <summary>
/// Writes bars as Parquet: <c>time</c> as a UTC timestamp in milliseconds (INT64), <c>open</c>, <c>high</c>, <c>low</c>,
/// <c>close</c>, <c>volume</c> as required doubles; symbol and timeframe as key-value metadata
/// (<see cref="BarSeries.MetadataSymbol"/>, <see cref="BarSeries.MetadataTimeframe"/>). Row groups of 1,048,576 bars.
/// </summary>
public static class BarParquetWriter
{
    private const int RowGroupBars = 1 << 20;

    /// <summary>Writes the file content to <paramref name="stream"/> (left open).</summary>
    /// <param name="series">The bars.</param>
    /// <param name="stream">Where to write; must be seekable.</param>
    /// <param name="compression">Column compression; default Snappy.</param>
    public static void Write(BarSeries series, Stream stream, BarCompression compression = BarCompression.Snappy)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(stream);
        var method = compression switch
        {
            BarCompression.None => CompressionMethod.None,
            BarCompression.Lz4 => CompressionMethod.Lz4Raw,
            BarCompression.Zstd => CompressionMethod.Zstd,
            BarCompression.Snappy => CompressionMethod.Snappy,
            _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, "Unknown compression."),
        };
        // Parquet.Net is asynchronous only; running it on the pool keeps a caller's synchronization context out of it.
        Task.Run(() => WriteAsync(series, stream, method)).GetAwaiter().GetResult();
    }

    /// <summary>Writes <paramref name="path"/> atomically; see <see cref="Write(BarSeries, Stream, BarCompression)"/>.</summary>
    public static void Write(BarSeries series, string path, BarCompression compression = BarCompression.Snappy)
    {
        ArgumentNullException.ThrowIfNull(series);
        AtomicFile.Write(path, stream => Write(series, stream, compression));
    }

    private static async Task WriteAsync(BarSeries series, Stream stream, CompressionMethod method)
    {
        var time = new DateTimeDataField(BarColumns.Time, DateTimeFormat.Timestamp, true, DateTimeTimeUnit.Millis, false);
        var values = new DataField<double>[BarColumns.Values.Length];
        for (int c = 0; c < values.Length; c++) values[c] = new DataField<double>(BarColumns.Values[c], false);
        var schema = new ParquetSchema([time, .. values]);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, new ParquetOptions { CompressionMethod = method }).ConfigureAwait(false);
        writer.CustomMetadata = new Dictionary<string, string>
        {
            [BarSeries.MetadataSymbol] = series.Symbol,
            [BarSeries.MetadataTimeframe] = series.Timeframe.ToString(),
        };
        var arrays = new[] { series.OpenArray, series.HighArray, series.LowArray, series.CloseArray, series.VolumeArray };
        for (int start = 0; start < series.Length || start == 0; start += RowGroupBars)
        {
            int n = Math.Min(RowGroupBars, series.Length - start);
            using var group = writer.CreateRowGroup();
            var times = new DateTime[n];
            var ms = series.Time.Slice(start, n);
            for (int i = 0; i < n; i++) times[i] = new DateTime(DateTime.UnixEpoch.Ticks + ms[i] * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
            await group.WriteAsync<DateTime>(time, times.AsMemory()).ConfigureAwait(false);
            for (int c = 0; c < values.Length; c++)
                await group.WriteAsync<double>(values[c], arrays[c].Values.Slice(start, n).ToArray().AsMemory()).ConfigureAwait(false);
            if (series.Length == 0) break;
        }
    }
}
