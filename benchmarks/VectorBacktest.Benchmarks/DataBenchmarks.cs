using BenchmarkDotNet.Attributes;
using VectorBacktest.Data;

namespace VectorBacktest.Benchmarks;

/// <summary>
/// Reading bar data: CSV parse + strict validation of 1,000,000 bars (target ≤ 300 ms), and opening the same bars from an
/// uncompressed Arrow IPC file, memory-mapped and validated (target ≤ 10 ms). The input is
/// <see cref="BenchmarkInputs.Bars1M"/> (17-significant-digit prices, the worst case for number parsing), written to a
/// temporary folder in setup and checked to read back bit for bit before timing.
/// </summary>
[MemoryDiagnoser]
public partial class DataBenchmarks
{
    private string _folder = "";
    private string _csv = "";
    private string _arrow = "";

    /// <summary>Writes the CSV input and checks that it reads back exactly.</summary>
    [GlobalSetup(Target = nameof(CsvParseValidate1M))]
    public void SetupCsv()
    {
        _folder = Directory.CreateTempSubdirectory("vbt-bench-").FullName;
        _csv = Path.Combine(_folder, "bars1m.csv");
        BarFile.Write(BenchmarkInputs.Bars1M, _csv);
        Check(BarFile.Read(_csv));
    }

    /// <summary>Writes the Arrow IPC input and checks that it reads back exactly.</summary>
    [GlobalSetup(Target = nameof(ArrowOpen1M))]
    public void SetupArrow()
    {
        _folder = Directory.CreateTempSubdirectory("vbt-bench-").FullName;
        _arrow = Path.Combine(_folder, "bars1m.arrow");
        BarFile.Write(BenchmarkInputs.Bars1M, _arrow);
        using var series = BarFile.Read(_arrow);
        Check(series);
    }

    /// <summary>Deletes the temporary inputs.</summary>
    [GlobalCleanup(Targets = [nameof(CsvParseValidate1M), nameof(ArrowOpen1M)])]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    /// <summary>Parse and strictly validate 1,000,000 bars of CSV (104 MB).</summary>
    [Benchmark]
    public int CsvParseValidate1M() => BarFile.Read(_csv).Length;

    /// <summary>Open 1,000,000 bars of Arrow IPC (48 MB): map, read the schema and batch in place, validate, find gaps.</summary>
    [Benchmark]
    public int ArrowOpen1M()
    {
        using var series = BarFile.Read(_arrow);
        return series.Length;
    }

    private static void Check(BarSeries read)
    {
        var expected = BenchmarkInputs.Bars1M;
        if (read.Length != expected.Length || !read.Time.SequenceEqual(expected.Time) || !read.Open.SequenceEqual(expected.Open)
            || !read.High.SequenceEqual(expected.High) || !read.Low.SequenceEqual(expected.Low)
            || !read.Close.SequenceEqual(expected.Close) || !read.Volume.SequenceEqual(expected.Volume))
            throw new InvalidOperationException("The benchmark input does not read back bit for bit.");
    }
}
