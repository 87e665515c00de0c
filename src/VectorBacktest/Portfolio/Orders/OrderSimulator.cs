using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;

namespace VectorBacktest.Portfolio.Orders;

/// <summary>
/// vectorbt's <c>from_orders</c> on one asset: an order column (size, optional price) executed through the same
/// fill-and-portfolio book as the signal drivers, with average-cost accounting, so positions can be accumulated, reduced in
/// part and flipped. Fees, slippage, lot rules, the end-of-data policy and the records are those of the book.
/// </summary>
/// <remarks>
/// <para>Row <c>t</c> is decided on bar <c>t</c>'s close and fills by <see cref="SimulationOptions.Timing"/>: at bar
/// <c>t + 1</c>'s open (a row on the last bar is rejected with <see cref="RejectReason.EndOfData"/>) or at bar <c>t</c>'s
/// close. A target or percent size is converted to a quantity at the reference price of the fill (the explicit price, else
/// the default price before slippage); a target already met places no order.</para>
/// <para>Cash: the part of an order that adds exposure (long or short, fully funded without leverage) is capped by the free cash
/// (balance − cost basis still held, after realising the reduced part), fees included (a free cash below 1e-9 of the balance counts as none); a capped order is recorded as
/// <see cref="OrderStatus.Partial"/>, one that cannot add anything as rejected (<see cref="RejectReason.InsufficientFunds"/>).
/// Reductions are never capped by cash. Each reduction records a trade for the reduced quantity (vectorbt's exit trades).</para>
/// <para>Liquidity (<see cref="LiquidityLimits"/>): with <see cref="RemainderPolicy.Carry"/>, a remainder of a default-price
/// order keeps working at the following bars' default prices until filled; a new order row replaces it (the remainder is
/// recorded as <see cref="RejectReason.Cancelled"/> on that row's bar); at the end of the data it is recorded as
/// <see cref="RejectReason.EndOfData"/>. Remainders of explicit-price orders are always cancelled. Bars on which a carried
/// remainder finds no liquidity record nothing.</para>
/// <para>Risk (<see cref="SimulationOptions.Risk"/>), as the multi-asset <c>PortfolioSimulator.FromOrders</c> applies it to one
/// symbol: the part of an order that adds exposure is cut by the position and exposure caps (<c>|quantity| × price ≤ cap ×
/// equity</c>, equity marked at the fill bar's default price; <see cref="OrderStatus.Partial"/>, or rejected with
/// <see cref="RejectReason.PositionLimit"/> / <see cref="RejectReason.ExposureLimit"/>), then by the cash; the daily loss limit
/// and the drawdown stop mark equity at every close and reject it (<see cref="RejectReason.DailyLossLimit"/>,
/// <see cref="RejectReason.DrawdownHalt"/>). The drawdown stop first closes the position at the next fill (the next bar's
/// open, or this bar's close under signal-close timing) as a slipped taker order, <see cref="ExitReason.DrawdownHalt"/>.
/// Reductions always fill.</para>
/// <para>Attached exits (<see cref="SimulationOptions.Exits"/>: stop-loss and take-profit as fractions or absolute prices,
/// trailing and time stops) on the position the orders build, by the signal path's rules: levels are resolved when the
/// position opens from its average entry price (or the decision bar's close with <see cref="StopReference.SignalClose"/>);
/// an order that adds to the position re-resolves the stop-loss and take-profit from the new average entry price, while the
/// trailing stop's best price and the time stop run on from the opening; a partial reduction leaves every level; a flip
/// resolves new ones for the new side. Levels are checked on every bar after the fill's price point (the fill bar after
/// its open under next-open timing, the next bar under signal-close timing) with the fill model and the gap rule of
/// <see cref="BarExits.FirstTouched"/>; a reached level closes the whole position (a stop as a taker, slipped per
/// <see cref="SimulationOptions.SlipStopExits"/>; a take-profit as a maker). The time stop closes like a default-price
/// order decided on bar <c>fill + N − 1</c> and filled at the next bar's open (next-open; rejected with
/// <see cref="RejectReason.EndOfData"/> on the last bar), or filled at bar <c>fill + N</c>'s close (signal-close), before the row
/// filling at the same point. An order row is executed as given even
/// when an exit closed the position on its bar; an exit that closes the position cancels a carried remainder
/// (<see cref="RejectReason.Cancelled"/>).</para>
/// <para>Perpetual futures (<see cref="SimulationOptions.Leverage"/> <c>L</c>, <see cref="SimulationOptions.MaintenanceMargin"/>
/// <c>m</c>, <see cref="OrderInputs.FundingRate"/>): an isolated-margin position holds <c>|quantity| × average entry / L</c> of
/// margin; the part of an order that adds exposure is capped by the free cash (balance − that margin, after realising the
/// reduced part) as a budget buying up to <c>L ×</c> itself, fees included, as the signal path's sizing does. Sizes are read as
/// without leverage (a target percent of 3 is a notional of 3 × equity). The liquidation level is the signal path's, from the
/// average entry price: <c>entry × (1 − 1/L) / (1 − m)</c> for a long, <c>entry × (1 + 1/L) / (1 + m)</c> for a short; it is
/// one more adverse level checked like a stop (<see cref="ExitReason.Liquidation"/>, closing the whole position), re-resolved on
/// adds and unchanged by reductions (isolated margin shrinks with the position). Funding is settled at each fill (see
/// <see cref="OrderInputs.FundingRate"/>); accrued funding not yet settled counts neither in the free cash nor in the equity the
/// risk limits mark.</para>
/// <para>Not used here: <see cref="SimulationOptions.Sizing"/> and <see cref="SimulationOptions.Entry"/> (the order
/// column decides). Nothing is allocated per bar.</para>
/// </remarks>
public static class OrderSimulator
{
    /// <summary>Runs the order column <paramref name="orders"/> over <paramref name="bars"/>, with the pessimistic fill model for
    /// attached exits.</summary>
    /// <inheritdoc cref="FromOrders{TFill, TFee, TSlippage}"/>
    public static SimulationSummary FromOrders<TFee, TSlippage>(BarSeries bars, OrderInputs orders, SimulationOptions options,
        TFee fee, TSlippage slippage, SimulationWorkspace workspace, LiquidityLimits limits = default)
        where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel =>
        FromOrders(bars, orders, options, default(PessimisticFillModel), fee, slippage, workspace, limits);

    /// <summary>Runs the order column <paramref name="orders"/> over <paramref name="bars"/>.</summary>
    /// <param name="bars">The bars.</param>
    /// <param name="orders">Sizes (NaN = no order), size type and optional explicit prices.</param>
    /// <param name="options">Cash, timing, exits, risk limits, lot rules, end-of-data policy, record level.</param>
    /// <param name="fill">Intra-bar fill model: which of two exit levels inside one bar fills first.</param>
    /// <param name="fee">Fee model (fills are takers, a take-profit exit a maker).</param>
    /// <param name="slippage">Slippage model (default-price fills without an order book).</param>
    /// <param name="workspace">Receives the orders and trades.</param>
    /// <param name="limits">Liquidity caps (default: <see cref="SimulationOptions.Liquidity"/>, itself none by default).</param>
    /// <returns>The run's summary.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Columns of the wrong length; a funding rate that is not finite; a non-market entry in
    /// <paramref name="options"/>; ATR-multiple exits without a usable <see cref="OrderInputs.Atr"/>; an exit level on the wrong side of its reference; liquidity caps both in <paramref name="limits"/>
    /// and in <see cref="SimulationOptions.Liquidity"/>; an order-book depth not covering the bars; a default fill price that is NaN
    /// or &lt;= 0.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option out of range.</exception>
    public static SimulationSummary FromOrders<TFill, TFee, TSlippage>(BarSeries bars, OrderInputs orders, SimulationOptions options,
        TFill fill, TFee fee, TSlippage slippage, SimulationWorkspace workspace, LiquidityLimits limits = default)
        where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(workspace);
        options.Validate();
        int n = bars.Length;
        orders.Validate(n);
        if (limits.IsLimited && options.Liquidity.IsLimited)
            throw new ArgumentException("Liquidity caps given twice: pass them either as limits or as options.Liquidity.", nameof(limits));
        if (!limits.IsLimited) limits = options.Liquidity;
        limits.Validate(n);
        if ((options.Exits.StopLoss.Kind == ExitLevelKind.AtrMultiple || options.Exits.TakeProfit.Kind == ExitLevelKind.AtrMultiple)
            && orders.Atr.IsEmpty && bars.Length > 0)
            throw new ArgumentException("ATR-multiple exits need the orders.Atr column.", nameof(orders));
        if (options.Entry.Type != OrderType.Market)
            throw new ArgumentException("FromOrders places market orders (or explicit-price orders via orders.Price): options.Entry must be market.", nameof(options));
        if (n == 0)
        {
            workspace.Reset();
            return new SimulationSummary { InitialCash = options.InitialCash, FinalEquity = options.InitialCash };
        }
        // Attached exits close the whole position here: the order columns' own remainders are the only carried quantities.
        var book = new SingleAssetBook<TFill, TFee, TSlippage>(bars, orders.Atr, orders.FundingRate, options, fill, fee, slippage, workspace,
            capsExits: false, inputs: "orders");
        bool nextOpen = options.Timing == FillTiming.NextOpen;
        bool carry = limits.Remainder == RemainderPolicy.Carry && limits.IsLimited;
        bool tracks = book.TracksEquity, levels = book.HasPriceLevels, timeStop = options.Exits.TimeStopBars > 0;
        var size = orders.Size;
        var explicitPrice = orders.Price;
        double remainder = 0;
        int remainderDecision = 0;
        for (int t = 0; t < n; t++)
        {
            if (nextOpen)
            {
                if (t > 0)
                {
                    if (book.HaltPending) book.HaltOrders(t - 1, t, true);
                    if (timeStop && book.Quantity != 0 && book.TimeStopBar == t - 1)
                    {
                        book.ClosePosition(t - 1, t, book.Open[t], ExitReason.TimeStop, Liquidity.Taker, true, true);
                        if (remainder != 0) Cancel(ref book, ref remainder, t);
                    }
                    if (double.IsFinite(size[t - 1]))
                        Place(ref book, orders.SizeType, size[t - 1], At(explicitPrice, t - 1), t - 1, t, book.Open[t], true, limits, carry,
                            ref remainder, ref remainderDecision);
                    else if (remainder != 0)
                        remainder = Work(ref book, remainder, remainderDecision, t, book.Open[t], true, limits);
                }
                if (levels && book.Quantity != 0 && book.CheckExitLevels(t) && remainder != 0) Cancel(ref book, ref remainder, t);
                if (t == n - 1 && timeStop && book.Quantity != 0 && book.TimeStopBar == t)
                    book.Reject(t, t, book.Quantity > 0 ? OrderSide.Sell : OrderSide.Buy, ExitReason.TimeStop, RejectReason.EndOfData,
                        Math.Abs(book.Quantity), double.NaN);
                if (double.IsFinite(size[t]))
                {
                    if (remainder != 0) Cancel(ref book, ref remainder, t);
                    if (t == n - 1)
                    {
                        double delta = book.OrderDelta(orders.SizeType, size[t], book.Close[t]);
                        if (delta != 0)
                            book.Reject(t, t, delta > 0 ? OrderSide.Buy : OrderSide.Sell, Reduces(book.Quantity, delta), RejectReason.EndOfData,
                                Math.Abs(delta), double.NaN);
                    }
                }
            }
            else
            {
                if (levels && book.Quantity != 0 && book.CheckExitLevels(t) && remainder != 0) Cancel(ref book, ref remainder, t);
                if (timeStop && book.Quantity != 0 && book.TimeStopBar == t)
                {
                    book.ClosePosition(t, t, book.Close[t], ExitReason.TimeStop, Liquidity.Taker, true, false);
                    if (remainder != 0) Cancel(ref book, ref remainder, t);
                }
                if (double.IsFinite(size[t]))
                {
                    if (remainder != 0) Cancel(ref book, ref remainder, t);
                    Place(ref book, orders.SizeType, size[t], At(explicitPrice, t), t, t, book.Close[t], false, limits, carry,
                        ref remainder, ref remainderDecision);
                }
                else if (remainder != 0)
                {
                    remainder = Work(ref book, remainder, remainderDecision, t, book.Close[t], false, limits);
                }
            }
            if (tracks)
            {
                book.MarkClose(t);
                if (book.HaltPending && !nextOpen)
                {
                    book.HaltOrders(t, t, false);
                    book.MarkClose(t);
                }
            }
        }
        if (remainder != 0)
            book.Reject(remainderDecision, n - 1, remainder > 0 ? OrderSide.Buy : OrderSide.Sell, Reduces(book.Quantity, remainder),
                RejectReason.EndOfData, Math.Abs(remainder), double.NaN);
        return book.Finish(options.EndOfData);
    }

    private static double At(ReadOnlySpan<double> column, int bar) => column.IsEmpty ? double.NaN : column[bar];

    private static ExitReason Reduces(double position, double delta) =>
        position != 0 && (position > 0) != (delta > 0) ? ExitReason.Order : ExitReason.None;

    private static void Place<TFill, TFee, TSlippage>(ref SingleAssetBook<TFill, TFee, TSlippage> book, SizeType type, double size,
        double price, int decisionBar, int fillBar, double defaultPrice, bool atOpen, in LiquidityLimits limits, bool carry,
        ref double remainder, ref int remainderDecision)
        where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
    {
        bool hasPrice = !double.IsNaN(price);
        double delta = book.OrderDelta(type, size, hasPrice ? price : defaultPrice);
        if (delta == 0 || !double.IsFinite(delta)) return;
        if (hasPrice && !(price >= book.Low[fillBar] && price <= book.High[fillBar]))
        {
            book.Reject(decisionBar, fillBar, delta > 0 ? OrderSide.Buy : OrderSide.Sell, Reduces(book.Quantity, delta),
                RejectReason.PriceOutsideBar, Math.Abs(delta), price);
            return;
        }
        book.ExecuteOrder(decisionBar, fillBar, delta, hasPrice ? price : defaultPrice, price, atOpen, limits, true, out double unfilled, fromOrders: true);
        if (carry && !hasPrice && unfilled > 0)
        {
            remainder = delta > 0 ? unfilled : -unfilled;
            remainderDecision = decisionBar;
        }
    }

    private static double Work<TFill, TFee, TSlippage>(ref SingleAssetBook<TFill, TFee, TSlippage> book, double remainder,
        int decisionBar, int fillBar, double price, bool atOpen, in LiquidityLimits limits)
        where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
    {
        book.ExecuteOrder(decisionBar, fillBar, remainder, price, double.NaN, atOpen, limits, false, out double unfilled, fromOrders: true);
        return remainder > 0 ? unfilled : -unfilled;
    }

    private static void Cancel<TFill, TFee, TSlippage>(ref SingleAssetBook<TFill, TFee, TSlippage> book, ref double remainder, int bar)
        where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
    {
        book.Reject(bar, bar, remainder > 0 ? OrderSide.Buy : OrderSide.Sell, Reduces(book.Quantity, remainder), RejectReason.Cancelled,
            Math.Abs(remainder), double.NaN);
        remainder = 0;
    }
}
