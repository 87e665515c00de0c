using VectorBacktest.Cli.Commands.Indicators;
using VectorBacktest.Data;
using VectorBacktest.Data.Readers;
using VectorBacktest.Indicators.Smc;
using VectorBacktest.Tests.Infrastructure;

namespace VectorBacktest.Tests.Cli;

public sealed partial class IndicatorsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vbt-indicators-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> GoldenFiles()
    {
        var data = new TheoryData<string>();
        if (SharedFolder.Path is null)
        {
            data.Add("(shared folder absent)");
            return data;
        }
        foreach (var file in Directory.GetFiles(SharedFolder.File("reference/smc"), "btcusd_coinbase_1h__*.csv"))
            data.Add(Path.GetFileName(file));
        return data;
    }

    /// <summary>
    /// Reference mode writes each golden table of smartmoneyconcepts byte for byte: same header, same rows, same
    /// float64/float32 text and NaN encodings (the file name carries the function and its parameters).
    /// </summary>
    [SharedTheory]
    [MemberData(nameof(GoldenFiles))]
    public void Reference_mode_reproduces_each_golden_file_byte_for_byte(string golden)
    {
        var parts = Path.GetFileNameWithoutExtension(golden).Split("__");
        var args = new List<string> { "indicators", parts[1], "--data", SharedFolder.File("data/btcusd_coinbase_1h.csv"), "--mode", "reference" };
        foreach (System.Text.RegularExpressions.Match kv in ParameterPattern().Matches(parts[2]))
            args.AddRange(["--param", kv.Groups[1].Value + "=" + kv.Groups[2].Value]);
        var output = Path.Combine(_dir, golden);
        args.AddRange(["--out", output]);

        var (code, _, error) = CliHarness.Run(IndicatorsCommand.Create(), [.. args]);

        Assert.True(code == 0, error);
        Assert.Equal(File.ReadAllText(SharedFolder.File("reference/smc/" + golden)), File.ReadAllText(output));
    }

    // "swing_length=10_close_break=True", "session=New_York": a value runs until the next "_key=" or the end.
    [System.Text.RegularExpressions.GeneratedRegex(@"(?:^|_)([a-z]+(?:_[a-z]+)*)=(.+?)(?=_[a-z]+(?:_[a-z]+)*=|$)")]
    private static partial System.Text.RegularExpressions.Regex ParameterPattern();

    [Theory]
    [InlineData("swing_highs_lows", "swing_length=5")]
    [InlineData("bos_choch", "swing_length=5")]
    [InlineData("retracements", "swing_length=5")]
    [InlineData("previous_high_low", "time_frame=1h")]
    [InlineData("sessions", "session=London")]
    [InlineData("fvg", "join_consecutive=True")]
    [InlineData("ob", "swing_length=5")]
    [InlineData("liquidity", "swing_length=5")]
    public void Causal_table_of_a_prefix_equals_the_first_rows_of_the_full_table(string name, string parameter)
    {
        var bars = VectorBacktest.Data.SampleData.BenchmarkBars.Generate(3_000, 7);
        var full = Table(name, bars, parameter);
        foreach (int length in new[] { 1, 17, 500, 1_234, 2_999 })
        {
            var prefix = Table(name, bars.Slice(0, length), parameter);
            Assert.Equal(full.Columns.Count, prefix.Columns.Count);
            for (int c = 0; c < full.Columns.Count; c++)
                for (int i = 0; i < length; i++)
                    Assert.True(full.Columns[c].Values[i].Equals(prefix.Columns[c].Values[i]),
                        $"{name}: column {full.Columns[c].Name}, row {i} changed when bars {length}.. were appended");
        }
        Assert.Contains(full.Columns, c => c.Name == "KnownAt");
    }

    private static IndicatorTable Table(string name, BarSeries bars, string parameter) =>
        IndicatorCatalog.Run(name, bars, new IndicatorParameters([parameter]), SmcMode.Causal);

    [Fact]
    public void Causal_mode_on_the_bundled_sample_writes_one_row_per_bar_with_known_at()
    {
        var output = Path.Combine(_dir, "swings.csv");
        var (code, _, error) = CliHarness.Run(IndicatorsCommand.Create(),
            "indicators", "swing_highs_lows", "--param", "swing_length=10", "--timeframe", "15m", "--out", output);
        Assert.True(code == 0, error);
        var table = CsvTable.Load(output);
        Assert.Equal(["HighLow", "Level", "SwingIndex", "KnownAt"], table.Header);
        Assert.Equal(VectorBacktest.Data.SampleData.SyntheticBars.SampleBarCount / 15, table.Count);
        var knownAt = table.Doubles("KnownAt");
        var swingIndex = table.Doubles("SwingIndex");
        int events = 0;
        for (int i = 0; i < knownAt.Length; i++)
        {
            if (double.IsNaN(knownAt[i])) continue;
            events++;
            Assert.Equal(i, knownAt[i]);
            Assert.True(swingIndex[i] + 10 < i, $"a swing at bar {swingIndex[i]} cannot be known at {i}");
        }
        Assert.True(events > 100, $"only {events} swings on 90 days of 15m bars");
    }

    [Theory]
    [InlineData("no_such_thing", "swing_length=5", "Unknown indicator")]
    [InlineData("swing_highs_lows", "swing_length=0", "swing_length")]
    [InlineData("swing_highs_lows", "window=5", "has no parameter 'window'")]
    [InlineData("sessions", "session=Atlantis", "session")]
    [InlineData("bos_choch", "close_break=maybe", "close_break")]
    [InlineData("sma", "window", "key=value")]
    public void Bad_names_and_parameters_exit_with_code_2_and_say_what_is_wrong(string name, string parameter, string expected)
    {
        var (code, _, error) = CliHarness.Run(IndicatorsCommand.Create(),
            "indicators", name, "--param", parameter, "--out", Path.Combine(_dir, "x.csv"));
        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.False(File.Exists(Path.Combine(_dir, "x.csv")));
    }

    [Theory]
    [InlineData(1.0, (int)ColumnKind.Float64, "1.0")]
    [InlineData(-1.0, (int)ColumnKind.Float64, "-1.0")]
    [InlineData(2495.12, (int)ColumnKind.Float64, "2495.12")]
    [InlineData(double.NaN, (int)ColumnKind.Float64, "")]
    [InlineData(0.0001, (int)ColumnKind.Float64, "0.0001")]
    [InlineData(0.00001234, (int)ColumnKind.Float64, "1.234e-05")]
    [InlineData(1e15, (int)ColumnKind.Float64, "1000000000000000.0")]
    [InlineData(1.5e16, (int)ColumnKind.Float64, "1.5e+16")]
    [InlineData(2513.3798828125, (int)ColumnKind.Float32, "2513.38")]
    [InlineData(19.347963333, (int)ColumnKind.Float32, "19.347963")]
    [InlineData(3.0, (int)ColumnKind.Integer, "3")]
    public void Numbers_are_written_as_python_writes_them(double value, int kind, string expected) =>
        Assert.Equal(expected, IndicatorTable.Format((ColumnKind)kind, value));
}
