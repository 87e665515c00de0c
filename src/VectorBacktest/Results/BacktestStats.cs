using VectorBacktest.Analysis;
using VectorBacktest.Data;
using VectorBacktest.Portfolio;
using VectorBacktest.Presets;

namespace VectorBacktest.Results;

/// <summary>
/// The statistics of one run: the default empyrical summary (<see cref="PerformanceSummary"/>, buy and hold of the
/// close as benchmark, bar 0 measured against the initial cash), the trade statistics, the engine's running totals,
/// and, when the run used a preset, that engine's own statistics (<see cref="BacktestingPyStats"/> or
/// <see cref="VectorbtStats"/>) so numbers can be compared key by key with it.
/// </summary>
public sealed record BacktestStats
{
    /// <summary>Starting cash, quote currency.</summary>
    public required double InitialCash { get; init; }

    /// <summary>Equity after the last bar, quote currency.</summary>
    public required double FinalEquity { get; init; }

    /// <summary>Orders filled.</summary>
    public required int FilledOrders { get; init; }

    /// <summary>Orders rejected (cancelled, expired, unaffordable, end of data).</summary>
    public required int RejectedOrders { get; init; }

    /// <summary>All fees paid, quote currency.</summary>
    public required double TotalFees { get; init; }

    /// <summary>The empyrical summary of the equity curve (its <see cref="PerformanceSummary.Trades"/> is <see cref="Trades"/>).</summary>
    public required PerformanceSummary Performance { get; init; }

    /// <summary>Trade statistics over every trade (open ones included in counts, excluded from win rate and profit factor).</summary>
    public required TradeStatistics Trades { get; init; }

    /// <summary>backtesting.py's statistics; set when the run used the backtesting.py preset.</summary>
    public BacktestingPyStats? BacktestingPy { get; init; }

    /// <summary>vectorbt's statistics; set when the run used the vectorbt preset.</summary>
    public VectorbtStats? Vectorbt { get; init; }

    /// <summary>Total return as a fraction, <c>FinalEquity / InitialCash − 1</c>.</summary>
    public double TotalReturn => FinalEquity / InitialCash - 1.0;

    /// <summary>Computes the statistics of a run.</summary>
    /// <param name="bars">The simulated bars.</param>
    /// <param name="summary">The engine's summary of the run.</param>
    /// <param name="trades">The run's trades.</param>
    /// <param name="equity">Equity per bar (as long as <paramref name="bars"/>).</param>
    /// <param name="presetName">The run's canonical preset name (<see cref="ExecutionSettings.PresetName"/>), or null.</param>
    /// <param name="warmupBars">The strategy's warm-up bars, the base bar of the backtesting.py Buy &amp; Hold return.</param>
    /// <exception cref="ArgumentException"><paramref name="equity"/> is not as long as the bars, or a trade lies outside them.</exception>
    public static BacktestStats Compute(BarSeries bars, SimulationSummary summary, ReadOnlySpan<TradeRecord> trades,
        ReadOnlySpan<double> equity, string? presetName, int warmupBars = 0)
    {
        ArgumentNullException.ThrowIfNull(bars);
        int n = bars.Length;
        if (equity.Length != n) throw new ArgumentException($"equity has {equity.Length} values but there are {n} bars.", nameof(equity));
        var samples = ToSamples(trades);
        var tradeStats = TradeStatistics.Compute(samples, n);
        var performance = PerformanceSummary.Compute(bars.Time, equity, bars.Close, summary.InitialCash, samples);
        BacktestingPyStats? btpy = null;
        VectorbtStats? vbt = null;
        if (n > 0 && presetName == BacktestingPyPreset.PresetName)
            btpy = BacktestingPyStats.Compute(bars.Time, equity, bars.Close, samples, warmupBars);
        else if (n > 0 && presetName == VectorbtPreset.PresetName)
            vbt = VectorbtStats.Compute(bars.Time, equity, bars.Close, samples, summary.InitialCash, TimeSpan.FromMilliseconds(BarMilliseconds(bars)));
        return new BacktestStats
        {
            InitialCash = summary.InitialCash,
            FinalEquity = summary.FinalEquity,
            FilledOrders = summary.FilledOrders,
            RejectedOrders = summary.RejectedOrders,
            TotalFees = summary.TotalFees,
            Performance = performance with { Trades = tradeStats },
            Trades = tradeStats,
            BacktestingPy = btpy,
            Vectorbt = vbt,
        };
    }

    /// <summary>The engine's trades as the analysis layer's samples (fees = entry + exit fee, funding inside the PnL).</summary>
    /// <param name="trades">The trades.</param>
    public static TradeSample[] ToSamples(ReadOnlySpan<TradeRecord> trades)
    {
        var samples = new TradeSample[trades.Length];
        for (int i = 0; i < trades.Length; i++)
        {
            ref readonly var t = ref trades[i];
            samples[i] = new TradeSample(t.EntryBar, t.ExitBar, t.EntryTime, t.ExitTime, t.Size, t.EntryPrice, t.ExitPrice,
                t.Commission, t.Pnl, t.Return, t.IsOpen);
        }
        return samples;
    }

    private static long BarMilliseconds(BarSeries bars) =>
        bars.Timeframe.Milliseconds > 0 ? bars.Timeframe.Milliseconds
        : bars.Length > 1 && Timeframe.Infer(bars.Time) is { } inferred ? inferred.Milliseconds : 60_000L;
}
