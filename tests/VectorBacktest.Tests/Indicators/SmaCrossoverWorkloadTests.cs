using VectorBacktest.Data.SampleData;
using VectorBacktest.Indicators;
using VectorBacktest.Kernels;
using VectorBacktest.Signals;

namespace VectorBacktest.Tests.Indicators;

/// <summary>The signal count of the <c>SingleRun1M</c> workload (BENCHMARKS.md), which also pins the bar generator.</summary>
public class SmaCrossoverWorkloadTests
{
    private static readonly Lazy<double[]> Close = new(() => BenchmarkBars.Generate(1_000_000, BenchmarkBars.SingleRunSeed).Close.ToArray());

    [Theory]
    [InlineData(SmaMode.Pandas)]
    [InlineData(SmaMode.Fast)]
    public void Sma50Sma200CrossoverGives3181EntriesAnd3181Exits(SmaMode mode)
    {
        var close = Close.Value;
        var fast = Sma.Compute(close, 50, mode);
        var slow = Sma.Compute(close, 200, mode);
        var entries = Crossings.Above(fast, slow);
        var exits = Crossings.Below(fast, slow);
        Assert.Equal(3181, BoolSignals.Count(entries));
        Assert.Equal(3181, BoolSignals.Count(exits));
        Assert.Equal(3181, BitColumn.FromBools(entries).Count());
    }
}
