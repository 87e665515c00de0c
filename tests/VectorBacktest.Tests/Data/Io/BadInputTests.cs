using System.Text;
using VectorBacktest.Data;
using VectorBacktest.Data.Readers;

namespace VectorBacktest.Tests.Data.Io;

public class BadInputTests
{
    private const string Header = "time,open,high,low,close,volume\n";
    private const string Good1 = "2024-01-01T00:00:00Z,10,12,9,11,5\n";
    private const string Good2 = "2024-01-01T00:01:00Z,11,12,10,11,5\n";

    private static BarDataException Reject(string text) =>
        Assert.Throws<BarDataException>(() => BarCsvReader.Load(new MemoryStream(Encoding.UTF8.GetBytes(text)), "bad.csv"));

    [Theory]
    [InlineData("2024-01-01T00:02:00Z,abc,12,10,11,5\n", "open", "not a number")]
    [InlineData("2024-01-01T00:02:00Z,11,12,10,11,\n", "volume", "missing")]
    [InlineData("2024-01-32T00:02:00Z,11,12,10,11,5\n", "time", "ISO-8601")]
    [InlineData("yesterday,11,12,10,11,5\n", "time", "ISO-8601")]
    [InlineData("2024-01-01T00:02:00Z,NaN,12,10,11,5\n", "open", "NaN")]
    [InlineData("2024-01-01T00:02:00Z,11,Infinity,10,11,5\n", "high", "price is")]
    [InlineData("2024-01-01T00:02:00Z,11,12,0,11,5\n", "low", "not positive")]
    [InlineData("2024-01-01T00:02:00Z,11,12,10,-11,5\n", "close", "not positive")]
    [InlineData("2024-01-01T00:02:00Z,10,9,10,10,5\n", "low", "above high")]
    [InlineData("2024-01-01T00:02:00Z,13,12,10,11,5\n", "open", "outside")]
    [InlineData("2024-01-01T00:02:00Z,11,12,10,9,5\n", "close", "outside")]
    [InlineData("2024-01-01T00:02:00Z,11,12,10,11,-1\n", "volume", "negative")]
    [InlineData("2024-01-01T00:00:30Z,11,12,10,11,5\n", "time", "before the previous row")]
    [InlineData("2024-01-01T00:01:00Z,11,12,10,11,5\n", "time", "duplicate")]
    [InlineData("2024-01-01T00:02:00Z,11,12,10\n", "close", "expected at least 6")]
    [InlineData("2024-01-01T00:02:00Z,\"11,12,10,11,5\n", "open", "quoted")]
    public void Each_bad_value_names_the_file_row_and_column(string row3, string column, string problem)
    {
        var e = Reject(Header + Good1 + Good2 + row3);
        Assert.Equal("bad.csv", e.Source);
        Assert.Equal(3, e.Row);
        Assert.Equal(column, e.Column);
        Assert.Contains(problem, e.Message);
        Assert.StartsWith("bad.csv, row 3, column '" + column + "'", e.Message);
    }

    [Fact]
    public void Row_numbers_count_data_rows_including_blank_ones_but_not_the_header()
    {
        var e = Reject(Header + Good1 + "\n" + "2024-01-01T00:02:00Z,x,1,1,1,1\n");
        Assert.Equal(3, e.Row);
        var headerless = Assert.Throws<BarDataException>(() => BarCsvReader.Load(
            new MemoryStream("1704067200000,1,1,1,1,1\n1704067260000,1,1,1,x,1\n"u8.ToArray()), "b.csv"));
        Assert.Equal(2, headerless.Row);
        Assert.Equal("close", headerless.Column);
    }

    [Theory]
    [InlineData("time,open,high,low,volume\n", "close")]
    [InlineData("when,open,high,low,close,volume\n", "time")]
    [InlineData("time,open,high,low,close\n", "volume")]
    public void A_missing_column_is_named(string header, string column)
    {
        var e = Reject(header + "2024-01-01,1,1,1,1,1\n");
        Assert.Equal(0, e.Row);
        Assert.Equal(column, e.Column);
        Assert.Contains("missing", e.Message);
    }

    [Fact]
    public void A_headerless_file_with_too_few_columns_is_rejected()
    {
        var e = Reject("1704067200000,1,1,1\n");
        Assert.Equal(1, e.Row);
        Assert.Equal("close", e.Column);
    }

    [Fact]
    public void Invalid_values_in_arrow_and_parquet_files_are_named_too()
    {
        using var folder = new TempFolder();
        var bad = BarSeries.FromArrays("X", Timeframe.M1, [0, 60_000, 120_000], [1, 1, 1], [2, 2, 2], [0.5, 0.5, 3], [1, 1, 1], [0, 0, 0], validate: false);
        foreach (var name in new[] { "bad.arrow", "bad.parquet" })
        {
            var path = folder.File(name);
            BarFile.Write(bad, path);
            var e = Assert.Throws<BarDataException>(() => BarFile.Read(path));
            Assert.Equal(path, e.Source);
            Assert.Equal(3, e.Row);
            Assert.Equal("low", e.Column);
        }
    }

    [Fact]
    public void Files_that_are_not_arrow_or_parquet_are_rejected_clearly()
    {
        using var folder = new TempFolder();
        foreach (var name in new[] { "junk.arrow", "junk.parquet", "empty.arrow" })
        {
            var path = folder.Write(name, name.StartsWith("empty") ? "" : "this is not a columnar file at all, just some text\n");
            var e = Assert.Throws<BarDataException>(() => BarFile.Read(path));
            Assert.Equal(path, e.Source);
        }
        var truncated = folder.File("truncated.arrow");
        BarFile.Write(RandomBars.Generate(1, 50), truncated);
        var bytes = File.ReadAllBytes(truncated);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        Assert.Throws<BarDataException>(() => BarFile.Read(truncated));
    }

    [Fact]
    public async Task A_parquet_file_without_a_time_column_names_it()
    {
        using var folder = new TempFolder();
        var path = folder.File("no-time.parquet");
        await using (var stream = File.Create(path))
        {
            var fields = new Parquet.Schema.DataField<double>[] { new("open"), new("high"), new("low"), new("close"), new("volume") };
            await using var writer = await Parquet.ParquetWriter.CreateAsync(new Parquet.Schema.ParquetSchema(fields), stream);
            using var group = writer.CreateRowGroup();
            foreach (var f in fields) await group.WriteAsync<double>(f, new[] { 1.0 }.AsMemory());
        }
        var e = Assert.Throws<BarDataException>(() => BarFile.Read(path));
        Assert.Equal("time", e.Column);
        Assert.Contains("missing", e.Message);
    }
}
