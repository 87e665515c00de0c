using BenchmarkDotNet.Attributes;
using SmcRetracements = VectorBacktest.Indicators.Smc.Retracements;

namespace VectorBacktest.Benchmarks;

public partial class Smc1MBenchmarks
{
    private int[] _direction = [];
    private double[] _current = [];
    private double[] _deepest = [];

    /// <summary>Causal swings of length 10 and the output columns, reused across iterations as a sweep would.</summary>
    [GlobalSetup(Target = nameof(Retracements))]
    public void SetupRetracements()
    {
        SetupSwings10();
        int n = BenchmarkInputs.Bars1M.Length;
        _direction = new int[n];
        _current = new double[n];
        _deepest = new double[n];
    }

    /// <summary>Retracements from causal swings of length 10 into caller buffers; returns the last deepest value.</summary>
    [Benchmark]
    public double Retracements()
    {
        var bars = BenchmarkInputs.Bars1M;
        SmcRetracements.Compute(_swings10!, bars.High, bars.Low, _direction, _current, _deepest);
        return _deepest[^1];
    }
}
