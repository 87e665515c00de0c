namespace VectorBacktest.Data;

/// <summary>Compression of the column data written to Arrow IPC and Parquet files.</summary>
public enum BarCompression
{
    /// <summary>Uncompressed. For Arrow IPC this keeps the file memory-mappable without copying.</summary>
    None,

    /// <summary>LZ4 (Arrow: LZ4 frame; Parquet: LZ4_RAW).</summary>
    Lz4,

    /// <summary>Zstandard.</summary>
    Zstd,

    /// <summary>Snappy (Parquet only; Arrow IPC does not define it).</summary>
    Snappy,
}
