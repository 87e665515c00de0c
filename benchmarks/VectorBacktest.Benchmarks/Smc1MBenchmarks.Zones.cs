using BenchmarkDotNet.Attributes;
using SmcFairValueGaps = VectorBacktest.Indicators.Smc.FairValueGaps;
using SmcLiquidity = VectorBacktest.Indicators.Smc.Liquidity;
using SmcOrderBlocks = VectorBacktest.Indicators.Smc.OrderBlocks;
using SmcSwings = VectorBacktest.Indicators.Smc.Swings;

namespace VectorBacktest.Benchmarks;

public partial class Smc1MBenchmarks
{
    /// <summary>
    /// Causal swings of length 10 (the field of <c>Smc1MBenchmarks.Swings.cs</c>) for the zone methods, computed outside
    /// the measured iterations.
    /// </summary>
    [GlobalSetup(Targets = [nameof(OrderBlocks), nameof(Liquidity)])]
    public void SetUpZones() => _swings10 = SmcSwings.Find(BenchmarkInputs.Bars1M.High, BenchmarkInputs.Bars1M.Low, 10);

    /// <summary>Fair value gaps, not joined, causal; returns the gap count so the work is not elided.</summary>
    [Benchmark]
    public int FairValueGaps()
    {
        var bars = BenchmarkInputs.Bars1M;
        return SmcFairValueGaps.Find(bars.Open, bars.High, bars.Low, bars.Close).Count;
    }

    /// <summary>Order blocks from causal length-10 swings (precomputed), wick mitigation; returns the block count.</summary>
    [Benchmark]
    public int OrderBlocks()
    {
        var bars = BenchmarkInputs.Bars1M;
        return SmcOrderBlocks.Find(bars.Open, bars.High, bars.Low, bars.Close, bars.Volume, _swings10!).Count;
    }

    /// <summary>Liquidity from causal length-10 swings (precomputed), range 1 %; returns the version count.</summary>
    [Benchmark]
    public int Liquidity()
    {
        var bars = BenchmarkInputs.Bars1M;
        return SmcLiquidity.Find(bars.High, bars.Low, _swings10!, 0.01).Count;
    }
}
