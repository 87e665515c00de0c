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
/// A time stop acts on its bar when the strategy requested nothing actionable. Non-market entries
/// (<see cref="SimulationOptions.Entry"/>, or the order of <see cref="StrategyContext.PlaceLong"/>) rest as working orders,
/// matched at the start of each bar after the market fill, by the rules of <see cref="EntryOrder"/>. Amendments,
/// cancellations and moved exit levels (<see cref="StrategyContext.AmendOrder"/>, <see cref="StrategyContext.CancelOrder"/>,
/// <see cref="StrategyContext.SetStopLoss"/>) are applied right after the strategy's call, before its requests, and act from the
/// next bar.
/// </remarks>
public static class EventDrivenSimulator
{
    /// <summary>Runs <paramref name="strategy"/> over <paramref name="bars"/>.</summary>
    /// <param name="bars">The bars.</param>
    /// <param name="strategy">The strategy (a struct is updated in place).</param>
    /// <param name="options">Cash, timing, sizing, exits, lot rules, risk limits, end-of-data policy, record level.</param>
    /// <param name="fill">Which of two exit levels inside one bar fills first.</param>
    /// <param name="fee">Fee model.</param>
    /// <param name="slippage">Slippage model.</param>
    /// <param name="workspace">Receives the orders and trades.</param>
    /// <param name="atr">ATR column for ATR-multiple exits (empty otherwise).</param>
    /// <param name="fundingRate">Funding rate per bar (see <see cref="SignalInputs.FundingRate"/>; empty for none).</param>
    /// <returns>The run's summary.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">As for <see cref="SignalSimulator.FromSignals{TFill, TFee, TSlippage}"/>.</exception>
    public static SimulationSummary Run<TStrategy, TFill, TFee, TSlippage>(BarSeries bars, ref TStrategy strategy, SimulationOptions options,
        TFill fill, TFee fee, TSlippage slippage, SimulationWorkspace workspace, ReadOnlySpan<double> atr = default, ReadOnlySpan<double> fundingRate = default)
        where TStrategy : IBarStrategy
        where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
    {
        ArgumentNullException.ThrowIfNull(bars);
        // Not ThrowIfNull(object): it would box a struct strategy on every run.
        if (strategy is null) throw new ArgumentNullException(nameof(strategy));
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(workspace);
        options.Validate();
        SignalSimulator.ValidateSignalOptions(options, bars.Length, !fundingRate.IsEmpty);
        int n = bars.Length;
        if (atr.Length != 0 && atr.Length != n) throw new ArgumentException($"atr has {atr.Length} values but there are {n} bars.", nameof(atr));
        if (fundingRate.Length != 0 && fundingRate.Length != n)
            throw new ArgumentException($"fundingRate has {fundingRate.Length} values but there are {n} bars.", nameof(fundingRate));
        if (n == 0)
        {
            workspace.Reset();
            return new SimulationSummary { InitialCash = options.InitialCash, FinalEquity = options.InitialCash };
        }
        var book = new SingleAssetBook<TFill, TFee, TSlippage>(bars, atr, fundingRate, options, fill, fee, slippage, workspace);
        Drive(ref book, bars, ref strategy, options);
        return book.Finish(options.EndOfData);
    }

    // The bar loop, shared with SignalSimulator.FromSignals when the risk controls need equity marked at every close or an
    // entry's remainder is carried.
    internal static void Drive<TStrategy, TFill, TFee, TSlippage>(ref SingleAssetBook<TFill, TFee, TSlippage> book, BarSeries bars,
        ref TStrategy strategy, SimulationOptions options)
        where TStrategy : IBarStrategy, allows ref struct
        where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
    {
        int n = bars.Length;
        bool tracks = book.TracksEquity;
        bool carries = SignalSimulator.CarriesRemainder(options);
        bool accumulate = options.Accumulate;
        var carry = default(CarriedRemainder);
        bool nextOpen = options.Timing == FillTiming.NextOpen;
        var pending = SignalAction.None;
        var pendingReason = ExitReason.Signal;
        double pendingStop = double.NaN, pendingTarget = double.NaN;
        var working = default(WorkingOrder);
        bool hasWorking = false;
        int levelsFrom = 0;
        for (int t = 0; t < n; t++)
        {
            // Bar t − 1's close is marked here: nothing fills between it and this point.
            if (tracks && t > 0)
            {
                MarkAndHalt(ref book, t - 1, nextOpen);
                if (carries) carry.EndIfStale(ref book, nextOpen ? t : t - 1);
            }
            if (nextOpen)
            {
                bool opened = false;
                // An exit's carried remainder is the older order: it works at the open before the request decided last bar.
                if (carries) WorkExit(ref book, ref carry, t, book.Open[t], true, ref levelsFrom);
                if (pending != SignalAction.None)
                {
                    opened = Execute(ref book, pending, pendingReason, t - 1, t, book.Open[t], pendingStop, pendingTarget);
                    if (opened) levelsFrom = t;
                    pending = SignalAction.None;
                }
                if (carries)
                {
                    carry.EndIfStale(ref book, t);
                    if (opened) carry.Start(ref book, t - 1, t);
                    else carry.Work(ref book, t, book.Open[t], true);
                }
            }
            if (hasWorking)
            {
                // A reversal whose closing half was cut by the liquidity limits opens only once flat.
                if (book.Side == PositionSide.Flat && book.TryFillEntry(ref working, t))
                {
                    hasWorking = false;
                    levelsFrom = t + 1;
                    if (carries) carry.Start(ref book, working.DecisionBar, t);
                }
                else if (t == working.LastBar)
                {
                    book.EndEntry(working, t, working.EndsWithData ? RejectReason.EndOfData : RejectReason.Expired);
                    hasWorking = false;
                }
            }
            bool exitedByLevel = book.Side != PositionSide.Flat && !book.ExitPending && t >= levelsFrom && book.HasPriceLevels
                && book.CheckExitLevels(t);
            if (carries)
            {
                carry.EndIfStale(ref book, t);
                if (!nextOpen)
                {
                    WorkExit(ref book, ref carry, t, book.Close[t], false, ref levelsFrom);
                    carry.Work(ref book, t, book.Close[t], false);
                }
            }

            var context = new StrategyContext(bars, t, book.Side, book.Quantity, book.EntryPrice, book.Balance, accumulate, hasWorking, working);
            strategy.OnBar(ref context);
            if (context.Amends) Amend(ref book, ref context, ref working, ref hasWorking, t);
            if (hasWorking)
            {
                // A working entry reads requests as if its position were held: an exit cancels it, a reversal replaces it.
                var onWorking = SignalDecision.Decide(working.Side == OrderSide.Buy ? PositionSide.Long : PositionSide.Short,
                    context.LongEntry, context.LongExit, context.ShortEntry, context.ShortExit);
                if (onWorking == SignalAction.None) continue;
                book.EndEntry(working, t, RejectReason.Cancelled);
                hasWorking = false;
                if (onWorking == SignalAction.Close) continue;
                var replacement = context.EntryOrderFor(onWorking, options.Entry);
                if (replacement.Type != OrderType.Market)
                {
                    var (stop, target) = context.EntryLevels(onWorking);
                    working = book.PlaceEntry(replacement, onWorking == SignalAction.ReverseToLong ? PositionSide.Long : PositionSide.Short, t, stop, target);
                    hasWorking = PlaceOrReject(ref book, working, t, n);
                    continue;
                }
                // A market request replaces it: the order is gone, so the request executes as when none works.
            }
            var action = accumulate
                ? SignalDecision.Decide(book.Side, context.LongEntry, context.LongExit, context.ShortEntry, context.ShortExit, true)
                : context.Decision;
            if (book.ExitPending)
            {
                // The exit is already working; only a reversal's new side is remembered, to open once flat.
                if (action is SignalAction.ReverseToLong or SignalAction.ReverseToShort && context.EntryOrderFor(action, options.Entry).Type == OrderType.Market)
                {
                    var (stop, target) = context.EntryLevels(action);
                    book.DeferReversal(action == SignalAction.ReverseToLong ? PositionSide.Long : PositionSide.Short, t, t, stop, target);
                }
                continue;
            }
            if (action == SignalAction.Add && !book.CanAdd) action = SignalAction.None;
            var reason = action is SignalAction.ReverseToLong or SignalAction.ReverseToShort ? ExitReason.Reverse : ExitReason.Signal;
            if (action is SignalAction.None or SignalAction.Add && book.Side != PositionSide.Flat && book.TimeStopBar == t)
            {
                action = SignalAction.Close;
                reason = ExitReason.TimeStop;
            }
            if (action == SignalAction.None || exitedByLevel && !nextOpen) continue;
            var entry = action is SignalAction.Close ? default : context.EntryOrderFor(action, options.Entry);
            if (entry.Type != OrderType.Market)
            {
                // The entry becomes a working order; a reversal first closes at market by the fill timing.
                if (action is SignalAction.ReverseToLong or SignalAction.ReverseToShort)
                {
                    if (nextOpen && t == n - 1)
                    {
                        RejectAtEnd(ref book, action, reason, t);
                        break;
                    }
                    if (nextOpen) pending = SignalAction.Close;
                    else book.ClosePosition(t, t, book.Close[t], ExitReason.Reverse, Liquidity.Taker, true, false);
                    pendingReason = ExitReason.Reverse;
                }
                var (entryStop, entryTarget) = context.EntryLevels(action);
                working = book.PlaceEntry(entry,
                    action is SignalAction.OpenLong or SignalAction.ReverseToLong ? PositionSide.Long : PositionSide.Short, t, entryStop, entryTarget);
                hasWorking = PlaceOrReject(ref book, working, t, n);
                continue;
            }
            if (!nextOpen)
            {
                var (stopLoss, takeProfit) = context.EntryLevels(action);
                bool opened = Execute(ref book, action, reason, t, t, book.Close[t], stopLoss, takeProfit);
                if (opened) levelsFrom = t + 1;
                if (carries)
                {
                    carry.EndIfStale(ref book, t);
                    if (opened) carry.Start(ref book, t, t);
                }
                continue;
            }
            if (t == n - 1)
            {
                RejectAtEnd(ref book, action, reason, t);
                break;
            }
            pending = action;
            pendingReason = reason;
            (pendingStop, pendingTarget) = context.EntryLevels(action);
        }
        if (tracks) MarkAndHalt(ref book, n - 1, nextOpen);
        if (carries)
        {
            book.EndExit(n - 1);
            carry.EndIfStale(ref book, n - 1);
            carry.End(ref book, n - 1);
        }
    }

    // Applies the strategy's amendments of bar t: a cancellation (recorded) or the amended working order, and moved exit levels.
    private static void Amend<TFill, TFee, TSlippage>(ref SingleAssetBook<TFill, TFee, TSlippage> book, ref StrategyContext context,
        ref WorkingOrder working, ref bool hasWorking, int t)
        where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
    {
        if (context.Cancelled)
        {
            book.EndEntry(context.Working, t, RejectReason.Cancelled);
            hasWorking = false;
        }
        else if (hasWorking) working = context.Working;
        if (context.SetsStopLoss || context.SetsTakeProfit)
            book.AmendExits(context.SetsStopLoss, context.NewStopLoss, context.SetsTakeProfit, context.NewTakeProfit);
    }

    // Works an exit's carried remainder at bar t's default price; a reversal waiting on it opens at the fill that makes the
    // position flat (its exit levels and any entry remainder start as for any entry filled there).
    private static void WorkExit<TFill, TFee, TSlippage>(ref SingleAssetBook<TFill, TFee, TSlippage> book, ref CarriedRemainder carry,
        int t, double price, bool atOpen, ref int levelsFrom)
        where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
    {
        if (!book.WorkExit(t, price, atOpen)) return;
        int decision = book.OpenDeferred(t, price, atOpen);
        if (decision < 0) return;
        levelsFrom = atOpen ? t : t + 1;
        carry.Start(ref book, decision, t);
    }

    // An entry's remainder left by the liquidity limits under RemainderPolicy.Carry: worked on the following bars at their
    // default price (open or close by the timing) until filled; cancelled when its position closes, reverses, is added to or
    // starts an exit; EndOfData when the data ends first.
    private struct CarriedRemainder
    {
        private double _remaining;
        private int _decision, _bar, _position;
        private OrderSide _side;

        public void Start<TFill, TFee, TSlippage>(ref SingleAssetBook<TFill, TFee, TSlippage> book, int decision, int bar)
            where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
        {
            EndIfStale(ref book, bar);
            if (book.Side == PositionSide.Flat || !(book.Unfilled > 0)) return;
            _remaining = book.Unfilled;
            _decision = decision;
            _bar = bar;
            _position = book.PositionId;
            _side = book.Side == PositionSide.Long ? OrderSide.Buy : OrderSide.Sell;
        }

        public void Work<TFill, TFee, TSlippage>(ref SingleAssetBook<TFill, TFee, TSlippage> book, int bar, double price, bool atOpen)
            where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
        {
            if (_remaining > 0 && bar > _bar) _remaining = book.WorkCarry(_decision, bar, _remaining, price, atOpen);
        }

        public void EndIfStale<TFill, TFee, TSlippage>(ref SingleAssetBook<TFill, TFee, TSlippage> book, int bar)
            where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
        {
            if (_remaining > 0 && (book.Side == PositionSide.Flat || book.PositionId != _position || book.ExitPending))
                End(ref book, bar, RejectReason.Cancelled);
        }

        public void End<TFill, TFee, TSlippage>(ref SingleAssetBook<TFill, TFee, TSlippage> book, int bar, RejectReason reason = RejectReason.EndOfData)
            where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
        {
            if (!(_remaining > 0)) return;
            book.Reject(_decision, bar, _side, ExitReason.None, reason, _remaining, double.NaN);
            _remaining = 0;
        }
    }

    // Marks bar t's close; a drawdown stop fired there flattens at the next fill (bar t + 1's open, or bar t's close).
    private static void MarkAndHalt<TFill, TFee, TSlippage>(ref SingleAssetBook<TFill, TFee, TSlippage> book, int t, bool nextOpen)
        where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
    {
        book.MarkClose(t);
        if (!book.HaltPending) return;
        if (!nextOpen) book.Halt(t, t, false);
        else if (t + 1 < book.Close.Length) book.Halt(t, t + 1, true);
    }

    private static bool PlaceOrReject<TFill, TFee, TSlippage>(ref SingleAssetBook<TFill, TFee, TSlippage> book, in WorkingOrder order, int t, int n)
        where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
    {
        if (t + 1 < n) return true;
        book.EndEntry(order, t, RejectReason.EndOfData);
        return false;
    }

    private static void RejectAtEnd<TFill, TFee, TSlippage>(ref SingleAssetBook<TFill, TFee, TSlippage> book, SignalAction action, ExitReason reason, int t)
        where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
    {
        bool opening = action is SignalAction.OpenLong or SignalAction.OpenShort or SignalAction.Add;
        var side = action is SignalAction.OpenLong or SignalAction.ReverseToLong
            || (action == SignalAction.Close && book.Side == PositionSide.Short) || (action == SignalAction.Add && book.Side == PositionSide.Long)
            ? OrderSide.Buy : OrderSide.Sell;
        book.Reject(t, t, side, opening ? ExitReason.None : reason, RejectReason.EndOfData, opening ? 0 : Math.Abs(book.Quantity), double.NaN);
    }

    // Returns true when a position was opened or added to (so its exit levels are checked and an entry remainder carried).
    private static bool Execute<TFill, TFee, TSlippage>(ref SingleAssetBook<TFill, TFee, TSlippage> book, SignalAction action,
        ExitReason reason, int decisionBar, int fillBar, double price, double stopLoss, double takeProfit)
        where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
    {
        bool atOpen = fillBar > decisionBar;
        if (book.ExitPending)
        {
            // The drawdown halt started a carried exit at this open: the request waits on it like a signal during the exit.
            if (action is SignalAction.ReverseToLong or SignalAction.ReverseToShort)
                book.DeferReversal(action == SignalAction.ReverseToLong ? PositionSide.Long : PositionSide.Short, decisionBar, fillBar, stopLoss, takeProfit);
            return false;
        }
        switch (action)
        {
            case SignalAction.Add:
                // Not when the drawdown stop closed the position at this open.
                return book.CanAdd && book.OpenPosition(book.Side, decisionBar, fillBar, price, Liquidity.Taker, true, atOpen);
            case SignalAction.OpenLong:
                return book.OpenPosition(PositionSide.Long, decisionBar, fillBar, price, Liquidity.Taker, true, atOpen, double.NaN, stopLoss, takeProfit);
            case SignalAction.OpenShort:
                return book.OpenPosition(PositionSide.Short, decisionBar, fillBar, price, Liquidity.Taker, true, atOpen, double.NaN, stopLoss, takeProfit);
            case SignalAction.Close:
                // Flat only when the drawdown stop closed the position at this open.
                if (book.Side == PositionSide.Flat) return false;
                book.ClosePosition(decisionBar, fillBar, price, reason, Liquidity.Taker, true, atOpen);
                return false;
            default:
                var side = action == SignalAction.ReverseToLong ? PositionSide.Long : PositionSide.Short;
                if (book.Side != PositionSide.Flat) book.ClosePosition(decisionBar, fillBar, price, ExitReason.Reverse, Liquidity.Taker, true, atOpen);
                if (book.Side == PositionSide.Flat)
                    return book.OpenPosition(side, decisionBar, fillBar, price, Liquidity.Taker, true, atOpen, double.NaN, stopLoss, takeProfit);
                // The closing half was cut by the liquidity limits.
                book.DeferReversal(side, decisionBar, fillBar, stopLoss, takeProfit);
                return false;
        }
    }
}
