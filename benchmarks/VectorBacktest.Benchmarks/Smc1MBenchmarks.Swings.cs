using BenchmarkDotNet.Attributes;
using SmcSwings = VectorBacktest.Indicators.Smc.Swings;

namespace VectorBacktest.Benchmarks;

/// <summary>
/// The Smc1M workload of <c>shared/design/BENCHMARKS.md</c>: each SMC indicator on 1,000,000 one-minute bars,
/// single-threaded, causal mode. Each indicator adds its methods in its own partial file; every method reads
/// <see cref="BenchmarkInputs.Bars1M"/> (generated once per process, outside the measured iterations).
/// </summary>
[MemoryDiagnoser]
public partial class Smc1MBenchmarks
{
    private SmcSwings? _swings10;

    /// <summary>
    /// Causal swings of length 10 for the methods that take swings as input (the reference's timings exclude
    /// the swings too).
    /// </summary>
    [GlobalSetup(Target = nameof(BosChoch))]
    public void SetupSwings10()
    {
        var bars = BenchmarkInputs.Bars1M;
        _swings10 = SmcSwings.Find(bars.High, bars.Low, 10);
    }

    /// <summary>Swing highs/lows, swing length 10; returns the swing count so the work is not elided.</summary>
    [Benchmark]
    public int Swings()
    {
        var bars = BenchmarkInputs.Bars1M;
        return SmcSwings.Find(bars.High, bars.Low, 10).Count;
    }
}
