using BenchmarkDotNet.Attributes;
using VectorBacktest.Data;
using VectorBacktest.Data.SampleData;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Indicators;
using VectorBacktest.Kernels;
using VectorBacktest.Portfolio;
using VectorBacktest.Portfolio.MultiAsset;
using VectorBacktest.Portfolio.Orders;

namespace VectorBacktest.Benchmarks;

/// <summary>
/// The engine paths beyond the single-asset signal pass: a multi-asset run over 10 symbols × 100,000 one-minute bars
/// (SMA(50)/SMA(200) crossover per symbol, 10 % of equity per entry, 50 % total exposure cap, fees 0.1 %, slippage
/// 0.05 %, next-open fills, about 10 % of each symbol's bars missing), and <c>FromOrders</c> on the 1,000,000 bars of
/// SingleRun1M (a target-percent column that alternates 100 % / 0 % every 500 bars), without and with a 1 % volume cap
/// whose remainders are carried. The multi-asset run is also timed with per-symbol stops (2 % stop-loss, 3 % trailing, 1,440-bar
/// time stop) and through the event-driven driver with a strategy replaying the same columns; the single-asset SingleRun1M
/// signals are timed through the event-driven driver and with exits and entries capped at 1 % of volume (carried), the path that
/// walks every bar. Inputs are precomputed; the timed work is the simulation into reused workspaces.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
public class EngineBenchmarks
{
    private Universe _universe = null!;
    private bool[] _entries = null!, _exits = null!;
    private readonly PortfolioWorkspace _portfolio = new();
    private readonly PortfolioOptions _portfolioOptions = new()
    {
        Sizing = PortfolioSizing.EquityWeight(0.1), Risk = new RiskLimits { MaxTotalExposure = 0.5 },
    };
    private BarSeries _bars = null!;
    private double[] _targets = null!;
    private readonly SimulationWorkspace _orders = new(8192);
    private readonly SimulationOptions _orderOptions = new();
    private readonly PortfolioOptions _portfolioStops = new()
    {
        Sizing = PortfolioSizing.EquityWeight(0.1), Risk = new RiskLimits { MaxTotalExposure = 0.5 },
        Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.02), TrailingFraction = 0.03, TimeStopBars = 1440 },
    };
    private bool[] _entries1M = null!, _exits1M = null!;
    private readonly SimulationOptions _signalOptions = new() { Timing = FillTiming.SignalClose };
    private readonly SimulationOptions _cappedOptions = new()
    {
        Timing = FillTiming.SignalClose, Liquidity = new LiquidityLimits { MaxVolumeShare = 0.01, Remainder = RemainderPolicy.Carry },
    };

    /// <summary>Builds the universe (10 generated symbols, 10 % of bars dropped at random) and both signal sets.</summary>
    [GlobalSetup]
    public void Setup()
    {
        const int symbols = 10, count = 100_000;
        var series = new BarSeries[symbols];
        var rng = new Random(7);
        for (int s = 0; s < symbols; s++)
        {
            var full = BenchmarkBars.Generate(count, BenchmarkBars.SweepSeed + (ulong)s, symbol: "SYM" + s);
            var keep = new List<int>(count);
            for (int i = 0; i < count; i++) if (i == 0 || rng.Next(10) != 0) keep.Add(i);
            series[s] = BarSeries.FromArrays(full.Symbol, full.Timeframe, Pick(full.Time, keep), Pick(full.Open, keep), Pick(full.High, keep),
                Pick(full.Low, keep), Pick(full.Close, keep), Pick(full.Volume, keep));
        }
        _universe = Universe.Create(series);
        int n = _universe.Length;
        _entries = new bool[symbols * n];
        _exits = new bool[symbols * n];
        for (int s = 0; s < symbols; s++)
        {
            var close = _universe.ForwardFillClose(s).Values;
            var fast = Sma.Compute(close, 50, SmaMode.Pandas);
            var slow = Sma.Compute(close, 200, SmaMode.Pandas);
            Crossings.Above(fast, slow, _entries.AsSpan(s * n, n));
            Crossings.Above(slow, fast, _exits.AsSpan(s * n, n));
        }
        _bars = BenchmarkInputs.Bars1M;
        _targets = new double[_bars.Length];
        for (int i = 0; i < _targets.Length; i++) _targets[i] = i % 500 == 0 ? (i / 500 % 2 == 0 ? 1.0 : 0.0) : double.NaN;
        var fast1M = Sma.Compute(_bars.Close, 50, SmaMode.Pandas);
        var slow1M = Sma.Compute(_bars.Close, 200, SmaMode.Pandas);
        _entries1M = Crossings.Above(fast1M, slow1M);
        _exits1M = Crossings.Above(slow1M, fast1M);
        if (MultiAsset10x100K().FilledOrders == 0 || FromOrders1M().FilledOrders == 0 || MultiAsset10x100KStops().FilledOrders == 0)
            throw new InvalidOperationException("The engine benchmarks fill no orders.");
        if (MultiAsset10x100KEventDriven().FilledOrders != MultiAsset10x100K().FilledOrders
            || EventDriven1M().FilledOrders != SignalSimulator.FromSignals(_bars, new SignalInputs(_entries1M, _exits1M), _signalOptions,
                default(Execution.FillModels.PessimisticFillModel), new FractionFee(0.001), new FixedFractionSlippage(0.0005), _orders).FilledOrders)
            throw new InvalidOperationException("The event-driven runs differ from the vectorized ones.");
    }

    private static T[] Pick<T>(ReadOnlySpan<T> values, List<int> keep)
    {
        var result = new T[keep.Count];
        for (int k = 0; k < result.Length; k++) result[k] = values[keep[k]];
        return result;
    }

    /// <summary>10 symbols × 100,000 bars with shared cash.</summary>
    [Benchmark]
    public PortfolioSummary MultiAsset10x100K() => PortfolioSimulator.FromSignals(_universe, new PortfolioSignals(_entries, _exits),
        _portfolioOptions, new FractionFee(0.001), new FixedFractionSlippage(0.0005), _portfolio);

    /// <summary>A target-percent order column on 1,000,000 bars.</summary>
    [Benchmark]
    public SimulationSummary FromOrders1M() => OrderSimulator.FromOrders(_bars, new OrderInputs(_targets, SizeType.TargetPercent),
        _orderOptions, new FractionFee(0.001), new FixedFractionSlippage(0.0005), _orders);

    /// <summary>The same column with fills capped at 1 % of each bar's volume, remainders carried.</summary>
    [Benchmark]
    public SimulationSummary FromOrders1MVolumeCap() => OrderSimulator.FromOrders(_bars, new OrderInputs(_targets, SizeType.TargetPercent),
        _orderOptions, new FractionFee(0.001), new FixedFractionSlippage(0.0005), _orders,
        new LiquidityLimits { MaxVolumeShare = 0.01, Remainder = RemainderPolicy.Carry });

    /// <summary>MultiAsset10x100K with a stop-loss, a trailing stop and a time stop on every symbol.</summary>
    [Benchmark]
    public PortfolioSummary MultiAsset10x100KStops() => PortfolioSimulator.FromSignals(_universe, new PortfolioSignals(_entries, _exits),
        _portfolioStops, new FractionFee(0.001), new FixedFractionSlippage(0.0005), _portfolio);

    /// <summary>MultiAsset10x100K through the event-driven driver, the strategy replaying the signal columns.</summary>
    [Benchmark]
    public PortfolioSummary MultiAsset10x100KEventDriven()
    {
        var replay = new PortfolioReplay(_entries, _exits, _universe.Length);
        return PortfolioSimulator.Run(_universe, ref replay, _portfolioOptions, new FractionFee(0.001), new FixedFractionSlippage(0.0005), _portfolio);
    }

    /// <summary>The SingleRun1M signals (signal-close fills, all cash) through the event-driven driver.</summary>
    [Benchmark]
    public SimulationSummary EventDriven1M()
    {
        var replay = new BarReplay(_entries1M, _exits1M);
        return EventDrivenSimulator.Run(_bars, ref replay, _signalOptions, default(Execution.FillModels.PessimisticFillModel),
            new FractionFee(0.001), new FixedFractionSlippage(0.0005), _orders);
    }

    /// <summary>The SingleRun1M signals with every fill capped at 1 % of its bar's volume, remainders carried.</summary>
    [Benchmark]
    public SimulationSummary SignalsVolumeCap1M() => SignalSimulator.FromSignals(_bars, new SignalInputs(_entries1M, _exits1M),
        _cappedOptions, default(Execution.FillModels.PessimisticFillModel), new FractionFee(0.001), new FixedFractionSlippage(0.0005), _orders);

    private struct BarReplay(bool[] entries, bool[] exits) : IBarStrategy
    {
        public readonly void OnBar(ref StrategyContext context)
        {
            if (entries[context.Bar]) context.EnterLong();
            if (exits[context.Bar]) context.ExitLong();
        }
    }

    private struct PortfolioReplay(bool[] entries, bool[] exits, int bars) : IPortfolioStrategy
    {
        public readonly void OnBar(ref PortfolioContext context)
        {
            for (int s = 0, k = context.Bar; s < context.SymbolCount; s++, k += bars)
            {
                if (entries[k]) context.EnterLong(s);
                if (exits[k]) context.ExitLong(s);
            }
        }
    }
}
