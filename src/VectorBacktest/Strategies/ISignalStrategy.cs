using VectorBacktest.Data;

namespace VectorBacktest.Strategies;

/// <summary>
/// A strategy that turns a bar series into signal columns for <see cref="Portfolio.SignalSimulator.FromSignals{TFill, TFee, TSlippage}"/>.
/// </summary>
/// <remarks>
/// The value a strategy writes on bar <c>t</c> depends on bars <c>0…t</c> only: SMC inputs are computed in
/// <see cref="Indicators.Smc.SmcMode.Causal"/> mode and an event is read on bar <c>t</c> only when its <c>KnownAt ≤ t</c>.
/// Hence signals computed on a prefix of the bars equal the first rows of those computed on the whole series (tested
/// for every shipped strategy).
/// </remarks>
public interface ISignalStrategy
{
    /// <summary>The registry name (<see cref="StrategyRegistry"/>), e.g. <c>sma-crossover</c>.</summary>
    string Name { get; }

    /// <summary>Every parameter's value as invariant text, in declaration order (what a run description records).</summary>
    IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }

    /// <summary>Computes the signal columns for <paramref name="bars"/>.</summary>
    /// <param name="bars">The bars (one symbol, one timeframe).</param>
    /// <returns>Columns as long as <paramref name="bars"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="bars"/> is null.</exception>
    /// <exception cref="ArgumentException">The bars do not suit the strategy (e.g. a higher timeframe that is not a
    /// multiple of theirs).</exception>
    StrategySignals Generate(BarSeries bars);
}
