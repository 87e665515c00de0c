using System.Globalization;
using System.IO.Compression;
using VectorBacktest.Data.Readers;

namespace VectorBacktest.Data.Writers;

/// <summary>
/// Writes bars as CSV that reads back bit for bit: header <c>time,open,high,low,close,volume</c>, time as ISO-8601 UTC
/// with milliseconds (<c>2024-01-01T00:00:00.000Z</c>), numbers in the shortest text that round-trips (<c>"R"</c>),
/// LF line ends, UTF-8 without byte-order mark.
/// </summary>
public static class BarCsvWriter
{
    private static ReadOnlySpan<byte> Header => "time,open,high,low,close,volume\n"u8;

    /// <summary>Writes the CSV text to <paramref name="stream"/> (left open).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A time lies outside the years 0000–9999.</exception>
    public static void Write(BarSeries series, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new byte[1 << 16];
        const int MaxRow = Utf8Timestamp.FormattedLength + 5 * 33;
        Header.CopyTo(buffer);
        int used = Header.Length;
        var time = series.Time;
        var columns = new[] { series.OpenArray, series.HighArray, series.LowArray, series.CloseArray, series.VolumeArray };
        for (int i = 0; i < time.Length; i++)
        {
            if (buffer.Length - used < MaxRow)
            {
                stream.Write(buffer, 0, used);
                used = 0;
            }
            if (!Utf8Timestamp.TryFormat(time[i], buffer.AsSpan(used)))
                throw new ArgumentOutOfRangeException(nameof(series), $"Bar {i} has time {time[i]} ms, outside the years 0000-9999 that ISO-8601 text can hold.");
            used += Utf8Timestamp.FormattedLength;
            foreach (var column in columns)
            {
                buffer[used++] = (byte)',';
                column.Values[i].TryFormat(buffer.AsSpan(used), out int written, "R", CultureInfo.InvariantCulture);
                used += written;
            }
            buffer[used++] = (byte)'\n';
        }
        stream.Write(buffer, 0, used);
    }

    /// <summary>Writes <paramref name="path"/> atomically; gzip-compressed when the name ends in <c>.gz</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A time lies outside the years 0000–9999.</exception>
    public static void Write(BarSeries series, string path)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentException.ThrowIfNullOrEmpty(path);
        bool gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        AtomicFile.Write(path, stream =>
        {
            if (!gzip)
            {
                Write(series, stream);
                return;
            }
            using var zip = new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true);
            Write(series, zip);
        });
    }
}
