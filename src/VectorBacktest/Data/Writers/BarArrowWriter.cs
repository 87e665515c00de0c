using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;

namespace VectorBacktest.Data.Writers;

/// <summary>
/// Writes bars as an Arrow IPC file (the Feather v2 format): one record batch with <c>time</c> timestamp[ms, UTC] and
/// the five float64 columns, symbol and timeframe in the schema metadata (see <see cref="BarSeries.Schema"/>).
/// </summary>
public static class BarArrowWriter
{
    /// <summary>Writes the file content to <paramref name="stream"/> (left open).</summary>
    /// <param name="series">The bars.</param>
    /// <param name="stream">Where to write.</param>
    /// <param name="compression">Buffer compression: none (default; memory-mappable without a copy), LZ4 frame or Zstandard.</param>
    /// <exception cref="ArgumentException"><paramref name="compression"/> is Snappy, which Arrow IPC does not define.</exception>
    public static void Write(BarSeries series, Stream stream, BarCompression compression = BarCompression.None)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(stream);
        var options = new IpcOptions();
        switch (compression)
        {
            case BarCompression.None:
                break;
            case BarCompression.Lz4:
                options.CompressionCodec = CompressionCodecType.Lz4Frame;
                options.CompressionCodecFactory = new CompressionCodecFactory();
                break;
            case BarCompression.Zstd:
                options.CompressionCodec = CompressionCodecType.Zstd;
                options.CompressionCodecFactory = new CompressionCodecFactory();
                break;
            default:
                throw new ArgumentException($"Arrow IPC files support no compression, LZ4 or Zstd, not {compression}.", nameof(compression));
        }
        var batch = series.ToRecordBatch();
        using var writer = new ArrowFileWriter(stream, batch.Schema, leaveOpen: true, options);
        writer.WriteRecordBatch(batch);
        writer.WriteEnd();
    }

    /// <summary>Writes <paramref name="path"/> atomically; see <see cref="Write(BarSeries, Stream, BarCompression)"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="compression"/> is Snappy.</exception>
    public static void Write(BarSeries series, string path, BarCompression compression = BarCompression.None)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (compression is not (BarCompression.None or BarCompression.Lz4 or BarCompression.Zstd))
            throw new ArgumentException($"Arrow IPC files support no compression, LZ4 or Zstd, not {compression}.", nameof(compression));
        AtomicFile.Write(path, stream => Write(series, stream, compression));
    }
}
