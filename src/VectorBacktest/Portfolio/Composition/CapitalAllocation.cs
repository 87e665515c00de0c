using VectorBacktest.Data;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio.MultiAsset;

namespace VectorBacktest.Portfolio.Composition;

/// <summary>
/// Several strategies combined by fixed capital weights: each runs on its own sleeve of <c>weight × initial cash</c> through
/// <see cref="EventDrivenSimulator"/> (or, for multi-asset strategies, <see cref="PortfolioSimulator"/>) with the same options and models, and the portfolio is the sum of the sleeves
/// (equity per bar, final equity). Sleeves never borrow from one another, so the sum is exact (no rebalancing between sleeves).
/// </summary>
public static class CapitalAllocation
{
    /// <summary>Runs every strategy on its sleeve.</summary>
    /// <param name="bars">The bars.</param>
    /// <param name="strategies">The strategies (their state is updated), at least one.</param>
    /// <param name="weights">One weight per strategy, each &gt; 0, summing to at most 1 (the rest stays in cash).</param>
    /// <param name="options">Options of every sleeve; its <see cref="SimulationOptions.InitialCash"/> is the total.</param>
    /// <param name="fill">Fill model.</param>
    /// <param name="fee">Fee model.</param>
    /// <param name="slippage">Slippage model.</param>
    /// <returns>The sleeves' results and the combined equity.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">No strategies, a null one, or weights of another count.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A weight ≤ 0 or not finite, or weights summing to more than 1.</exception>
    public static AllocationResult<SimulationResult> Run<TFill, TFee, TSlippage>(BarSeries bars, IReadOnlyList<IBarStrategy> strategies,
        IReadOnlyList<double> weights, SimulationOptions options, TFill fill, TFee fee, TSlippage slippage)
        where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(strategies);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(options);
        double total = WeightSum(strategies.Count, weights);

        var sleeves = new SimulationResult[strategies.Count];
        var equity = new double[bars.Length];
        double idle = options.InitialCash * (1 - Math.Min(total, 1));
        equity.AsSpan().Fill(idle);
        double final = idle;
        var workspace = new SimulationWorkspace();
        for (int i = 0; i < sleeves.Length; i++)
        {
            var strategy = strategies[i] ?? throw new ArgumentException($"Strategy {i} is null.", nameof(strategies));
            var sleeveOptions = options with { InitialCash = options.InitialCash * weights[i] };
            var summary = EventDrivenSimulator.Run(bars, ref strategy, sleeveOptions, fill, fee, slippage, workspace);
            sleeves[i] = SimulationResult.Capture(summary, workspace);
            var curve = sleeves[i].EquityCurve(bars);
            for (int t = 0; t < equity.Length; t++) equity[t] += curve.Equity[t];
            final += summary.FinalEquity;
        }
        return new AllocationResult<SimulationResult>(options.InitialCash, final, sleeves, equity);
    }

    /// <summary>Runs every multi-asset strategy on its sleeve of the universe through
    /// <see cref="PortfolioSimulator.Run{TStrategy, TFill, TFee, TSlippage}"/>; each sleeve shares cash among its own symbols only.</summary>
    /// <param name="universe">The symbols on one time index.</param>
    /// <param name="strategies">The strategies (their state is updated), at least one.</param>
    /// <param name="weights">One weight per strategy, each &gt; 0, summing to at most 1 (the rest stays in cash).</param>
    /// <param name="options">Options of every sleeve; its <see cref="PortfolioOptions.InitialCash"/> is the total.</param>
    /// <param name="fill">Fill model.</param>
    /// <param name="fee">Fee model.</param>
    /// <param name="slippage">Slippage model.</param>
    /// <param name="atr">ATR per symbol and bar, symbol-major (see <see cref="PortfolioSimulator.Run{TStrategy, TFill, TFee, TSlippage}"/>).</param>
    /// <returns>The sleeves' summaries and the combined equity.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">No strategies, a null one, or weights of another count; as for the driver.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A weight ≤ 0 or not finite, or weights summing to more than 1.</exception>
    public static AllocationResult<PortfolioSummary> Run<TFill, TFee, TSlippage>(Universe universe, IReadOnlyList<IPortfolioStrategy> strategies,
        IReadOnlyList<double> weights, PortfolioOptions options, TFill fill, TFee fee, TSlippage slippage, ReadOnlySpan<double> atr = default)
        where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
    {
        ArgumentNullException.ThrowIfNull(universe);
        ArgumentNullException.ThrowIfNull(strategies);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(options);
        double total = WeightSum(strategies.Count, weights);

        var sleeves = new PortfolioSummary[strategies.Count];
        var equity = new double[universe.Length];
        double idle = options.InitialCash * (1 - Math.Min(total, 1));
        equity.AsSpan().Fill(idle);
        double final = idle;
        var workspace = new PortfolioWorkspace();
        for (int i = 0; i < sleeves.Length; i++)
        {
            var strategy = strategies[i] ?? throw new ArgumentException($"Strategy {i} is null.", nameof(strategies));
            var sleeveOptions = options with { InitialCash = options.InitialCash * weights[i] };
            sleeves[i] = PortfolioSimulator.Run(universe, ref strategy, sleeveOptions, fill, fee, slippage, workspace, atr);
            var curve = workspace.Equity;
            for (int t = 0; t < equity.Length; t++) equity[t] += curve[t];
            final += sleeves[i].FinalEquity;
        }
        return new AllocationResult<PortfolioSummary>(options.InitialCash, final, sleeves, equity);
    }

    /// <exception cref="ArgumentException">No strategies, or weights of another count.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A weight ≤ 0 or not finite, or weights summing to more than 1.</exception>
    private static double WeightSum(int strategies, IReadOnlyList<double> weights)
    {
        if (strategies == 0) throw new ArgumentException("At least one strategy is required.", nameof(strategies));
        if (weights.Count != strategies)
            throw new ArgumentException($"{weights.Count} weights for {strategies} strategies.", nameof(weights));
        double total = 0;
        for (int i = 0; i < weights.Count; i++)
        {
            if (!(weights[i] > 0 && double.IsFinite(weights[i])))
                throw new ArgumentOutOfRangeException(nameof(weights), weights[i], $"Weight {i} must be finite and > 0.");
            total += weights[i];
        }
        if (total > 1 + 1e-12) throw new ArgumentOutOfRangeException(nameof(weights), total, "The weights sum to more than 1.");
        return total;
    }
}
