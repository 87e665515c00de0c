using BenchmarkDotNet.Attributes;
using VectorBacktest.Indicators.Smc;

namespace VectorBacktest.Benchmarks;

public partial class Smc1MBenchmarks
{
    /// <summary>BOS/CHoCH from causal swings of length 10, close breaks; returns the event count.</summary>
    [Benchmark]
    public int BosChoch()
    {
        var bars = BenchmarkInputs.Bars1M;
        return StructureBreaks.Find(_swings10!, bars.High, bars.Low, bars.Close).Count;
    }
}
