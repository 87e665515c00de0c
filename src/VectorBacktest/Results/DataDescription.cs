using System.Runtime.InteropServices;
using System.Security.Cryptography;
using VectorBacktest.Data;

namespace VectorBacktest.Results;

/// <summary>Which bars a run used: where they came from, a content hash, and the simulated series' shape.</summary>
/// <param name="Source">Where the bars came from: a file path, or a free description (e.g. <c>"in-memory"</c>).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the input file (<see cref="HashFile"/>) or, for bars that never were a
/// file, of the bars' bytes (<see cref="HashBars"/>).</param>
/// <param name="Symbol">The series' symbol.</param>
/// <param name="Timeframe">Timeframe of the simulated bars (e.g. <c>"15m"</c>).</param>
/// <param name="ResampledFrom">Timeframe of the input when the run resampled it, else null.</param>
/// <param name="Bars">Number of simulated bars.</param>
/// <param name="FirstBarTime">Open time of the first simulated bar, epoch ms UTC (0 when there are none).</param>
/// <param name="LastBarTime">Open time of the last simulated bar, epoch ms UTC (0 when there are none).</param>
public sealed record DataDescription(string Source, string Sha256, string Symbol, string Timeframe, string? ResampledFrom,
    int Bars, long FirstBarTime, long LastBarTime)
{
    /// <summary>Describes <paramref name="bars"/> (the simulated series) read from <paramref name="source"/> whose hash is <paramref name="sha256"/>.</summary>
    /// <param name="bars">The simulated bars.</param>
    /// <param name="source">Where they came from.</param>
    /// <param name="sha256">Hash of the source (<see cref="HashFile"/> or <see cref="HashBars"/>).</param>
    /// <param name="resampledFrom">The input's timeframe when it was resampled, else null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DataDescription Of(BarSeries bars, string source, string sha256, Data.Timeframe? resampledFrom = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sha256);
        int n = bars.Length;
        return new DataDescription(source, sha256, bars.Symbol, bars.Timeframe.ToString(), resampledFrom?.ToString(), n,
            n == 0 ? 0 : bars.Time[0], n == 0 ? 0 : bars.Time[n - 1]);
    }

    /// <summary>Describes in-memory bars, hashed with <see cref="HashBars"/>.</summary>
    /// <param name="bars">The bars.</param>
    /// <param name="source">A description of where they came from.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DataDescription Of(BarSeries bars, string source = "in-memory") => Of(bars, source, HashBars(bars));

    /// <summary>Lower-case hex SHA-256 of a file's bytes.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static string HashFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// Lower-case hex SHA-256 of the bars' columns as little-endian bytes in the order time (int64 epoch ms), open, high,
    /// low, close, volume (float64), each column whole before the next; symbol and timeframe are not included.
    /// </summary>
    /// <param name="bars">The bars.</param>
    /// <exception cref="ArgumentNullException"><paramref name="bars"/> is null.</exception>
    public static string HashBars(BarSeries bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Bar hashing assumes a little-endian machine.");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(MemoryMarshal.AsBytes(bars.Time));
        hash.AppendData(MemoryMarshal.AsBytes(bars.Open));
        hash.AppendData(MemoryMarshal.AsBytes(bars.High));
        hash.AppendData(MemoryMarshal.AsBytes(bars.Low));
        hash.AppendData(MemoryMarshal.AsBytes(bars.Close));
        hash.AppendData(MemoryMarshal.AsBytes(bars.Volume));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
