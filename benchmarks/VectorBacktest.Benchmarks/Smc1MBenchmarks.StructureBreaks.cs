using BenchmarkDotNet.Attributes;
using VectorBacktest.Indicators.Smc;
using SmcSwings = VectorBacktest.Indicators.Smc.Swings;

namespace VectorBacktest.Benchmarks;

public partial class Smc1MBenchmarks
{
    private SmcSwings? _swings10;

    /// <summary>Swings of length 10 for the methods that take swings (the reference's timings also exclude them).</summary>
    [GlobalSetup(Target = nameof(BosChoch))]
    public void SetupSwings10()
    {
        var bars = BenchmarkInputs.Bars1M;
        _swings10 = SmcSwings.Find(bars.High, bars.Low, 10);
    }

    /// <summary>BOS/CHoCH from causal swings of length 10, close breaks; returns the event count.</summary>
    [Benchmark]
    public int BosChoch()
    {
        var bars = BenchmarkInputs.Bars1M;
        return StructureBreaks.Find(_swings10!, bars.High, bars.Low, bars.Close).Count;
    }
}
