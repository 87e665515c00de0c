using BenchmarkDotNet.Attributes;
using VectorBacktest.Data;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Indicators;
using VectorBacktest.Kernels;
using VectorBacktest.Portfolio;
using VectorBacktest.Presets;

namespace VectorBacktest.Benchmarks;

/// <summary>
/// <c>SingleRun1M</c> and <c>SingleRun1MStops</c> of <c>shared/design/BENCHMARKS.md</c>: 1,000,000 bars, SMA(50)/SMA(200)
/// crossover long-only, cash 10,000, fees 0.1 %, slippage 0.05 %, all cash per entry, fill at the signal bar's close
/// (the vectorbt preset); the second adds a 2 % stop-loss and 4 % take-profit. Signals are precomputed; the timed
/// work is the simulation with full order and trade records into a reused workspace. Plus the per-bar equity curve
/// rebuilt from the orders of <c>SingleRun1M</c>, and
/// <c>SingleRun1M</c> at the summary-only record level.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
public class SingleRunBenchmarks
{
    private BarSeries _bars = null!;
    private bool[] _entries = null!, _exits = null!;
    private VectorbtPreset _plain = null!, _stops = null!;
    private SimulationOptions _summaryOnly = null!;
    private readonly SimulationWorkspace _workspace = new(8192);
    private readonly SimulationWorkspace _curveWorkspace = new(8192);
    private double[] _cash = null!, _value = null!, _equity = null!, _drawdown = null!;

    /// <summary>Builds the signals (the library's SMA in pandas summation and its strict crossings) and checks the order counts.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _bars = BenchmarkInputs.Bars1M;
        var fast = Sma.Compute(_bars.Close, 50, SmaMode.Pandas);
        var slow = Sma.Compute(_bars.Close, 200, SmaMode.Pandas);
        _entries = Crossings.Above(fast, slow);
        _exits = Crossings.Above(slow, fast);
        _plain = new VectorbtPreset(10_000, 0.001, 0.0005);
        _stops = new VectorbtPreset(10_000, 0.001, 0.0005, stopLoss: 0.02, takeProfit: 0.04);
        _summaryOnly = _plain.Options with { RecordLevel = RecordLevel.SummaryOnly };
        Check("SingleRun1M", SingleRun1M().FilledOrders, 6361);
        Check("SingleRun1MSummaryOnly", SingleRun1MSummaryOnly().FilledOrders, 6361);
        Check("SingleRun1MStops", SingleRun1MStops().FilledOrders, 6362);
        _plain.Run(_bars, new SignalInputs(_entries, _exits), _curveWorkspace);
        int n = _bars.Length;
        _cash = new double[n]; _value = new double[n]; _equity = new double[n]; _drawdown = new double[n];
    }

    private static void Check(string name, int orders, int expected)
    {
        if (orders != expected) throw new InvalidOperationException($"{name}: {orders} orders, BENCHMARKS.md expects {expected}.");
    }

    /// <summary>The plain crossover run.</summary>
    [Benchmark]
    public SimulationSummary SingleRun1M() => _plain.Run(_bars, new SignalInputs(_entries, _exits), _workspace);

    /// <summary>The crossover run with stop-loss 2 % and take-profit 4 %.</summary>
    [Benchmark]
    public SimulationSummary SingleRun1MStops() => _stops.Run(_bars, new SignalInputs(_entries, _exits), _workspace);

    /// <summary>SingleRun1M keeping only the running summary (what a sweep does per combination).</summary>
    [Benchmark]
    public SimulationSummary SingleRun1MSummaryOnly() => SignalSimulator.FromSignals(_bars, new SignalInputs(_entries, _exits),
        _summaryOnly, default(PessimisticFillModel), new FractionFee(0.001), new FixedFractionSlippage(0.0005), _workspace);

    /// <summary>Cash, position value, equity and drawdown for every bar of the SingleRun1M result.</summary>
    [Benchmark]
    public double EquityCurve1M()
    {
        EquityCurve.Compute(_bars.Close, _curveWorkspace.Orders, 10_000, _cash, _value, _equity, _drawdown);
        return _equity[^1];
    }
}
