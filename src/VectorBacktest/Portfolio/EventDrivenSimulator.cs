using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;

namespace VectorBacktest.Portfolio;

/// <summary>
/// The bar-by-bar driver: calls a strategy on every bar and executes its requests through the same fill-and-portfolio
/// engine as <see cref="SignalSimulator"/>, so a strategy that replays signal columns gives identical orders, trades
/// and equity (a property test keeps it so).
/// </summary>
/// <remarks>
/// Per bar <c>t</c> under next-open timing: requests decided on bar <c>t − 1</c> fill at bar <c>t</c>'s open; then the
/// exit levels are checked against bar <c>t</c>; then the strategy sees bar <c>t</c>. Under signal-close timing: exit
/// levels are checked; the strategy sees bar <c>t</c>; its requests fill at bar <c>t</c>'s close, except on a bar where
/// an exit level closed the position (that bar's requests are dropped, as vectorbt does, and not recorded).
/// A time stop acts on its bar when the strategy requested nothing actionable.
/// </remarks>
public static class EventDrivenSimulator
{
    /// <summary>Runs <paramref name="strategy"/> over <paramref name="bars"/>.</summary>
    /// <param name="bars">The bars.</param>
    /// <param name="strategy">The strategy (a struct is updated in place).</param>
    /// <param name="options">Cash, timing, sizing, exits, lot rules, end-of-data policy, record level.</param>
    /// <param name="fill">Which of two exit levels inside one bar fills first.</param>
    /// <param name="fee">Fee model.</param>
    /// <param name="slippage">Slippage model.</param>
    /// <param name="workspace">Receives the orders and trades.</param>
    /// <param name="atr">ATR column for ATR-multiple exits (empty otherwise).</param>
    /// <returns>The run's summary.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">As for <see cref="SignalSimulator.FromSignals{TFill, TFee, TSlippage}"/>.</exception>
    public static SimulationSummary Run<TStrategy, TFill, TFee, TSlippage>(BarSeries bars, ref TStrategy strategy, SimulationOptions options,
        TFill fill, TFee fee, TSlippage slippage, SimulationWorkspace workspace, ReadOnlySpan<double> atr = default)
        where TStrategy : IBarStrategy
        where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(workspace);
        options.Validate();
        int n = bars.Length;
        if (atr.Length != 0 && atr.Length != n) throw new ArgumentException($"atr has {atr.Length} values but there are {n} bars.", nameof(atr));
        if (n == 0)
        {
            workspace.Reset();
            return new SimulationSummary { InitialCash = options.InitialCash, FinalEquity = options.InitialCash };
        }
        var book = new SingleAssetBook<TFill, TFee, TSlippage>(bars, atr, options, fill, fee, slippage, workspace);
        bool nextOpen = options.Timing == FillTiming.NextOpen;
        var pending = SignalAction.None;
        var pendingReason = ExitReason.Signal;
        int levelsFrom = 0;
        for (int t = 0; t < n; t++)
        {
            if (nextOpen && pending != SignalAction.None)
            {
                if (Execute(ref book, pending, pendingReason, t - 1, t, book.Open[t])) levelsFrom = t;
                pending = SignalAction.None;
            }
            bool exitedByLevel = book.Side != PositionSide.Flat && t >= levelsFrom && book.HasPriceLevels && book.CheckExitLevels(t);

            var context = new StrategyContext(bars, t, book.Side, book.Quantity, book.EntryPrice, book.Balance);
            strategy.OnBar(ref context);
            var action = context.Decision;
            var reason = action is SignalAction.ReverseToLong or SignalAction.ReverseToShort ? ExitReason.Reverse : ExitReason.Signal;
            if (action == SignalAction.None && book.Side != PositionSide.Flat && book.TimeStopBar == t)
            {
                action = SignalAction.Close;
                reason = ExitReason.TimeStop;
            }
            if (action == SignalAction.None) continue;
            if (!nextOpen)
            {
                if (!exitedByLevel && Execute(ref book, action, reason, t, t, book.Close[t])) levelsFrom = t + 1;
                continue;
            }
            if (t == n - 1)
            {
                bool opening = action is SignalAction.OpenLong or SignalAction.OpenShort;
                var side = action is SignalAction.OpenLong or SignalAction.ReverseToLong || (action == SignalAction.Close && book.Side == PositionSide.Short)
                    ? OrderSide.Buy : OrderSide.Sell;
                book.Reject(t, t, side, opening ? ExitReason.None : reason, RejectReason.EndOfData,
                    opening ? 0 : Math.Abs(book.Quantity), double.NaN);
                break;
            }
            pending = action;
            pendingReason = reason;
        }
        return book.Finish(options.EndOfData);
    }

    // Returns true when a position was opened (so its exit levels start being checked).
    private static bool Execute<TFill, TFee, TSlippage>(ref SingleAssetBook<TFill, TFee, TSlippage> book, SignalAction action,
        ExitReason reason, int decisionBar, int fillBar, double price)
        where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
    {
        switch (action)
        {
            case SignalAction.OpenLong:
                return book.OpenPosition(PositionSide.Long, decisionBar, fillBar, price, Liquidity.Taker);
            case SignalAction.OpenShort:
                return book.OpenPosition(PositionSide.Short, decisionBar, fillBar, price, Liquidity.Taker);
            case SignalAction.Close:
                book.ClosePosition(decisionBar, fillBar, price, reason, Liquidity.Taker, true);
                return false;
            case SignalAction.ReverseToLong:
                book.ClosePosition(decisionBar, fillBar, price, ExitReason.Reverse, Liquidity.Taker, true);
                return book.OpenPosition(PositionSide.Long, decisionBar, fillBar, price, Liquidity.Taker);
            default:
                book.ClosePosition(decisionBar, fillBar, price, ExitReason.Reverse, Liquidity.Taker, true);
                return book.OpenPosition(PositionSide.Short, decisionBar, fillBar, price, Liquidity.Taker);
        }
    }
}
