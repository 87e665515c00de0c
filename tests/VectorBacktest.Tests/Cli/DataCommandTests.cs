using VectorBacktest.Cli.Commands.Data;
using VectorBacktest.Data;
using VectorBacktest.Data.SampleData;

namespace VectorBacktest.Tests.Cli;

public sealed class DataCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vbt-data-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    [Fact]
    public void Info_without_a_file_summarises_the_bundled_sample()
    {
        var (code, output, error) = CliHarness.Run(DataCommand.Create(), "data", "info");
        Assert.True(code == 0, error);
        Assert.Contains(SyntheticBars.SampleSymbol, output);
        Assert.Contains("129,600", output);
        Assert.Contains("2024-01-01T00:00:00Z", output);
        Assert.Contains("valid", output);
    }

    [Fact]
    public void Validate_names_file_row_and_column_and_exits_with_1()
    {
        var bad = PathOf("bad.csv");
        File.WriteAllText(bad, "time,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,2,0.5,1.5,10\n2024-01-01T00:01:00Z,1,2,0.5,x,10\n");
        var (code, _, error) = CliHarness.Run(DataCommand.Create(), "data", "validate", bad);
        Assert.Equal(1, code);
        Assert.Contains(bad, error);
        Assert.Contains("row 2", error);
        Assert.Contains("'close'", error);
    }

    [Fact]
    public void Validate_with_repair_lists_the_changes_and_writes_the_repaired_bars()
    {
        var messy = PathOf("messy.csv");
        File.WriteAllText(messy, "time,open,high,low,close,volume\n" +
            "2024-01-01T00:00:00Z,1,2,0.5,1.5,10\n2024-01-01T00:00:00Z,1,2,0.5,1.5,10\n2024-01-01T00:03:00Z,1,2,0.5,1.5,10\n2024-01-01T00:04:00Z,1,2,0.5,1.5,10\n");
        var repaired = PathOf("repaired.arrow");
        var (code, output, error) = CliHarness.Run(DataCommand.Create(), "data", "validate", messy, "--repair", "--out", repaired);
        Assert.True(code == 0, error);
        Assert.Contains("1 change(s)", output);
        Assert.Contains("1 gap(s) (2 missing bars)", output);
        using var bars = BarFile.Read(repaired);
        Assert.Equal(3, bars.Length);
    }

    [Fact]
    public void Generate_convert_and_resample_round_trip_the_benchmark_series()
    {
        var parquet = PathOf("bench.parquet");
        var csv = PathOf("bench.csv");
        var hourly = PathOf("bench-1h.arrow");
        Assert.Equal(0, CliHarness.Run(DataCommand.Create(), "data", "generate", "--benchmark", "single", "--bars", "600", "--out", parquet).ExitCode);
        Assert.Equal(0, CliHarness.Run(DataCommand.Create(), "data", "convert", parquet, csv).ExitCode);
        Assert.Equal(0, CliHarness.Run(DataCommand.Create(), "data", "resample", csv, "--to", "1h", "--out", hourly).ExitCode);

        var expected = BenchmarkBars.Generate(600, BenchmarkBars.SingleRunSeed);
        using var fromCsv = BarFile.Read(csv);
        Assert.Equal(expected.Close.ToArray(), fromCsv.Close.ToArray());
        Assert.Equal(expected.Time.ToArray(), fromCsv.Time.ToArray());
        using var h = BarFile.Read(hourly);
        Assert.Equal(10, h.Length);
        Assert.Equal(Timeframe.H1, h.Timeframe);
        Assert.Equal(expected.Close[59], h.Close[0]);
    }

    [Theory]
    [InlineData("resample", "--to", "7s")]
    [InlineData("generate", "--timeframe", "0m")]
    public void Bad_arguments_exit_with_2(string command, string option, string value)
    {
        var (code, _, error) = CliHarness.Run(DataCommand.Create(), "data", command, option, value, "--out", PathOf("x.parquet"));
        Assert.Equal(2, code);
        Assert.NotEmpty(error);
        Assert.False(File.Exists(PathOf("x.parquet")));
    }
}
