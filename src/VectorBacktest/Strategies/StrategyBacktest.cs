using VectorBacktest.Data;
using VectorBacktest.Portfolio;
using VectorBacktest.Results;

namespace VectorBacktest.Strategies;

/// <summary>One complete backtest: a strategy's signals on the bars, simulated under execution settings, into a <see cref="BacktestResult"/>.</summary>
public static class StrategyBacktest
{
    /// <summary>Generates the signals, runs the vectorized simulation (with the strategy's own per-entry stop-loss and
    /// take-profit prices when it places them) and builds the result with its description and statistics.</summary>
    /// <param name="bars">The bars to simulate.</param>
    /// <param name="strategy">The strategy.</param>
    /// <param name="settings">Execution settings.</param>
    /// <param name="data">Where the bars came from (<see cref="DataDescription.Of(BarSeries, string, string, Timeframe?)"/>);
    /// null: in-memory bars, hashed with <see cref="DataDescription.HashBars"/>.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">Bad settings (an unknown preset; risk-fraction sizing of an entry that has no
    /// stop-loss), bars that do not suit the strategy, or a value out of range (<see cref="ArgumentOutOfRangeException"/>).</exception>
    public static BacktestResult Run(BarSeries bars, ISignalStrategy strategy, ExecutionSettings settings, DataDescription? data = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(settings);
        var started = DateTimeOffset.UtcNow;
        var signals = strategy.Generate(bars);
        var workspace = new SimulationWorkspace();
        var summary = settings.Run(bars, signals.ToInputs(), workspace);
        var run = new RunDescription
        {
            Data = data ?? DataDescription.Of(bars),
            Strategy = strategy.Name,
            Parameters = strategy.Parameters,
            Execution = settings,
            StartedAt = started,
            FinishedAt = DateTimeOffset.UtcNow,
        };
        return BacktestResult.Create(run, bars, SimulationResult.Capture(summary, workspace), warmupBars: signals.WarmupBars);
    }
}
