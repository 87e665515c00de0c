using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio.Orders;

namespace VectorBacktest.Portfolio.MultiAsset;

public static partial class PortfolioSimulator
{
    /// <summary>Runs the per-symbol order columns over <paramref name="universe"/>, with the pessimistic fill model for attached
    /// exits.</summary>
    /// <inheritdoc cref="FromOrders{TFill, TFee, TSlippage}"/>
    public static PortfolioSummary FromOrders<TFee, TSlippage>(Universe universe, PortfolioOrders orders, PortfolioOptions options,
        TFee fee, TSlippage slippage, PortfolioWorkspace workspace, LiquidityLimits limits = default,
        ReadOnlySpan<OrderBookDepth?> depths = default)
        where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel =>
        FromOrders(universe, orders, options, default(PessimisticFillModel), fee, slippage, workspace, limits, depths);

    /// <summary>
    /// vectorbt's <c>from_orders</c> with cash sharing: per-symbol order columns (<see cref="PortfolioOrders"/>) on one shared
    /// balance, each symbol accounted as <see cref="OrderSimulator.FromOrders{TFee, TSlippage}"/> does (average cost,
    /// accumulation, partial reductions, flips, a trade per reduction), so a one-symbol portfolio equals it bit for bit.
    /// </summary>
    /// <remarks>
    /// <para>Row <c>t</c> of a symbol is decided on bar <c>t</c>'s close and fills at bar <c>t + 1</c>'s open (next-open
    /// timing; a row on the last bar is rejected with <see cref="RejectReason.EndOfData"/>) or at bar <c>t</c>'s close. Within a
    /// fill bar every order that only reduces a position fills first, then every order that adds exposure or flips (in symbol
    /// order), so the cash freed by sales funds the purchases of the same bar. Sizes are converted to quantities when the bar's
    /// fills start: at the explicit price or the default price of the row's symbol, with equity marked there for that symbol
    /// and at the last marks (the fill bar's open, or close under signal-close timing) for the others.</para>
    /// <para>A symbol without a bar at the fill never fills: the row is rejected with <see cref="RejectReason.MissingBar"/>
    /// (a carried remainder waits for the symbol's next bar); positions are marked at their symbol's last known close.</para>
    /// <para>Cash, fully funded as in the portfolio (at leverage 1): the part of an order that adds exposure is capped by the free cash (balance
    /// − the cost basis of every position still held, after realising the reduced part), fees included; then by
    /// <see cref="PortfolioOptions.Risk"/> like an entry of <see cref="FromSignals{TFee, TSlippage}"/>: the position and
    /// exposure caps cut it (<see cref="OrderStatus.Partial"/>, or <see cref="RejectReason.PositionLimit"/> /
    /// <see cref="RejectReason.ExposureLimit"/>), the daily loss limit and the drawdown stop reject it (reductions still fill; the
    /// drawdown stop flattens every position first). Liquidity: at most <see cref="LiquidityLimits.MaxVolumeShare"/> of the
    /// symbol's fill bar volume and, with a book in <paramref name="depths"/>, at most its depth, the remainder cancelled or
    /// carried per <see cref="LiquidityLimits.Remainder"/> exactly as in <see cref="OrderSimulator.FromOrders{TFee, TSlippage}"/>.
    /// The drawdown stop closes each position as a slipped taker order at the fill's default price. Nothing is allocated per bar.</para>
    /// <para>Attached exits (<see cref="PortfolioOptions.Exits"/>: stop-loss and take-profit as fractions, prices or ATR
    /// multiples of <see cref="PortfolioOrders.Atr"/>, trailing and time stops) on each symbol's position, by the rules of
    /// <see cref="OrderSimulator.FromOrders{TFill, TFee, TSlippage}"/>: levels are resolved when the position opens from its
    /// average entry price (or the decision bar's close with <see cref="StopReference.SignalClose"/>); an add re-resolves the
    /// stop-loss and take-profit from the new average entry price while the trailing stop's best price and the time stop run on
    /// from the opening; a partial reduction leaves every level; a flip resolves new ones. Levels are checked on each of the
    /// symbol's bars after the fill's price point, after the bar's order fills under next-open timing and before them under
    /// signal-close timing, as <see cref="FromSignals{TFill, TFee, TSlippage}"/> checks them (a bar the symbol lacks is
    /// skipped); a reached level closes the whole position, not volume-capped (a stop as a slipped taker per
    /// <see cref="PortfolioOptions.SlipStopExits"/>, a take-profit as a maker). The time stop closes like a default-price order
    /// decided on the symbol's first bar at or after <c>fill + N − 1</c> (next-open, filled at the next bar's open; a missing
    /// fill bar rejects it with <see cref="RejectReason.MissingBar"/> and it is decided again on the symbol's next bar; on the
    /// last bar it is rejected with <see cref="RejectReason.EndOfData"/>) or filled at the close of its first bar at or after
    /// <c>fill + N</c> (signal-close), before the order rows filling there. An exit that closes a position cancels the symbol's
    /// carried remainder (<see cref="RejectReason.Cancelled"/>); the symbol's order rows still execute on the exit's bar.</para>
    /// <para>Perpetual futures (<see cref="PortfolioOptions.Leverage"/> <c>L</c>, <see cref="PortfolioOptions.MaintenanceMargin"/>,
    /// <see cref="PortfolioOptions.MarginMode"/>, <see cref="PortfolioOrders.FundingRate"/>), as the single-asset order path: the
    /// cost basis above becomes the initial margin <c>|quantity| × average entry / L</c> (cross margin: the free margin also counts
    /// the other positions' unrealised P&amp;L at their last marks and the symbol's own at the fill price) and the free margin buys
    /// up to <c>L ×</c> itself; sizes are read without leverage. After the fills at a bar's open (before those at its close) the
    /// bar's funding accrues, then the margin is checked: isolated, each position's liquidation level from its average entry
    /// price against the symbol's bar (<see cref="ExitReason.Liquidation"/>, the level or the open on a gap), checked with the
    /// attached exit levels in one pass; cross, the account check of <see cref="PortfolioOptions.MarginMode"/>, before the exit
    /// levels. A liquidated position's carried remainder is cancelled (<see cref="RejectReason.Cancelled"/>). Funding is settled
    /// at every fill that changes a position.</para>
    /// <para>Not used here: <see cref="PortfolioOptions.Sizing"/> (the order columns decide).</para>
    /// </remarks>
    /// <param name="universe">The symbols on one time index (NaN where a symbol has no bar).</param>
    /// <param name="orders">Per-symbol sizes, size type and optional explicit prices, symbol-major.</param>
    /// <param name="options">Cash, timing, exits, risk limits, lot rules, leverage and margin, record level.</param>
    /// <param name="fill">Intra-bar fill model for the exit levels: which of a position's two levels inside one bar fills first.</param>
    /// <param name="fee">Fee model (fills are takers, a take-profit exit a maker).</param>
    /// <param name="slippage">Slippage model (default-price fills, liquidations).</param>
    /// <param name="workspace">Receives the records and per-bar series.</param>
    /// <param name="limits">Liquidity caps (volume share and remainder policy; default: none). Order books go in
    /// <paramref name="depths"/>.</param>
    /// <param name="depths">One order book per symbol (null: none for that symbol), or empty for none: an order of a symbol with a
    /// book walks that book's snapshot of the fill bar as <see cref="OrderSimulator.FromOrders{TFee, TSlippage}"/> does with
    /// <see cref="LiquidityLimits.Depth"/> (capped by the depth on its side up to the explicit price, filled at the volume-weighted
    /// price of the levels taken, without slippage); the remainder follows <see cref="LiquidityLimits.Remainder"/>.</param>
    /// <returns>The run's summary.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Order columns of the wrong length; liquidity caps in <paramref name="options"/>; ATR-multiple
    /// exits without a usable <see cref="PortfolioOrders.Atr"/>; an exit level on the wrong side of its reference; an
    /// order-book depth in <paramref name="limits"/> (use <paramref name="depths"/>); <paramref name="depths"/> neither empty nor one
    /// per symbol, or a book not covering the bars.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option or limit out of range; an unknown size type.</exception>
    public static PortfolioSummary FromOrders<TFill, TFee, TSlippage>(Universe universe, PortfolioOrders orders, PortfolioOptions options,
        TFill fill, TFee fee, TSlippage slippage, PortfolioWorkspace workspace, LiquidityLimits limits = default,
        ReadOnlySpan<OrderBookDepth?> depths = default)
        where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
    {
        ArgumentNullException.ThrowIfNull(universe);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(workspace);
        options.Validate();
        int symbols = universe.SymbolCount, n = universe.Length;
        orders.Validate(symbols, n);
        limits.Validate(n);
        if (limits.Depth is not null)
            throw new ArgumentException("FromOrders on a universe takes one order book per symbol: pass them as depths, not limits.Depth.", nameof(limits));
        bool booked = ValidateDepths(depths, symbols, n);
        RequireExitAtr(options, orders.Atr, n, "orders.Atr", nameof(orders));
        if (options.Liquidity != default)
            throw new ArgumentException("FromOrders takes its liquidity caps in the limits argument: options.Liquidity must be default.", nameof(options));
        workspace.Reset(symbols, n);
        var run = new PortfolioRun<TFill, TFee, TSlippage>(universe, options, fill, fee, slippage, workspace);
        run.UseFunding(orders.FundingRate, "orders.FundingRate");
        run.AttachOrderExits(orders.Atr);
        bool nextOpen = options.Timing == FillTiming.NextOpen;
        bool carry = limits.Remainder == RemainderPolicy.Carry && (limits.IsLimited || booked);
        var size = orders.Size;
        for (int t = 0; t < n; t++)
        {
            if (nextOpen)
            {
                run.MarkAt(t, atOpen: true);
                if (run.HaltPending) run.FlattenOrders(t - 1, t, atOpen: true);
                run.CloseTimeStops(t - 1, t, atOpen: true);
                run.FillOrders(orders, t - 1, t, atOpen: true, limits, depths, carry);
                run.CheckPositions(t);
                if (t == n - 1) run.RejectTimeStopsAtEnd(t);
                run.CancelReplaced(size, t);
                if (t == n - 1) run.RejectAtEnd(orders, t);
            }
            else
            {
                run.CheckPositions(t);
                run.MarkAt(t, atOpen: false);
                run.CloseTimeStops(t, t, atOpen: false);
                run.CancelReplaced(size, t);
                run.FillOrders(orders, t, t, atOpen: false, limits, depths, carry);
            }
            run.Close(t);
            if (run.HaltPending && !nextOpen)
            {
                run.FlattenOrders(t, t, atOpen: false);
                run.Close(t);
            }
        }
        if (n > 0) run.ExpireRemainders();
        return run.Finish();
    }

    // True when some symbol has an order book.
    private static bool ValidateDepths(ReadOnlySpan<OrderBookDepth?> depths, int symbols, int bars)
    {
        if (depths.IsEmpty) return false;
        if (depths.Length != symbols)
            throw new ArgumentException($"depths has {depths.Length} order books but the universe has {symbols} symbols (one per symbol, null for none).", nameof(depths));
        bool booked = false;
        for (int s = 0; s < symbols; s++)
        {
            var depth = depths[s];
            if (depth is null) continue;
            if (depth.BarCount != bars)
                throw new ArgumentException($"depths[{s}] covers {depth.BarCount} bars but the universe has {bars}.", nameof(depths));
            booked = true;
        }
        return booked;
    }
}
