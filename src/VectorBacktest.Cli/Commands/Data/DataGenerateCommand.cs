using System.CommandLine;
using System.Globalization;
using VectorBacktest.Data;
using VectorBacktest.Data.SampleData;

namespace VectorBacktest.Cli.Commands.Data;

/// <summary>
/// <c>vbt data generate --out file</c>: the synthetic BTC-like generator of the bundled sample (other lengths,
/// seeds, timeframes), or with <c>--benchmark single|sweep</c> the exact benchmark series of BENCHMARKS.md.
/// </summary>
internal static class DataGenerateCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Output file (format from its extension).", Required = true };
        var bars = new Option<int?>("--bars") { Description = $"Number of bars (default {SyntheticBars.SampleBarCount:N0}; benchmark: 1,000,000 single, 100,000 sweep)." };
        var seed = new Option<ulong?>("--seed") { Description = $"Generator seed (default {SyntheticBars.SampleSeed}, the bundled sample's)." };
        var timeframe = new Option<string>("--timeframe") { Description = "Bar timeframe of the synthetic series.", DefaultValueFactory = _ => "1m" };
        var start = new Option<string?>("--start") { Description = "Open time of the first bar, ISO-8601 UTC (default 2024-01-01T00:00:00Z)." };
        var symbol = new Option<string>("--symbol") { Description = "Symbol name.", DefaultValueFactory = _ => SyntheticBars.SampleSymbol };
        var benchmark = new Option<string?>("--benchmark")
        {
            Description = "Generate a benchmark workload series instead: 'single' (seed 20240601, 1,000,000 bars) or 'sweep' (seed 20240602, 100,000 bars).",
        };
        benchmark.AcceptOnlyFromAmong("single", "sweep");
        var command = new Command("generate", "Generate synthetic bars: the bundled sample's generator, or the benchmark workloads' series.")
        {
            output, bars, seed, timeframe, start, symbol, benchmark,
        };
        command.SetAction(parse => CliRunner.Run(() =>
        {
            var outPath = parse.GetValue(output)!;
            BarSeries series;
            if (parse.GetValue(benchmark) is { } which)
            {
                bool single = which == "single";
                series = BenchmarkBars.Generate(
                    parse.GetValue(bars) ?? (single ? 1_000_000 : 100_000),
                    parse.GetValue(seed) ?? (single ? BenchmarkBars.SingleRunSeed : BenchmarkBars.SweepSeed));
            }
            else
            {
                var options = new SyntheticBarsOptions
                {
                    BarCount = parse.GetValue(bars) ?? SyntheticBars.SampleBarCount,
                    Seed = parse.GetValue(seed) ?? SyntheticBars.SampleSeed,
                    Timeframe = Timeframe.Parse(parse.GetValue(timeframe)!),
                    Symbol = parse.GetValue(symbol)!,
                };
                if (parse.GetValue(start) is { } text)
                    options = options with { Start = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) };
                series = SyntheticBars.Generate(options);
            }
            BarFile.Write(series, outPath);
            Console.WriteLine($"wrote {series.Length:N0} {series.Timeframe} bars of {series.Symbol} to {outPath}");
            return CliRunner.Ok;
        }));
        return command;
    }
}
