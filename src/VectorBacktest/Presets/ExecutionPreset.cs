using VectorBacktest.Data;
using VectorBacktest.Portfolio;

namespace VectorBacktest.Presets;

/// <summary>
/// A named set of execution conventions, options plus models, so that results can be compared with another
/// engine's: <see cref="BacktestingPyPreset"/> and <see cref="VectorbtPreset"/>. The models are fixed per preset, so
/// a run still goes through the struct-generic simulator (one virtual call per run, none per bar).
/// </summary>
public abstract class ExecutionPreset
{
    private protected ExecutionPreset() { }

    /// <summary>The preset's name as accepted by <see cref="Create"/>.</summary>
    public abstract string Name { get; }

    /// <summary>The simulation options the preset runs with.</summary>
    public abstract SimulationOptions Options { get; }

    /// <summary>Runs the vectorized simulation under this preset.</summary>
    /// <param name="bars">The bars.</param>
    /// <param name="signals">Signal columns (see <see cref="SignalInputs"/>).</param>
    /// <param name="workspace">Receives the orders and trades.</param>
    /// <returns>The run's summary.</returns>
    /// <exception cref="ArgumentException">Bad input, as for <see cref="SignalSimulator.FromSignals{TFill, TFee, TSlippage}"/>.</exception>
    public abstract SimulationSummary Run(BarSeries bars, SignalInputs signals, SimulationWorkspace workspace);

    /// <summary>Names accepted by <see cref="Create"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [BacktestingPyPreset.PresetName, VectorbtPreset.PresetName];

    /// <summary>
    /// A preset by name (case-insensitive): <c>backtesting.py</c> (alias <c>btpy</c>) or <c>vectorbt</c> (alias <c>vbt</c>).
    /// </summary>
    /// <param name="name">The preset's name.</param>
    /// <param name="initialCash">Starting cash, &gt; 0.</param>
    /// <param name="feeRate">Fee as a fraction of notional on every fill (backtesting.py's <c>commission</c>, vectorbt's <c>fees</c>).</param>
    /// <param name="slippage">backtesting.py: <c>spread</c> paid on entry; vectorbt: <c>slippage</c> on every signal fill.</param>
    /// <param name="stopLoss">Stop-loss fraction of the reference price, or 0 for none.</param>
    /// <param name="takeProfit">Take-profit fraction of the reference price, or 0 for none.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a known preset (the message lists them).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range.</exception>
    public static ExecutionPreset Create(string name, double initialCash, double feeRate = 0, double slippage = 0,
        double stopLoss = 0, double takeProfit = 0)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "backtesting.py" or "backtestingpy" or "btpy" => new BacktestingPyPreset(initialCash, feeRate, slippage, stopLoss, takeProfit),
            "vectorbt" or "vbt" => new VectorbtPreset(initialCash, feeRate, slippage, stopLoss, takeProfit),
            _ => throw new ArgumentException($"Unknown execution preset '{name}'. Known presets: {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    /// <exception cref="ArgumentOutOfRangeException">A fraction out of range.</exception>
    private protected static Execution.ExitRules FractionExits(double stopLoss, double takeProfit)
    {
        if (!(stopLoss >= 0 && stopLoss < 1))
            throw new ArgumentOutOfRangeException(nameof(stopLoss), stopLoss, "The stop-loss fraction must be in [0, 1) (0 = none).");
        if (!(takeProfit >= 0 && double.IsFinite(takeProfit)))
            throw new ArgumentOutOfRangeException(nameof(takeProfit), takeProfit, "The take-profit fraction must be finite and >= 0 (0 = none).");
        return new Execution.ExitRules
        {
            StopLoss = stopLoss > 0 ? Execution.ExitLevel.Fraction(stopLoss) : Execution.ExitLevel.None,
            TakeProfit = takeProfit > 0 ? Execution.ExitLevel.Fraction(takeProfit) : Execution.ExitLevel.None,
            Reference = Execution.StopReference.SignalClose,
        };
    }
}
