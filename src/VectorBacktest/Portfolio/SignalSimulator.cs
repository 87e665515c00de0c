using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;

namespace VectorBacktest.Portfolio;

/// <summary>
/// The vectorized single-asset pass: signal columns in, orders, trades and a summary out. Its work is proportional
/// to the number of events, not bars: it jumps to the next bar carrying an actionable signal (a SIMD scan of the
/// signal columns) or, while a position is open, to the next bar whose range reaches an exit level (a SIMD scan of
/// low/high against the levels), and calls the shared fill engine only there.
/// </summary>
/// <remarks>
/// <para>Timeline of a decision on bar <c>t</c> (see <see cref="FillTiming"/>): under next-open timing, exit levels
/// are checked on bars up to and including <c>t</c>, then the order fills at bar <c>t + 1</c>'s open; a position
/// closed by an exit level on bar <c>k</c> can be re-entered by a signal on bar <c>k</c>'s close. Under signal-close
/// timing the order fills at bar <c>t</c>'s close, and an exit level reached on bar <c>t</c> pre-empts the signal.</para>
/// <para>Nothing is allocated per run once the workspace has grown to the run's number of records.</para>
/// </remarks>
public static class SignalSimulator
{
    /// <summary>Runs the simulation with the given fill, fee and slippage models.</summary>
    /// <param name="bars">The bars (validated series: finite prices, high ≥ low).</param>
    /// <param name="signals">Signal columns, each empty or as long as <paramref name="bars"/>.</param>
    /// <param name="options">Cash, timing, sizing, exits, lot rules, risk limits, end-of-data policy, record level.</param>
    /// <param name="fill">Which of two exit levels inside one bar fills first (e.g. <see cref="PessimisticFillModel"/>).</param>
    /// <param name="fee">Fee model (e.g. <see cref="FractionFee"/>).</param>
    /// <param name="slippage">Slippage model (e.g. <see cref="FixedFractionSlippage"/>).</param>
    /// <param name="workspace">Receives the orders and trades (at <see cref="RecordLevel.Full"/>); reused across runs.</param>
    /// <returns>The running summary.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Signal columns of the wrong length; an order that must fill on a bar whose price
    /// is NaN or &lt;= 0; an exit level on the wrong side of its reference, or a <see cref="SignalInputs.StopLossPrice"/> /
    /// <see cref="SignalInputs.TakeProfitPrice"/> on the wrong side of its decision close; risk-fraction sizing of an entry
    /// without a stop-loss (paramName <c>Sizing</c>); an ATR-multiple exit without a usable ATR;
    /// <see cref="SimulationOptions.Liquidity"/> with a depth not covering the bars or with a funding column,
    /// <see cref="RemainderPolicy.Carry"/> with leverage; <see cref="SimulationOptions.Accumulate"/> with a non-market entry,
    /// leverage or a funding column.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option out of range.</exception>
    public static SimulationSummary FromSignals<TFill, TFee, TSlippage>(BarSeries bars, SignalInputs signals, SimulationOptions options,
        TFill fill, TFee fee, TSlippage slippage, SimulationWorkspace workspace)
        where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(workspace);
        options.Validate();
        ValidateSignalOptions(options, bars.Length, !signals.FundingRate.IsEmpty);
        signals.Validate(bars.Length);
        if (bars.Length == 0)
        {
            workspace.Reset();
            return new SimulationSummary { InitialCash = options.InitialCash, FinalEquity = options.InitialCash };
        }
        var book = new SingleAssetBook<TFill, TFee, TSlippage>(bars, signals.Atr, signals.FundingRate, options, fill, fee, slippage, workspace);
        if (book.TracksEquity || options.Liquidity.IsLimited)
        {
            // The daily loss limit and the drawdown stop act on every close, carried remainders on every bar, and a cut exit
            // leaves part of the position open under its levels: these walk the bars in the event-driven loop.
            var replay = new SignalReplay(signals);
            EventDrivenSimulator.Drive(ref book, bars, ref replay, options);
        }
        else Run(ref book, signals, options);
        return book.Finish(options.EndOfData);
    }

    /// <summary>Runs the simulation with the pessimistic fill model, no fee and no slippage.</summary>
    /// <inheritdoc cref="FromSignals{TFill, TFee, TSlippage}(BarSeries, SignalInputs, SimulationOptions, TFill, TFee, TSlippage, SimulationWorkspace)"/>
    public static SimulationSummary FromSignals(BarSeries bars, SignalInputs signals, SimulationOptions options, SimulationWorkspace workspace) =>
        FromSignals(bars, signals, options, default(PessimisticFillModel), default(NoFee), default(NoSlippage), workspace);

    internal static bool CarriesRemainder(SimulationOptions options) =>
        options.Liquidity.IsLimited && options.Liquidity.Remainder == RemainderPolicy.Carry;

    // Liquidity caps and accumulation of the signal drivers, checked against the bars. A carried remainder or an add grows
    // the position, which the leverage accounting (liquidation price fixed at the first fill) does not follow; funding is
    // settled per position, so neither a partial close nor an add can split it.
    internal static void ValidateSignalOptions(SimulationOptions options, int barCount, bool hasFunding)
    {
        options.Liquidity.Validate(barCount);
        if (CarriesRemainder(options) && options.Leverage != 1)
            throw new ArgumentException("options.Liquidity.Remainder: Carry on the signal drivers needs Leverage 1.", nameof(options));
        if (hasFunding && (options.Liquidity.IsLimited || options.Accumulate))
            throw new ArgumentException("options.Liquidity (capped exits close in parts) and options.Accumulate cannot be combined with a funding-rate column.", nameof(options));
    }

    private static void Run<TFill, TFee, TSlippage>(ref SingleAssetBook<TFill, TFee, TSlippage> book, in SignalInputs signals,
        SimulationOptions options)
        where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
    {
        bool nextOpen = options.Timing == FillTiming.NextOpen;
        bool market = options.Entry.Type == OrderType.Market;
        bool accumulate = options.Accumulate;
        int n = book.Close.Length;
        int from = 0, levelsFrom = 0;
        while (true)
        {
            if (book.Side == PositionSide.Flat)
            {
                var (d, action) = SignalDecision.Next(PositionSide.Flat, signals, from);
                if (d < 0) return;
                var side = action == SignalAction.OpenLong ? PositionSide.Long : PositionSide.Short;
                if (!market)
                {
                    if (!WorkEntry(ref book, signals, options.Entry, side, d, ref from, ref levelsFrom)) return;
                    continue;
                }
                int f = nextOpen ? d + 1 : d;
                if (f >= n)
                {
                    book.Reject(d, d, side == PositionSide.Long ? OrderSide.Buy : OrderSide.Sell, ExitReason.None,
                        RejectReason.EndOfData, 0, double.NaN);
                    return;
                }
                book.OpenPosition(side, d, f, nextOpen ? book.Open[f] : book.Close[d], Liquidity.Taker, true, nextOpen,
                    stopLossPrice: SignalInputs.At(signals.StopLossPrice, d), takeProfitPrice: SignalInputs.At(signals.TakeProfitPrice, d));
                from = d + 1;
                levelsFrom = nextOpen ? f : f + 1;
                continue;
            }

            var (e, signalAction) = SignalDecision.Next(book.Side, signals, from);
            if (accumulate && book.CanAdd)
            {
                int add = SignalDecision.NextAdd(book.Side, signals, from, e);
                if (add >= 0) (e, signalAction) = (add, SignalAction.Add);
            }
            int decision = e < 0 ? n : e;
            var reason = signalAction is SignalAction.ReverseToLong or SignalAction.ReverseToShort ? ExitReason.Reverse : ExitReason.Signal;
            // An add on the time stop's bar is dropped for the stop.
            if (book.TimeStopBar < decision || signalAction == SignalAction.Add && book.TimeStopBar == decision)
            {
                decision = book.TimeStopBar;
                reason = ExitReason.TimeStop;
            }
            if (book.HasPriceLevels)
            {
                int k = book.ScanExitLevels(levelsFrom, Math.Min(decision, n - 1));
                if (k >= 0)
                {
                    from = nextOpen ? k : k + 1;
                    continue;
                }
            }
            if (decision >= n) return;
            int fill = nextOpen ? decision + 1 : decision;
            bool adds = signalAction == SignalAction.Add && reason != ExitReason.TimeStop;
            if (fill >= n)
            {
                if (adds) book.Reject(decision, decision, book.Side == PositionSide.Long ? OrderSide.Buy : OrderSide.Sell, ExitReason.None,
                    RejectReason.EndOfData, 0, double.NaN);
                else book.Reject(decision, decision, book.Side == PositionSide.Long ? OrderSide.Sell : OrderSide.Buy, reason,
                    RejectReason.EndOfData, Math.Abs(book.Quantity), double.NaN);
                return;
            }
            double price = nextOpen ? book.Open[fill] : book.Close[decision];
            if (adds)
            {
                // The bars up to the decision have been checked against the levels; the fill bar's are checked after the add.
                book.OpenPosition(book.Side, decision, fill, price, Liquidity.Taker, true, nextOpen);
                from = decision + 1;
                levelsFrom = decision + 1;
                continue;
            }
            var reversedTo = book.Side == PositionSide.Long ? PositionSide.Short : PositionSide.Long;
            book.ClosePosition(decision, fill, price, reason, Liquidity.Taker, true, nextOpen);
            from = decision + 1;
            if (reason != ExitReason.Reverse) continue;
            if (!market)
            {
                if (!WorkEntry(ref book, signals, options.Entry, reversedTo, decision, ref from, ref levelsFrom)) return;
                continue;
            }
            book.OpenPosition(reversedTo, decision, fill, price, Liquidity.Taker, true, nextOpen,
                stopLossPrice: SignalInputs.At(signals.StopLossPrice, decision), takeProfitPrice: SignalInputs.At(signals.TakeProfitPrice, decision));
            levelsFrom = nextOpen ? fill : fill + 1;
        }
    }

    // Works a non-market entry decided on bar d until it fills, is cancelled (possibly replaced by the opposite
    // order) or expires; sets where the signal scan resumes. Returns false when the data has ended.
    private static bool WorkEntry<TFill, TFee, TSlippage>(ref SingleAssetBook<TFill, TFee, TSlippage> book, in SignalInputs signals,
        in EntryOrder entry, PositionSide side, int d, ref int from, ref int levelsFrom)
        where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
    {
        int n = book.Close.Length;
        while (true)
        {
            var order = book.PlaceEntry(entry, side, d, SignalInputs.At(signals.StopLossPrice, d), SignalInputs.At(signals.TakeProfitPrice, d));
            if (d + 1 >= n)
            {
                book.EndEntry(order, d, RejectReason.EndOfData);
                return false;
            }
            // While the order works, signals act as if its position were held; one on bar c acts from bar c + 1, and the
            // order is already gone (filled or expired) by the close of its last bar.
            var (c, action) = SignalDecision.Next(side, signals, d + 1);
            bool cancelled = c >= 0 && c < order.LastBar;
            int filled = book.ScanEntry(ref order, d + 1, cancelled ? c : order.LastBar);
            if (filled >= 0)
            {
                from = filled;
                levelsFrom = filled + 1;
                return true;
            }
            if (!cancelled)
            {
                book.EndEntry(order, order.LastBar, order.EndsWithData ? RejectReason.EndOfData : RejectReason.Expired);
                from = order.LastBar;
                return true;
            }
            book.EndEntry(order, c, RejectReason.Cancelled);
            from = c + 1;
            if (action == SignalAction.Close) return true;
            side = side == PositionSide.Long ? PositionSide.Short : PositionSide.Long;
            d = c;
        }
    }
}
