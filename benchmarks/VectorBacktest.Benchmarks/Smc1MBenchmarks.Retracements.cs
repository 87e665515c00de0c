using BenchmarkDotNet.Attributes;
using SmcRetracements = VectorBacktest.Indicators.Smc.Retracements;

namespace VectorBacktest.Benchmarks;

public partial class Smc1MBenchmarks
{
    /// <summary>Retracements from causal swings of length 10 (set up with BosChoch's swings); returns the last deepest value.</summary>
    [Benchmark]
    public double Retracements()
    {
        var bars = BenchmarkInputs.Bars1M;
        return SmcRetracements.Find(_swings10!, bars.High, bars.Low).DeepestRetracement[^1];
    }
}
