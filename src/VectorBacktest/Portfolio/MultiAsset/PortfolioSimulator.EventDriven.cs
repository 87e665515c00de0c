using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;

namespace VectorBacktest.Portfolio.MultiAsset;

public static partial class PortfolioSimulator
{
    /// <summary>Runs <paramref name="strategy"/> over <paramref name="universe"/> with the pessimistic fill model
    /// (see <see cref="Run{TStrategy, TFill, TFee, TSlippage}"/>).</summary>
    /// <param name="universe">The symbols on one time index (NaN where a symbol has no bar).</param>
    /// <param name="strategy">The strategy (a struct is updated in place).</param>
    /// <param name="options">Cash, timing, sizing, exits, risk limits, lot rules, record level.</param>
    /// <param name="fee">Fee model.</param>
    /// <param name="slippage">Slippage model.</param>
    /// <param name="workspace">Receives the records and per-bar series.</param>
    /// <param name="atr">ATR per symbol and bar, symbol-major (for volatility-target sizing and ATR-multiple exits; empty otherwise).</param>
    /// <param name="fundingRate">Funding rate per symbol and bar, symbol-major like <see cref="PortfolioSignals.FundingRate"/> (empty: none).</param>
    /// <param name="depths">One order book per symbol (null: none), or empty for none (see <see cref="Run{TStrategy, TFill, TFee, TSlippage}"/>).</param>
    /// <returns>The run's summary.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">As for <see cref="Run{TStrategy, TFill, TFee, TSlippage}"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option out of range.</exception>
    public static PortfolioSummary Run<TStrategy, TFee, TSlippage>(Universe universe, ref TStrategy strategy, PortfolioOptions options,
        TFee fee, TSlippage slippage, PortfolioWorkspace workspace, ReadOnlySpan<double> atr = default, ReadOnlySpan<double> fundingRate = default,
        ReadOnlySpan<OrderBookDepth?> depths = default)
        where TStrategy : IPortfolioStrategy where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel =>
        Run(universe, ref strategy, options, default(PessimisticFillModel), fee, slippage, workspace, atr, fundingRate, depths);

    /// <summary>
    /// The bar-by-bar multi-asset driver: calls <paramref name="strategy"/> on every bar of the universe's index and executes its
    /// per-symbol requests through the same shared-cash run as <see cref="FromSignals{TFill, TFee, TSlippage}"/> (sales before
    /// purchases within a bar, sizing, exits, risk limits, missing bars), so a strategy that replays signal columns gives
    /// identical orders, trades, summary and equity (a property test keeps it so).
    /// </summary>
    /// <remarks>
    /// Per bar <c>t</c> under next-open timing: the requests of bar <c>t − 1</c> fill at bar <c>t</c>'s open; the exit levels are
    /// checked against bar <c>t</c>; the strategy sees bar <c>t</c> (<see cref="PortfolioContext"/>); the portfolio is marked at
    /// the close. Under signal-close timing: exit levels, the strategy, its requests filled at bar <c>t</c>'s close (a symbol whose
    /// exit level closed it on the bar has that bar's requests dropped), the mark. A request on the last bar under next-open
    /// timing is rejected with <see cref="RejectReason.EndOfData"/>. Nothing is allocated per bar (a struct strategy is called
    /// without a virtual call); once the workspace has grown to a run's size, nothing is allocated at all.
    /// </remarks>
    /// <param name="universe">The symbols on one time index (NaN where a symbol has no bar).</param>
    /// <param name="strategy">The strategy (a struct is updated in place).</param>
    /// <param name="options">Cash, timing, sizing, exits, risk limits, lot rules, record level.</param>
    /// <param name="fill">Intra-bar fill model for the exit levels.</param>
    /// <param name="fee">Fee model (exits at a take-profit are makers, every other fill a taker).</param>
    /// <param name="slippage">Slippage model.</param>
    /// <param name="workspace">Receives the records and per-bar series.</param>
    /// <param name="atr">ATR per symbol and bar in quote currency, symbol-major like <see cref="PortfolioSignals.Atr"/> (for
    /// volatility-target sizing and ATR-multiple exits, read on the decision bar; empty otherwise).</param>
    /// <param name="fundingRate">Funding rate per symbol and bar, symbol-major, with the conventions of
    /// <see cref="PortfolioSignals.FundingRate"/> (empty: none).</param>
    /// <param name="depths">One order book per symbol (null: none for that symbol), or empty for none, walked by the symbol's fills
    /// as in <see cref="FromSignals{TFill, TFee, TSlippage}"/>.</param>
    /// <returns>The run's summary.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="atr"/> or <paramref name="fundingRate"/> of the wrong length, or empty while the sizing or exits need it;
    /// <paramref name="depths"/> neither empty nor one per symbol, or a book not covering the bars; as for
    /// <see cref="FromSignals{TFill, TFee, TSlippage}"/> otherwise.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option out of range; a request for a symbol index outside the universe.</exception>
    public static PortfolioSummary Run<TStrategy, TFill, TFee, TSlippage>(Universe universe, ref TStrategy strategy, PortfolioOptions options,
        TFill fill, TFee fee, TSlippage slippage, PortfolioWorkspace workspace, ReadOnlySpan<double> atr = default,
        ReadOnlySpan<double> fundingRate = default, ReadOnlySpan<OrderBookDepth?> depths = default)
        where TStrategy : IPortfolioStrategy
        where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
    {
        ArgumentNullException.ThrowIfNull(universe);
        // Not ThrowIfNull(object): that would box a struct strategy on every run.
        if (strategy is null) throw new ArgumentNullException(nameof(strategy));
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(workspace);
        options.Validate();
        int symbols = universe.SymbolCount, n = universe.Length;
        if (atr.Length != 0 && atr.Length != (long)symbols * n)
            throw new ArgumentException($"atr has {atr.Length} values but symbols × bars is {(long)symbols * n} (symbol-major).", nameof(atr));
        if (fundingRate.Length != 0 && fundingRate.Length != (long)symbols * n)
            throw new ArgumentException($"fundingRate has {fundingRate.Length} values but symbols × bars is {(long)symbols * n} (symbol-major).", nameof(fundingRate));
        RequireAtr(options, atr, n, nameof(atr), nameof(atr));
        RequireSignalLiquidity(options, n);
        bool booked = ValidateDepths(depths, symbols, n);
        workspace.Reset(symbols, n);
        if (workspace.Requests.Length < symbols) workspace.Requests = new byte[symbols];
        var requests = workspace.Requests.AsSpan(0, symbols);
        if (workspace.RequestLevels.Length < 4 * symbols) workspace.RequestLevels = new double[4 * symbols];
        var levels = workspace.RequestLevels.AsSpan(0, 4 * symbols);
        var run = new PortfolioRun<TFill, TFee, TSlippage>(universe, options, fill, fee, slippage, workspace);
        run.UseAtr(atr);
        run.UseFunding(fundingRate, nameof(fundingRate));
        if (booked) run.UseDepths(depths);
        for (int t = 0; t < n; t++)
        {
            run.BeforeDecisions(t);
            requests.Clear();
            var context = run.Context(t, requests, levels);
            strategy.OnBar(ref context);
            run.Request(context, t);
            run.AfterDecisions(t);
        }
        if (n > 0) run.ExpireCarried(n - 1);
        return run.Finish();
    }
}
