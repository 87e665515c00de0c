using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using FsCheck.Xunit;
using VectorBacktest.Data;
using VectorBacktest.Data.Readers;
using VectorBacktest.Data.Writers;

namespace VectorBacktest.Tests.Data.Io;

public class RoundTripTests
{
    private static void RoundTrip(int seed, byte size, string extension, BarCompression? compression, bool keepsMetadata)
    {
        var series = RandomBars.Generate(seed, size);
        using var folder = new TempFolder();
        var path = folder.File("bars" + extension);
        BarFile.Write(series, path, new BarWriteOptions { Compression = compression });
        var options = keepsMetadata ? null : new BarReadOptions { Symbol = series.Symbol, Timeframe = series.Timeframe };
        using var back = BarFile.Read(path, options);
        RandomBars.AssertSameBars(series, back);
        Assert.Equal(series.Symbol, back.Symbol);
        Assert.Equal(series.Timeframe, back.Timeframe);
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Property(MaxTest = 25)]
    public void Csv_round_trips_losslessly(int seed, byte size) => RoundTrip(seed, size, ".csv", null, keepsMetadata: false);

    [Property(MaxTest = 10)]
    public void Gzipped_csv_round_trips_losslessly(int seed, byte size) => RoundTrip(seed, size, ".csv.gz", null, keepsMetadata: false);

    [Property(MaxTest = 25)]
    public void Arrow_round_trips_losslessly(int seed, byte size) => RoundTrip(seed, size, ".arrow", null, keepsMetadata: true);

    [Property(MaxTest = 10)]
    public void Lz4_arrow_round_trips_losslessly(int seed, byte size) => RoundTrip(seed, size, ".arrow", BarCompression.Lz4, keepsMetadata: true);

    [Property(MaxTest = 10)]
    public void Zstd_arrow_round_trips_losslessly(int seed, byte size) => RoundTrip(seed, size, ".feather", BarCompression.Zstd, keepsMetadata: true);

    [Property(MaxTest = 15)]
    public void Parquet_round_trips_losslessly(int seed, byte size) => RoundTrip(seed, size, ".parquet", null, keepsMetadata: true);

    [Property(MaxTest = 5)]
    public void Zstd_parquet_round_trips_losslessly(int seed, byte size) => RoundTrip(seed, size, ".parquet", BarCompression.Zstd, keepsMetadata: true);

    [Fact]
    public void An_uncompressed_arrow_file_is_read_in_place_from_the_mapping_until_disposed()
    {
        var series = RandomBars.Generate(7, 100);
        using var folder = new TempFolder();
        var path = folder.File("bars.arrow");
        BarFile.Write(series, path);
        var back = BarFile.Read(path);
        Assert.True(MemoryMarshal.TryGetMemoryManager<byte, MappedFileMemory>(back.CloseArray.ValueBuffer.Memory, out var mapping));
        var slice = back.Slice(10, 5);
        Assert.Equal(series.Close[10], slice.Close[0]);
        back.Dispose();
        Assert.True(mapping!.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => slice.CloseArray.ValueBuffer.Span.Length);
    }

    [Fact]
    public void A_compressed_arrow_file_is_copied_and_holds_no_mapping()
    {
        // Arrow stores a buffer uncompressed (and so mappable) when compression does not shrink it; constant
        // columns and a regular clock always shrink.
        int n = 1000;
        var time = new long[n];
        for (int i = 0; i < n; i++) time[i] = i * 60_000L;
        double[] Constant(double v) => Enumerable.Repeat(v, n).ToArray();
        var series = BarSeries.FromArrays("C", Timeframe.M1, time, Constant(1), Constant(2), Constant(0.5), Constant(1.5), Constant(0));
        using var folder = new TempFolder();
        var path = folder.File("bars.arrow");
        BarFile.Write(series, path, new BarWriteOptions { Compression = BarCompression.Zstd });
        var back = BarFile.Read(path);
        foreach (var array in new IArrowArray[] { back.TimeArray, back.OpenArray, back.HighArray, back.LowArray, back.CloseArray, back.VolumeArray })
            Assert.False(MemoryMarshal.TryGetMemoryManager<byte, MappedFileMemory>(array.Data.Buffers[1].Memory, out _));
        RandomBars.AssertSameBars(series, back);
    }

    [Fact]
    public void Several_record_batches_are_concatenated_with_rows_numbered_across_them()
    {
        var series = RandomBars.Generate(9, 30);
        using var folder = new TempFolder();
        var path = folder.File("batches.arrow");
        WriteBatches(path, series.Slice(0, 10), series.Slice(10, 20));
        var back = BarFile.Read(path);
        RandomBars.AssertSameBars(series, back);

        var unsorted = folder.File("unsorted.arrow");
        WriteBatches(unsorted, series.Slice(10, 20), series.Slice(0, 10));
        var error = Assert.Throws<BarDataException>(() => BarFile.Read(unsorted));
        Assert.Equal(21, error.Row);
        Assert.Equal(BarColumns.Time, error.Column);
    }

    private static void WriteBatches(string path, params BarSeries[] parts)
    {
        using var stream = File.Create(path);
        using var writer = new ArrowFileWriter(stream, parts[0].ToRecordBatch().Schema);
        foreach (var part in parts) writer.WriteRecordBatch(Copy(part));
        writer.WriteEnd();
    }

    private static RecordBatch Copy(BarSeries s) =>
        BarSeries.FromArrays(s.Symbol, s.Timeframe, s.Time.ToArray(), s.Open.ToArray(), s.High.ToArray(), s.Low.ToArray(),
            s.Close.ToArray(), s.Volume.ToArray()).ToRecordBatch();

    [Fact]
    public void The_csv_writer_writes_iso_times_with_milliseconds_and_shortest_round_trip_numbers()
    {
        var s = BarSeries.FromArrays("X", Timeframe.M1, [1_700_000_000_123L], [0.1], [0.30000000000000004], [0.1], [0.2], [0]);
        using var stream = new MemoryStream();
        BarCsvWriter.Write(s, stream);
        Assert.Equal("time,open,high,low,close,volume\n2023-11-14T22:13:20.123Z,0.1,0.30000000000000004,0.1,0.2,0\n",
            System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Unknown_extensions_and_misplaced_options_are_rejected()
    {
        var s = RandomBars.Generate(1, 3);
        using var folder = new TempFolder();
        Assert.Throws<ArgumentException>(() => BarFile.Write(s, folder.File("bars.xlsx")));
        Assert.Throws<ArgumentException>(() => BarFile.Read(folder.File("bars.json")));
        Assert.Throws<ArgumentException>(() => BarFile.Write(s, folder.File("bars.csv"), new BarWriteOptions { Compression = BarCompression.Zstd }));
        Assert.Throws<ArgumentException>(() => BarFile.Write(s, folder.File("bars.arrow"), new BarWriteOptions { Compression = BarCompression.Snappy }));
        Assert.Empty(Directory.GetFiles(folder.Path));
    }
}
