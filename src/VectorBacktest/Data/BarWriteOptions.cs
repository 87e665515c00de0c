namespace VectorBacktest.Data;

/// <summary>How <see cref="BarFile.Write"/> writes a series.</summary>
public sealed record BarWriteOptions
{
    /// <summary>
    /// Column compression of Arrow IPC and Parquet files. Default: none for Arrow IPC (memory-mappable without a copy),
    /// Snappy for Parquet. CSV is compressed by giving the file the extension <c>.csv.gz</c> instead.
    /// </summary>
    public BarCompression? Compression { get; init; }

    internal static readonly BarWriteOptions Default = new();
}
