using System.IO.Compression;

namespace VectorBacktest.Data.Readers;

/// <summary>
/// Reads OHLCV bars from CSV (UTF-8, optionally gzip-compressed).
/// </summary>
/// <remarks>
/// <para><b>Layout.</b> A header row names the columns (case-insensitive, any order, extra columns ignored):
/// <c>open</c>, <c>high</c>, <c>low</c>, <c>close</c>, <c>volume</c> and a time column called <c>time</c>,
/// <c>timestamp</c>, <c>date</c>, <c>datetime</c>, <c>open_time</c> or <c>open time</c>. A file whose first field is a
/// timestamp has no header and is read positionally as time, open, high, low, close, volume (extra columns ignored),
/// which is the Binance kline layout (open time, open, high, low, close, volume, close time, quote volume, trades,
/// taker buy base, taker buy quote, ignore).</para>
/// <para><b>Time.</b> The bar open time, as ISO-8601 (<c>2024-01-01T00:00:00Z</c>, with an offset, without a zone
/// meaning UTC, or a date alone) or as an integer epoch timestamp whose unit (seconds, milliseconds, microseconds,
/// nanoseconds) is told by the first row's magnitude and must be the same on every row.</para>
/// <para><b>Tolerated.</b> CRLF line ends, a UTF-8 byte-order mark, quoted fields, spaces around fields, blank lines
/// (they still count as rows for the row numbers in messages), gzip compression (detected from the content).</para>
/// <para><b>Rows.</b> Row numbers in errors and reports are 1-based data rows, the header excluded.</para>
/// </remarks>
public static class BarCsvReader
{
    /// <summary>Reads a file; see <see cref="Load(string, BarReadOptions?)"/>.</summary>
    /// <exception cref="BarDataException">The file is malformed or holds invalid bars (strict mode).</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static BarSeries Read(string path, BarReadOptions? options = null) => Load(path, options).Series;

    /// <summary>Reads a file and reports what validation found.</summary>
    /// <param name="path">The CSV or gzip-compressed CSV file.</param>
    /// <param name="options">Symbol, timeframe and validation mode; defaults to strict.</param>
    /// <exception cref="BarDataException">A column is missing, a field cannot be parsed, or a row breaks a bar
    /// invariant (strict mode); a timestamp repeats with different values (both modes). Names the file, row and column.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static BarLoadResult Load(string path, BarReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[2];
        bool gzip = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        if (!gzip) return new CsvBarParser(path, options ?? BarReadOptions.Default, file.Length).Parse(file);
        using var unzipped = new GZipStream(file, CompressionMode.Decompress);
        return new CsvBarParser(path, options ?? BarReadOptions.Default, -1).Parse(unzipped);
    }

    /// <summary>Reads CSV bytes from a stream (not decompressed); <paramref name="source"/> names it in messages and
    /// gives the default symbol.</summary>
    /// <exception cref="BarDataException">See <see cref="Load(string, BarReadOptions?)"/>.</exception>
    public static BarLoadResult Load(Stream stream, string source, BarReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        return new CsvBarParser(source, options ?? BarReadOptions.Default, stream.CanSeek ? stream.Length - stream.Position : -1).Parse(stream);
    }
}
