using VectorBacktest.Data.Readers;
using VectorBacktest.Data.Writers;

namespace VectorBacktest.Data;

/// <summary>
/// Reads and writes bar files, choosing the format by extension: <c>.csv</c> and <c>.csv.gz</c> (CSV),
/// <c>.arrow</c>, <c>.feather</c>, <c>.ipc</c>, <c>.arrows</c> (Arrow IPC), <c>.parquet</c> (Parquet).
/// </summary>
/// <remarks>
/// Reading validates every bar (<see cref="Validation.ValidationMode.Strict"/> by default) and reports gaps; see
/// <see cref="BarCsvReader"/>, <see cref="BarArrowReader"/>, <see cref="BarParquetReader"/> for the accepted layouts.
/// Writing is atomic: a temporary file in the same folder is renamed over the target once complete, so a crash or an
/// exception never leaves a partial file and never destroys an existing one.
/// </remarks>
public static class BarFile
{
    /// <summary>Reads the bars of a file.</summary>
    /// <param name="path">The file; its extension selects the format.</param>
    /// <param name="options">Symbol, timeframe, validation mode; default: symbol from the file, inferred timeframe, strict.</param>
    /// <exception cref="ArgumentException">The extension is not a known format.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="BarDataException">The content is malformed or holds invalid bars; names the file, 1-based data row and column.</exception>
    public static BarSeries Read(string path, BarReadOptions? options = null) => Load(path, options).Series;

    /// <summary>Reads the bars of a file with the <see cref="Validation.ValidationReport"/>: what repair mode changed and the gaps.</summary>
    /// <inheritdoc cref="Read" path="/param"/>
    /// <exception cref="ArgumentException">The extension is not a known format.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="BarDataException">The content is malformed or holds invalid bars; names the file, 1-based data row and column.</exception>
    public static BarLoadResult Load(string path, BarReadOptions? options = null) => FormatOf(path) switch
    {
        BarFileFormat.Csv => BarCsvReader.Load(path, options),
        BarFileFormat.Arrow => BarArrowReader.Load(path, options),
        _ => BarParquetReader.Load(path, options),
    };

    /// <summary>Writes <paramref name="series"/> to <paramref name="path"/> atomically, in the format its extension names.</summary>
    /// <param name="series">The bars.</param>
    /// <param name="path">The target file; replaced if it exists, its folder created if needed.</param>
    /// <param name="options">Compression of Arrow and Parquet files (CSV is compressed by the <c>.csv.gz</c> extension).</param>
    /// <exception cref="ArgumentException">The extension is not a known format, or the compression does not apply to it.</exception>
    public static void Write(BarSeries series, string path, BarWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var compression = (options ?? BarWriteOptions.Default).Compression;
        switch (FormatOf(path))
        {
            case BarFileFormat.Csv:
                if (compression is not null)
                    throw new ArgumentException("CSV takes no compression option; name the file .csv.gz to gzip it.", nameof(options));
                BarCsvWriter.Write(series, path);
                break;
            case BarFileFormat.Arrow:
                BarArrowWriter.Write(series, path, compression ?? BarCompression.None);
                break;
            default:
                BarParquetWriter.Write(series, path, compression ?? BarCompression.Snappy);
                break;
        }
    }

    private enum BarFileFormat { Csv, Arrow, Parquet }

    private static BarFileFormat FormatOf(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var name = Path.GetFileName(path).ToLowerInvariant();
        if (name.EndsWith(".csv") || name.EndsWith(".csv.gz")) return BarFileFormat.Csv;
        if (name.EndsWith(".arrow") || name.EndsWith(".feather") || name.EndsWith(".ipc") || name.EndsWith(".arrows")) return BarFileFormat.Arrow;
        if (name.EndsWith(".parquet")) return BarFileFormat.Parquet;
        throw new ArgumentException(
            $"'{path}' has no known bar file extension: use .csv, .csv.gz, .arrow, .feather, .ipc, .arrows or .parquet.", nameof(path));
    }
}
