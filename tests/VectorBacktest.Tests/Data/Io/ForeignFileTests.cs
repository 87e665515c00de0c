using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Parquet;
using Parquet.Schema;
using VectorBacktest.Data;

namespace VectorBacktest.Tests.Data.Io;

/// <summary>Files written by other tools: other column types, names and time encodings.</summary>
public class ForeignFileTests
{
    private const long T0 = 1_704_067_200_000L;

    [Fact]
    public async Task Parquet_with_int64_epoch_milliseconds_and_mixed_numeric_types_is_read()
    {
        using var folder = new TempFolder();
        var path = folder.File("foreign.parquet");
        var time = new DataField<long>("Open_Time");
        var open = new DataField<float>("open");
        var high = new DataField<int>("HIGH");
        var low = new DecimalDataField("low", 18, 4);
        var close = new DataField<double?>("close");
        var volume = new DataField<long>("volume");
        await using (var stream = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(time, open, high, low, close, volume), stream);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<long>(time, new[] { T0, T0 + 60_000 }.AsMemory());
            await group.WriteAsync<float>(open, new[] { 1.5f, 2f }.AsMemory());
            await group.WriteAsync<int>(high, new[] { 3, 3 }.AsMemory());
            await group.WriteAsync<decimal>(low, new[] { 1.25m, 1.75m }.AsMemory());
            await group.WriteAsync<double>(close, new double?[] { 2.5, 2.25 }.AsMemory());
            await group.WriteAsync<long>(volume, new[] { 7L, 0L }.AsMemory());
        }
        var s = BarFile.Read(path);
        Assert.Equal([T0, T0 + 60_000], s.Time.ToArray());
        Assert.Equal([1.5, 2.0], s.Open.ToArray());
        Assert.Equal([3.0, 3.0], s.High.ToArray());
        Assert.Equal([1.25, 1.75], s.Low.ToArray());
        Assert.Equal([2.5, 2.25], s.Close.ToArray());
        Assert.Equal([7.0, 0.0], s.Volume.ToArray());
        Assert.Equal("foreign", s.Symbol);
        Assert.Equal(Timeframe.M1, s.Timeframe);
    }

    [Fact]
    public async Task Parquet_microsecond_timestamps_are_read_and_a_null_is_named_by_row_and_column()
    {
        using var folder = new TempFolder();
        var path = folder.File("micros.parquet");
        var time = new DateTimeDataField("timestamp", DateTimeFormat.Timestamp, true, DateTimeTimeUnit.Micros);
        var fields = new[] { new DataField<double?>("open"), new DataField<double?>("high"), new DataField<double?>("low"),
            new DataField<double?>("close"), new DataField<double?>("volume") };
        await using (var stream = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema([time, .. fields]), stream);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<DateTime>(time, new[] { DateTime.UnixEpoch.AddMilliseconds(T0), DateTime.UnixEpoch.AddMilliseconds(T0 + 3_600_000) }.AsMemory());
            foreach (var f in fields)
                await group.WriteAsync<double>(f, new double?[] { 1, f.Name == "close" ? null : 1 }.AsMemory());
        }
        var e = Assert.Throws<BarDataException>(() => BarFile.Read(path));
        Assert.Equal(2, e.Row);
        Assert.Equal("close", e.Column);
        Assert.Contains("missing", e.Message);
    }

    [Fact]
    public void Arrow_files_with_int64_time_and_float32_prices_are_read_by_copying()
    {
        using var folder = new TempFolder();
        var path = folder.File("other.arrow");
        var schema = new Schema.Builder()
            .Field(f => f.Name("Timestamp").DataType(Int64Type.Default))
            .Field(f => f.Name("open").DataType(FloatType.Default))
            .Field(f => f.Name("high").DataType(FloatType.Default))
            .Field(f => f.Name("low").DataType(FloatType.Default))
            .Field(f => f.Name("close").DataType(FloatType.Default))
            .Field(f => f.Name("volume").DataType(DoubleType.Default))
            .Build();
        // Managed buffers: Arrow's native ones are freed by a finalizer, which may run while the writer still reads them.
        FloatArray Floats(params float[] v) => new FloatArray.Builder().AppendRange(v).Build(ManagedMemoryAllocator.Instance);
        var batch = new RecordBatch(schema,
        [
            new Int64Array.Builder().AppendRange([T0, T0 + 300_000]).Build(ManagedMemoryAllocator.Instance), Floats(1, 2), Floats(2, 2),
            Floats(1, 1.5f), Floats(1.5f, 2), new DoubleArray.Builder().AppendRange([0, 1]).Build(ManagedMemoryAllocator.Instance),
        ], 2);
        using (var stream = File.Create(path))
        using (var writer = new ArrowFileWriter(stream, schema))
        {
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }
        using var s = BarFile.Read(path);
        Assert.Equal([T0, T0 + 300_000], s.Time.ToArray());
        Assert.Equal([1.0, 1.5], s.Low.ToArray());
        Assert.Equal(Timeframe.M5, s.Timeframe);
        Assert.Equal("other", s.Symbol);
    }
}
