using VectorBacktest.Data.SampleData;
using VectorBacktest.Execution;
using VectorBacktest.Indicators;
using VectorBacktest.Kernels;
using VectorBacktest.Portfolio;
using VectorBacktest.Presets;

namespace VectorBacktest.Tests.Portfolio;

/// <summary>The SingleRun1M workloads of shared/design/BENCHMARKS.md reproduce the stated order counts.</summary>
public class BenchmarkWorkloadTests
{
    private static readonly Lazy<(VectorBacktest.Data.BarSeries Bars, bool[] Entries, bool[] Exits)> Workload = new(() =>
    {
        var bars = BenchmarkBars.Generate(1_000_000, BenchmarkBars.SingleRunSeed);
        var fast = Sma.Compute(bars.Close, 50, SmaMode.Pandas);
        var slow = Sma.Compute(bars.Close, 200, SmaMode.Pandas);
        return (bars, Crossings.Above(fast, slow), Crossings.Above(slow, fast));
    });

    private static int Count(bool[] column)
    {
        int count = 0;
        foreach (bool b in column) if (b) count++;
        return count;
    }

    [Fact]
    public void Signals_have_the_stated_counts()
    {
        var (_, entries, exits) = Workload.Value;
        Assert.Equal(3181, Count(entries));
        Assert.Equal(3181, Count(exits));
    }

    [Fact]
    public void SingleRun1M_gives_6361_orders()
    {
        var (bars, entries, exits) = Workload.Value;
        var workspace = new SimulationWorkspace();
        var summary = new VectorbtPreset(10_000, 0.001, 0.0005).Run(bars, new SignalInputs(entries, exits), workspace);
        Assert.Equal(6361, summary.FilledOrders);
        Assert.Equal(0, summary.RejectedOrders);
        Assert.Equal(6361, workspace.Orders.Length);
        Assert.True(summary.FinalPosition > 0, "the last entry stays open");
    }

    [Fact]
    public void SingleRun1MStops_gives_6362_orders()
    {
        var (bars, entries, exits) = Workload.Value;
        var workspace = new SimulationWorkspace();
        var summary = new VectorbtPreset(10_000, 0.001, 0.0005, stopLoss: 0.02, takeProfit: 0.04)
            .Run(bars, new SignalInputs(entries, exits), workspace);
        Assert.Equal(6362, summary.FilledOrders);
        int stops = 0;
        foreach (var o in workspace.Orders) if (o.Reason is ExitReason.StopLoss or ExitReason.TakeProfit) stops++;
        Assert.True(stops > 0);
    }
}
