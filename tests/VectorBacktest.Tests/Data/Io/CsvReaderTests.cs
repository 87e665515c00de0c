using System.IO.Compression;
using System.Text;
using VectorBacktest.Data;
using VectorBacktest.Data.Readers;

namespace VectorBacktest.Tests.Data.Io;

public class CsvReaderTests
{
    private const long T0 = 1_704_067_200_000L; // 2024-01-01T00:00:00Z

    private static BarSeries Parse(string text, BarReadOptions? options = null) =>
        BarCsvReader.Load(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.csv", options).Series;

    [Fact]
    public void Reads_headers_in_any_case_and_order_with_extra_columns_quotes_crlf_bom_and_a_trailing_empty_line()
    {
        var text = "\uFEFFVolume,\"Close\",extra,LOW,High,Open,Timestamp\r\n" +
                   "10,\"1.5\",x,1,2,1.25,2024-01-01T00:00:00Z\r\n" +
                   " 11 , 1.75 ,\"y,z\",1.5,2,1.5,2024-01-01T01:00:00Z\r\n\r\n";
        var s = Parse(text);
        Assert.Equal([T0, T0 + 3_600_000], s.Time.ToArray());
        Assert.Equal([1.25, 1.5], s.Open.ToArray());
        Assert.Equal([2.0, 2.0], s.High.ToArray());
        Assert.Equal([1.0, 1.5], s.Low.ToArray());
        Assert.Equal([1.5, 1.75], s.Close.ToArray());
        Assert.Equal([10.0, 11.0], s.Volume.ToArray());
        Assert.Equal(Timeframe.H1, s.Timeframe);
        Assert.Equal("test", s.Symbol);
    }

    [Theory]
    [InlineData("time")]
    [InlineData("timestamp")]
    [InlineData("date")]
    [InlineData("DateTime")]
    [InlineData("open_time")]
    [InlineData("Open Time")]
    public void Accepts_every_time_column_name(string name)
    {
        var s = Parse($"{name},open,high,low,close,volume\n2024-01-01,1,1,1,1,0\n");
        Assert.Equal(T0, s.Time[0]);
    }

    [Theory]
    [InlineData("2024-01-01T00:00:00Z", T0)]
    [InlineData("2024-01-01T00:00:00.250Z", T0 + 250)]
    [InlineData("2024-01-01T00:00:00.2509999Z", T0 + 250)]
    [InlineData("2024-01-01 00:00:00", T0)]
    [InlineData("2024-01-01T00:00", T0)]
    [InlineData("2024-01-01", T0)]
    [InlineData("2024-01-01T02:00:00+02:00", T0)]
    [InlineData("2023-12-31T19:00:00-0500", T0)]
    [InlineData("2024-01-01T05:30:00+05:30", T0)]
    [InlineData("1704067200", T0)]
    [InlineData("1704067200000", T0)]
    [InlineData("1704067200000000", T0)]
    [InlineData("1704067200000000000", T0)]
    public void Reads_iso_8601_and_epoch_timestamps_of_every_unit(string time, long expectedMs)
    {
        var s = Parse($"time,open,high,low,close,volume\n{time},1,1,1,1,0\n");
        Assert.Equal(expectedMs, s.Time[0]);
    }

    [Fact]
    public void Iso_parsing_agrees_with_the_runtime_on_many_instants()
    {
        var rng = new Random(3);
        Span<byte> buffer = stackalloc byte[Utf8Timestamp.FormattedLength];
        for (int i = 0; i < 2000; i++)
        {
            long ms = (long)(rng.NextDouble() * 4_000_000_000_000L) - 500_000_000_000L;
            Assert.True(Utf8Timestamp.TryFormat(ms, buffer));
            var text = Encoding.ASCII.GetString(buffer);
            Assert.Equal(DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), ms);
            Assert.True(Utf8Timestamp.TryParseIso(buffer, out long back));
            Assert.Equal(ms, back);
        }
    }

    [Fact]
    public void Reads_the_headerless_binance_kline_layout_in_milliseconds_and_microseconds()
    {
        const string ms =
            "1704067200000,42283.58,42554.57,42261.02,42475.23,1271.68108,1704070799999,53957248.9,47134,682.57581,28957416.8,0\n" +
            "1704070800000,42475.23,42775.00,42431.65,42613.56,1196.37856,1704074399999,50984893.7,42643,619.6747,26411013.5,0\n";
        var s = Parse(ms);
        Assert.Equal([T0, T0 + 3_600_000], s.Time.ToArray());
        Assert.Equal([42283.58, 42475.23], s.Open.ToArray());
        Assert.Equal([1196.37856], s.Volume[1..].ToArray());
        Assert.Equal(Timeframe.H1, s.Timeframe);

        var micro = Parse(ms.Replace("1704067200000,", "1704067200000000,").Replace("1704070800000,", "1704070800000000,"));
        Assert.Equal(s.Time.ToArray(), micro.Time.ToArray());
    }

    [Fact]
    public void Epoch_seconds_are_detected_for_the_whole_file_and_a_unit_change_is_an_error()
    {
        var s = Parse("time,open,high,low,close,volume\n1704067200,1,1,1,1,0\n1704067260,1,1,1,1,0\n");
        Assert.Equal([T0, T0 + 60_000], s.Time.ToArray());
        Assert.Equal(Timeframe.M1, s.Timeframe);

        var e = Assert.Throws<BarDataException>(() => Parse("time,open,high,low,close,volume\n1704067200,1,1,1,1,0\n1704067260000,1,1,1,1,0\n"));
        Assert.Equal(2, e.Row);
        Assert.Equal("time", e.Column);
        Assert.Contains("milliseconds", e.Message);
        Assert.Contains("seconds", e.Message);
    }

    [Fact]
    public void Reads_gzip_files_and_uses_the_file_stem_as_symbol()
    {
        using var folder = new TempFolder();
        var path = folder.File("ethusdt_5m.csv.gz");
        using (var zip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            zip.Write(Encoding.UTF8.GetBytes("time,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,2,0.5,1.5,3\n2024-01-01T00:05:00Z,1,2,0.5,1.5,3\n"));
        var s = BarFile.Read(path);
        Assert.Equal("ethusdt_5m", s.Symbol);
        Assert.Equal(Timeframe.M5, s.Timeframe);
        Assert.Equal(2, s.Length);
    }

    [Fact]
    public void A_header_only_file_is_an_empty_series_and_an_empty_file_an_error()
    {
        Assert.Equal(0, Parse("time,open,high,low,close,volume\n").Length);
        var e = Assert.Throws<BarDataException>(() => Parse(""));
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void Options_set_the_symbol_and_timeframe()
    {
        var s = Parse("time,open,high,low,close,volume\n2024-01-01,1,1,1,1,0\n", new BarReadOptions { Symbol = "BTCUSD", Timeframe = Timeframe.D1 });
        Assert.Equal("BTCUSD", s.Symbol);
        Assert.Equal(Timeframe.D1, s.Timeframe);
    }

    [Fact]
    public void Number_parsing_is_bit_identical_to_the_runtime()
    {
        var rng = new Random(11);
        for (int i = 0; i < 20_000; i++)
        {
            string text = (i % 4) switch
            {
                0 => BitConverter.Int64BitsToDouble(rng.NextInt64() & long.MaxValue).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                1 => (rng.NextDouble() * Math.Pow(10, rng.Next(-12, 12))).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                2 => rng.NextInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) + "e" + rng.Next(-340, 320),
                _ => $"{rng.Next()}.{rng.NextInt64():D18}",
            };
            AssertSameAsRuntime(text);
        }
        foreach (var text in new[] { "0", "-0", "0.000", "1e400", "1e-400", "4.9e-324", "2.2250738585072014e-308", "1.7976931348623157e308",
                     "9007199254740993", "NaN", "-Infinity", "1e", "e5", ".", "-", "+1.5", "1.", ".5", "1_0", "12345678901234567890123" })
            AssertSameAsRuntime(text);
    }

    private static void AssertSameAsRuntime(string text)
    {
        bool ok = Utf8Number.TryParseDouble(Encoding.ASCII.GetBytes(text), out double value);
        bool expectedOk = double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double expected);
        Assert.True(ok == expectedOk, $"'{text}': parsed {ok}, runtime {expectedOk}");
        if (ok) Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(value), $"'{text}': {value:R} vs runtime {expected:R}");
    }
}
