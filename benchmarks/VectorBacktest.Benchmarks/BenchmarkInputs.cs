using VectorBacktest.Data;
using VectorBacktest.Data.SampleData;

namespace VectorBacktest.Benchmarks;

/// <summary>The workload inputs of <c>shared/design/BENCHMARKS.md</c>, generated once per process.</summary>
public static class BenchmarkInputs
{
    private static readonly Lazy<BarSeries> SingleRun = new(() => BenchmarkBars.Generate(1_000_000, BenchmarkBars.SingleRunSeed));
    private static readonly Lazy<BarSeries> Sweep = new(() => BenchmarkBars.Generate(100_000, BenchmarkBars.SweepSeed));

    /// <summary>1,000,000 one-minute bars, seed 20240601 (SingleRun1M, SingleRun1MStops, Smc1M).</summary>
    public static BarSeries Bars1M => SingleRun.Value;

    /// <summary>100,000 one-minute bars, seed 20240602 (Sweep994).</summary>
    public static BarSeries Bars100K => Sweep.Value;
}
