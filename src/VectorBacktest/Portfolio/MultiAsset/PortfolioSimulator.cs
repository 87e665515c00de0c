using System.Runtime.CompilerServices;
using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;

namespace VectorBacktest.Portfolio.MultiAsset;

/// <summary>
/// Multi-asset runs on a <see cref="Universe"/> with one shared cash balance: per-symbol signal columns, entries sized by
/// <see cref="PortfolioSizing"/> and cut by <see cref="RiskLimits"/> (<c>FromSignals</c>, or bar by bar from an
/// <see cref="IPortfolioStrategy"/>: <c>Run</c>), or per-symbol order columns (<see cref="FromOrders{TFee, TSlippage}"/>); equity
/// and gross exposure per bar.
/// </summary>
/// <remarks>
/// <para>Per bar <c>t</c> under next-open timing: decisions taken on bar <c>t − 1</c>'s close fill at bar <c>t</c>'s open,
/// first every exit and the closing half of every reversal (in symbol order), then every entry (in symbol order), so the
/// cash freed by sales is available to the purchases of the same bar. Then the signals of bar <c>t</c> are read and the
/// portfolio is marked at bar <c>t</c>'s close. Under signal-close timing the decisions of bar <c>t</c> fill at its close,
/// in the same two phases. Liquidity remainders carried by <see cref="PortfolioOptions.Liquidity"/> are worked with the fills of
/// bar <c>t</c>: under next-open timing in the same two phases, for the symbols without a new decision; under signal-close
/// timing before bar <c>t</c>'s decisions are taken (after its exit levels).</para>
/// <para>Missing bars: an order for a symbol without a bar at its fill position (NaN in the universe) is rejected with
/// <see cref="RejectReason.MissingBar"/> (a reversal then keeps its position); a signal on a bar the symbol lacks is ignored
/// unless it would act, when it is rejected the same way. A position is marked at its symbol's last known close.</para>
/// <para>Accounting: the shared balance is initial cash + realised P&amp;L − fees − settled funding; a position is (signed
/// quantity, entry price), fully funded at leverage 1 (a short reserves its notional), else holding the margin
/// |quantity| × entry / <see cref="PortfolioOptions.Leverage"/>; free cash = balance (cross margin: equity) − Σ margin; equity
/// = balance + Σ (mark × quantity − quantity × entry), the recorded series less the funding accrued and not yet settled
/// (<see cref="PortfolioSignals.FundingRate"/>; sizing and risk limits mark equity without it, as the single-asset book does).
/// Liquidation: <see cref="PortfolioOptions.MarginMode"/>. Positions are not accumulated: an entry signal on the side held is
/// ignored, as in <see cref="SignalSimulator"/>. Nothing is allocated per bar.</para>
/// <para>The per-symbol state is a row of arrays rather than one <c>SingleAssetBook</c> per symbol, because a book owns its cash; the
/// accounting is the same average-cost arithmetic (<c>PositionMath</c>) as the book's order path.</para>
/// </remarks>
public static partial class PortfolioSimulator
{
    /// <summary>Runs the per-symbol signals over <paramref name="universe"/>.</summary>
    /// <param name="universe">The symbols on one time index (NaN where a symbol has no bar).</param>
    /// <param name="signals">Per-symbol signal columns, symbol-major.</param>
    /// <param name="options">Cash, timing, sizing, risk limits, lot rules, record level.</param>
    /// <param name="fee">Fee model (fills are takers).</param>
    /// <param name="slippage">Slippage model.</param>
    /// <param name="workspace">Receives the records and per-bar series.</param>
    /// <param name="depths">One order book per symbol (null: none for that symbol), or empty for none; see
    /// <see cref="FromSignals{TFill, TFee, TSlippage}"/>.</param>
    /// <returns>The run's summary.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Signal columns of the wrong length; volatility targeting without a usable ATR on a decision
    /// bar; <paramref name="depths"/> neither empty nor one per symbol, or a book not covering the bars.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option out of range.</exception>
    public static PortfolioSummary FromSignals<TFee, TSlippage>(Universe universe, PortfolioSignals signals, PortfolioOptions options,
        TFee fee, TSlippage slippage, PortfolioWorkspace workspace, ReadOnlySpan<OrderBookDepth?> depths = default)
        where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel =>
        FromSignals(universe, signals, options, default(PessimisticFillModel), fee, slippage, workspace, depths);

    /// <summary>Runs the per-symbol signals over <paramref name="universe"/>, with <paramref name="fill"/> deciding which of a
    /// position's two exit levels (<see cref="PortfolioOptions.Exits"/>) fills first inside one bar.</summary>
    /// <param name="universe">The symbols on one time index (NaN where a symbol has no bar).</param>
    /// <param name="signals">Per-symbol signal columns, symbol-major.</param>
    /// <param name="options">Cash, timing, sizing, exits, liquidity, risk limits, lot rules, record level.</param>
    /// <param name="fill">Intra-bar fill model for the exit levels (stop-loss, take-profit, trailing stop; e.g. <see cref="PessimisticFillModel"/>).</param>
    /// <param name="fee">Fee model (exits at a take-profit are makers, every other fill a taker).</param>
    /// <param name="slippage">Slippage model.</param>
    /// <param name="workspace">Receives the records and per-bar series.</param>
    /// <param name="depths">One order book per symbol (null: none for that symbol), or empty for none, as in
    /// <see cref="FromOrders{TFill, TFee, TSlippage}"/>: every fill of a symbol with a book — entries, exits of any reason but a
    /// liquidation (which fills at its level), the closing half of a reversal, carried remainders — takes at most the depth on its
    /// side of the fill bar's snapshot (after the <see cref="PortfolioOptions.Liquidity"/> volume share) and fills at the
    /// volume-weighted price of the levels taken, without slippage (an entry whose walk costs more than the free margin buys is
    /// cut to it); the rest is cancelled or carried per
    /// <see cref="LiquidityLimits.Remainder"/>, as a volume-share cap's is.</param>
    /// <returns>The run's summary.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="depths"/> neither empty nor one per symbol, or a book not covering the
    /// bars; signal columns of the wrong length; volatility targeting or an ATR-multiple exit without a
    /// usable ATR on a decision bar; an exit level on the wrong side of its reference; a <see cref="PortfolioSignals.StopLossPrice"/> /
    /// <see cref="PortfolioSignals.TakeProfitPrice"/> on the wrong side of its decision close; risk-fraction sizing of an entry
    /// without a stop-loss; an order-book depth in <see cref="PortfolioOptions.Liquidity"/> (use <paramref name="depths"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option out of range.</exception>
    public static PortfolioSummary FromSignals<TFill, TFee, TSlippage>(Universe universe, PortfolioSignals signals, PortfolioOptions options,
        TFill fill, TFee fee, TSlippage slippage, PortfolioWorkspace workspace, ReadOnlySpan<OrderBookDepth?> depths = default)
        where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
    {
        ArgumentNullException.ThrowIfNull(universe);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(workspace);
        options.Validate();
        int symbols = universe.SymbolCount, n = universe.Length;
        signals.Validate(symbols, n);
        signals.ValidateLevels(symbols, n);
        RequireAtr(options, signals.Atr, n, "signals.Atr", nameof(signals));
        RequireSignalLiquidity(options, n);
        bool booked = ValidateDepths(depths, symbols, n);
        workspace.Reset(symbols, n);
        var run = new PortfolioRun<TFill, TFee, TSlippage>(universe, options, fill, fee, slippage, workspace);
        run.UseAtr(signals.Atr);
        run.UseFunding(signals.FundingRate, "signals.FundingRate");
        if (booked) run.UseDepths(depths);
        for (int t = 0; t < n; t++)
        {
            run.BeforeDecisions(t);
            run.Decide(signals, t);
            run.AfterDecisions(t);
        }
        if (n > 0) run.ExpireCarried(n - 1);
        return run.Finish();
    }

    // The signal drivers take their order books per symbol (depths): one book cannot serve several symbols.
    private static void RequireSignalLiquidity(PortfolioOptions options, int bars)
    {
        options.Liquidity.Validate(bars);
        if (options.Liquidity.Depth is not null)
            throw new ArgumentException("Multi-asset drivers take one order book per symbol: pass them as depths, not options.Liquidity.Depth (one order book cannot serve several symbols).", nameof(options));
    }

    // Volatility-target sizing and ATR-multiple exits read an ATR column.
    private static void RequireAtr(PortfolioOptions options, ReadOnlySpan<double> atr, int bars, string column, string parameter)
    {
        if (options.Sizing.Kind == PortfolioSizingKind.VolatilityTarget && atr.IsEmpty)
            throw new ArgumentException($"Volatility-target sizing needs the {column} column.", parameter);
        RequireExitAtr(options, atr, bars, column, parameter);
    }

    private static void RequireExitAtr(PortfolioOptions options, ReadOnlySpan<double> atr, int bars, string column, string parameter)
    {
        if ((options.Exits.StopLoss.Kind == ExitLevelKind.AtrMultiple || options.Exits.TakeProfit.Kind == ExitLevelKind.AtrMultiple) && atr.IsEmpty && bars > 0)
            throw new ArgumentException($"ATR-multiple exits need the {column} column.", parameter);
    }
}

// The state of one multi-asset run; methods are per bar and allocation-free.
internal ref partial struct PortfolioRun<TFill, TFee, TSlippage>
    where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
{
    private readonly TFill _fill;
    private readonly ExitRules _exits;
    private readonly bool _slipStops, _nextOpen;
    // Turned on for the rest of the run by the first entry with an explicit stop-loss or take-profit price.
    private bool _hasExits, _hasLevels;
    private readonly Span<double> _stopLoss, _takeProfit, _anchor, _entryStop, _entryTarget;
    private readonly Span<int> _levelsFrom, _exitedBar, _timeStopBar;
    private readonly Span<ExitReason> _pendingReason, _remainderReason;
    private readonly Span<int> _remainderBar;
    private readonly LiquidityLimits _liquidity;
    // Turned on by UseDepths when some symbol has an order book.
    private bool _capsFills, _carries;
    private ReadOnlySpan<OrderBookDepth?> _depths;
    private const long DayMs = 86_400_000L;
    private readonly Universe _universe;
    private readonly ReadOnlySpan<long> _time;
    private readonly TFee _fee;
    private readonly TSlippage _slippage;
    private readonly PortfolioOptions _options;
    private readonly RiskLimits _risk;
    private readonly LotRules _lots;
    private readonly PortfolioWorkspace _ws;
    private readonly SimulationWorkspace _records;
    private readonly bool _full;
    private readonly int _symbols;
    private readonly Span<double> _q, _e, _entryFee, _mark;
    private readonly Span<int> _entryBar;
    private readonly Span<SignalAction> _pending;
    private readonly Span<double> _delta, _remainder;
    private readonly Span<int> _remainderDecision;
    private ReadOnlySpan<double> _atr;
    private int _atrBars;
    // Perpetual futures: leverage and maintenance margin, the margin mode, and per symbol the funding accrued since the
    // position's last fill and the funding settled but not yet attributed to a trade.
    private readonly double _leverage, _maintenance;
    private readonly bool _cross, _liquidates;
    private readonly Span<double> _accrued, _settled;
    private ReadOnlySpan<double> _fundingRate;
    private string _fundingColumn;
    private bool _funded;
    private double _funding;
    // The caller's name for the columns the ATR comes from ("signals" or "orders"), for errors.
    private string _inputs;
    // Set on the order path with exits: its fills maintain them (a carried signal entry adds with its exits unchanged).
    private bool _followsOrders;

    private double _balance, _traded, _fees, _peak, _maxDrawdown, _dayStart, _lastEquity, _winSum, _lossSum;
    private int _filled, _rejected, _closed, _wins, _losses, _haltBar, _flattenedBar;
    private long _day, _blockedDay;
    public bool HaltPending;
    private bool _halted;

    public PortfolioRun(Universe universe, PortfolioOptions options, TFill fill, TFee fee, TSlippage slippage, PortfolioWorkspace ws)
    {
        _fill = fill;
        _exits = options.Exits;
        _leverage = options.Leverage;
        _maintenance = options.MaintenanceMargin;
        _cross = options.MarginMode == MarginMode.Cross;
        _liquidates = !_cross && _leverage > 1;
        _hasLevels = options.Exits.HasPriceLevels || _liquidates;
        _hasExits = _hasLevels || options.Exits.TimeStopBars > 0;
        _liquidity = options.Liquidity;
        _capsFills = _liquidity.MaxVolumeShare > 0;
        _carries = _capsFills && _liquidity.Remainder == RemainderPolicy.Carry;
        _slipStops = options.SlipStopExits;
        _nextOpen = options.Timing == FillTiming.NextOpen;
        _universe = universe;
        _time = universe.Time;
        _fee = fee;
        _slippage = slippage;
        _options = options;
        _risk = options.Risk;
        _lots = options.Lots;
        _ws = ws;
        _records = ws.Records;
        _full = options.RecordLevel == RecordLevel.Full;
        _symbols = universe.SymbolCount;
        _q = ws.Quantity.AsSpan(0, _symbols);
        _e = ws.Entry.AsSpan(0, _symbols);
        _entryFee = ws.EntryFee.AsSpan(0, _symbols);
        _mark = ws.Mark.AsSpan(0, _symbols);
        _entryBar = ws.EntryBar.AsSpan(0, _symbols);
        _pending = ws.Pending.AsSpan(0, _symbols);
        _stopLoss = ws.StopLoss.AsSpan(0, _symbols);
        _takeProfit = ws.TakeProfit.AsSpan(0, _symbols);
        _entryStop = ws.EntryStop.AsSpan(0, _symbols);
        _entryTarget = ws.EntryTarget.AsSpan(0, _symbols);
        _levelsFrom = ws.LevelsFrom.AsSpan(0, _symbols);
        _exitedBar = ws.ExitedBar.AsSpan(0, _symbols);
        _anchor = ws.Anchor.AsSpan(0, _symbols);
        _timeStopBar = ws.TimeStopBar.AsSpan(0, _symbols);
        _pendingReason = ws.PendingReason.AsSpan(0, _symbols);
        _remainderReason = ws.RemainderReason.AsSpan(0, _symbols);
        _remainderBar = ws.RemainderBar.AsSpan(0, _symbols);
        _delta = ws.OrderDelta.AsSpan(0, _symbols);
        _remainder = ws.Remainder.AsSpan(0, _symbols);
        _remainderDecision = ws.RemainderDecision.AsSpan(0, _symbols);
        _accrued = ws.Accrued.AsSpan(0, _symbols);
        _settled = ws.SettledFunding.AsSpan(0, _symbols);
        _balance = options.InitialCash;
        _peak = _dayStart = _lastEquity = options.InitialCash;
        _day = long.MinValue;
        _blockedDay = long.MinValue;
        _haltBar = _flattenedBar = -1;
        _fundingColumn = "";
        _inputs = "signals";
    }

    /// <summary>Bar <paramref name="t"/>'s work before its decisions are taken. Next-open timing: mark at the open, the drawdown
    /// stop's flattening, the fills of bar <c>t − 1</c>'s decisions and the carried remainders, then the bar's funding, the
    /// cross-margin check and the exit levels. Signal-close timing: the funding, the cross-margin check and the exit levels, then
    /// the carried remainders at the close.</summary>
    public void BeforeDecisions(int t)
    {
        if (_nextOpen)
        {
            MarkAt(t, atOpen: true);
            if (HaltPending) FlattenAll(t - 1, t, atOpen: true);
            ExecutePending(t - 1, t, atOpen: true);
            AccrueFunding(t);
            CheckAccount(t);
            CheckExitLevels(t);
        }
        else
        {
            AccrueFunding(t);
            CheckAccount(t);
            CheckExitLevels(t);
            if (_carries) WorkCarried(t);
        }
    }

    /// <summary>Bar <paramref name="t"/>'s work after its decisions (<see cref="Decide"/>): under signal-close timing their fills
    /// at the close; then the close (<see cref="Close"/>) and, under signal-close timing, the drawdown stop's flattening.</summary>
    public void AfterDecisions(int t)
    {
        if (!_nextOpen)
        {
            MarkAt(t, atOpen: false);
            ExecutePending(t, t, atOpen: false);
        }
        Close(t);
        if (HaltPending && !_nextOpen)
        {
            FlattenAll(t, t, atOpen: false);
            Close(t);
        }
    }

    /// <summary>The ATR column (symbol-major) read by volatility-target sizing and ATR-multiple exits; <paramref name="inputs"/>
    /// names the columns it belongs to in errors.</summary>
    public void UseAtr(ReadOnlySpan<double> atr, string inputs = "signals")
    {
        _atr = atr;
        _atrBars = _time.Length;
        _inputs = inputs;
    }

    /// <summary>One order book per symbol (null: none), walked by every fill of its symbol; turns on the liquidity caps.</summary>
    public void UseDepths(ReadOnlySpan<OrderBookDepth?> depths)
    {
        _depths = depths;
        _capsFills = true;
        _carries = _liquidity.Remainder == RemainderPolicy.Carry;
    }

    /// <summary>The funding-rate column (symbol-major, empty for none) named <paramref name="column"/> in errors: positions held
    /// through a bar's open pay its rate.</summary>
    public void UseFunding(ReadOnlySpan<double> fundingRate, string column)
    {
        _fundingRate = fundingRate;
        _fundingColumn = column;
        _funded = !fundingRate.IsEmpty;
    }

    // Bar t's funding, owed by every position held after the bar's open fills (opened at the open included, closed at it not),
    // summed per symbol in the order SingleAssetBook.FundingOver sums it; a symbol without a bar pays none.
    private void AccrueFunding(int t)
    {
        if (!_funded) return;
        int n = _time.Length;
        for (int s = 0; s < _symbols; s++)
        {
            if (_q[s] == 0 || !_universe.Present(s)[t]) continue;
            double rate = _fundingRate[s * n + t];
            if (!double.IsFinite(rate)) ThrowBadFunding(_fundingColumn, rate, s, t);
            _accrued[s] += _universe.Open(s)[t] * rate;
        }
    }

    // Settles symbol s's accrued funding into the balance before its position changes; the trades of the position take it.
    private double SettleFunding(int s)
    {
        double paid = _q[s] * _accrued[s];
        _accrued[s] = 0;
        _settled[s] += paid;
        _funding += paid;
        return paid;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBadFunding(string column, double rate, int symbol, int bar) =>
        throw new ArgumentException($"{column} is {rate} for symbol {symbol} on bar {bar}, where a position pays funding.", column);

    // Isolated margin: the price at which the position's margin plus its loss falls to the maintenance margin (the single-asset
    // book's level).
    private readonly double LiquidationPrice(double entry, bool isLong) => isLong
        ? entry * (1.0 - 1.0 / _leverage) / (1.0 - _maintenance)
        : entry * (1.0 + 1.0 / _leverage) / (1.0 + _maintenance);

    // Cross margin: tests the account on bar t's path from each held symbol's open to its adverse extreme, all moving in
    // proportion (PortfolioOptions.MarginMode); where equity minus the maintenance margin reaches 0, every position with a bar
    // is liquidated at its price there (the open on a gap).
    private void CheckAccount(int t)
    {
        if (!_cross) return;
        // Equity minus maintenance at the opens (f0) and at the adverse extremes (f1): linear in between.
        double f0 = _balance, slope = 0;
        bool held = false;
        for (int s = 0; s < _symbols; s++)
        {
            double q = _q[s];
            if (q == 0) continue;
            held = true;
            if (_funded) f0 -= q * _accrued[s];
            bool present = _universe.Present(s)[t];
            double open = present ? _universe.Open(s)[t] : _mark[s], maintenance = _maintenance * Math.Abs(q);
            f0 += q * (open - _e[s]) - maintenance * open;
            if (present) slope += (q - maintenance) * ((q > 0 ? _universe.Low(s)[t] : _universe.High(s)[t]) - open);
        }
        if (!held || f0 + slope > 0) return;
        double at = f0 <= 0 ? 0 : f0 / -slope;
        for (int s = 0; s < _symbols; s++)
        {
            double q = _q[s];
            if (q == 0) continue;
            var side = q > 0 ? OrderSide.Sell : OrderSide.Buy;
            if (!_universe.Present(s)[t])
            {
                Reject(s, t, t, side, ExitReason.Liquidation, RejectReason.MissingBar, Math.Abs(q), double.NaN);
                continue;
            }
            double open = _universe.Open(s)[t];
            double price = open + at * ((q > 0 ? _universe.Low(s)[t] : _universe.High(s)[t]) - open);
            ClosePosition(s, t, t, price, ExitReason.Liquidation, false, Liquidity.Taker, _slipStops);
            _exitedBar[s] = t;
        }
        EndStaleEntries(t);
    }

    /// <summary>Reads bar <paramref name="t"/>'s signals into the pending actions (<see cref="Request(int, int, bool, bool, bool, bool, double, double, double, double)"/> per symbol).</summary>
    public void Decide(in PortfolioSignals signals, int t)
    {
        int n = _time.Length;
        for (int s = 0; s < _symbols; s++)
        {
            int k = s * n + t;
            double stop = PortfolioSignals.Level(signals.StopLossPrice, k), target = PortfolioSignals.Level(signals.TakeProfitPrice, k);
            Request(s, t, At(signals.LongEntries, k), At(signals.LongExits, k), At(signals.ShortEntries, k), At(signals.ShortExits, k),
                stop, target, stop, target);
        }
    }

    /// <summary>Combines symbol <paramref name="s"/>'s four flags of bar <paramref name="t"/> with its position
    /// (<see cref="SignalDecision"/>) into its pending action; a due time stop is an exit when the flags ask for nothing. An action
    /// on a bar the symbol lacks, or on the last bar under next-open timing, is rejected. The entry the action opens keeps the
    /// explicit stop-loss and take-profit prices of its side (NaN: the exit rules').</summary>
    public void Request(int s, int t, bool longEntry, bool longExit, bool shortEntry, bool shortExit,
        double longStop, double longTarget, double shortStop, double shortTarget)
    {
        // Under signal-close timing an exit level reached on the bar pre-empts the symbol's signal there (dropped, as in
        // the single-asset drivers).
        if (!_nextOpen && _exitedBar[s] == t) return;
        var action = SignalDecision.Decide(Side(s), longEntry, longExit, shortEntry, shortExit);
        var reason = ExitReason.Signal;
        if (action == SignalAction.None)
        {
            if (!TimeStopDue(s, t)) return;
            action = SignalAction.Close;
            reason = ExitReason.TimeStop;
        }
        if (!_universe.Present(s)[t])
        {
            RejectAction(s, action, reason, t, t, RejectReason.MissingBar);
            return;
        }
        if (_nextOpen && t == _time.Length - 1)
        {
            RejectAction(s, action, reason, t, t, RejectReason.EndOfData);
            return;
        }
        _pending[s] = action;
        _pendingReason[s] = reason;
        bool toLong = action is SignalAction.OpenLong or SignalAction.ReverseToLong;
        _entryStop[s] = toLong ? longStop : shortStop;
        _entryTarget[s] = toLong ? longTarget : shortTarget;
    }

    /// <summary>Symbol <paramref name="s"/>'s position side.</summary>
    public readonly PositionSide Side(int s) => _q[s] > 0 ? PositionSide.Long : _q[s] < 0 ? PositionSide.Short : PositionSide.Flat;

    // The time stop acts on the symbol's bars from its decision bar on until the position is closed (a missing bar defers it),
    // except while a carried exit is already closing the position.
    private readonly bool TimeStopDue(int s, int t) =>
        t >= _timeStopBar[s] && _q[s] != 0 && _universe.Present(s)[t] && !ClosingCarried(s);

    private static bool At(ReadOnlySpan<bool> column, int k) => !column.IsEmpty && column[k];

    /// <summary>Sets the mark of each held symbol with a bar at <paramref name="t"/> to its open or close (only held
    /// positions are valued; an entry starts from its fill price).</summary>
    public void MarkAt(int t, bool atOpen)
    {
        for (int s = 0; s < _symbols; s++)
        {
            if (_q[s] == 0) continue;
            double price = atOpen ? _universe.Open(s)[t] : _universe.Close(s)[t];
            if (!double.IsNaN(price)) _mark[s] = price;
        }
    }

    private readonly double MarkedEquity(out double gross)
    {
        double equity = _balance;
        gross = 0;
        for (int s = 0; s < _symbols; s++)
        {
            double q = _q[s];
            if (q == 0) continue;
            // mark × q − q × entry, the single-asset book's order of evaluation (a one-symbol run equals it bit for bit).
            double value = _mark[s] * q;
            equity += value - q * _e[s];
            gross += Math.Abs(value);
        }
        return equity;
    }

    /// <summary>Fills the pending actions on bar <paramref name="fill"/>: reductions first, then entries.</summary>
    public void ExecutePending(int decision, int fill, bool atOpen)
    {
        if (fill < 0 || decision < 0) return;
        // One close per symbol and bar: not again on the bar the drawdown stop has just flattened.
        if (_halted && _flattenedBar != fill) CloseRemaining(decision, fill, atOpen, recordMissing: false);
        // Under next-open timing the carried remainders of the symbols without a new decision fill in the same two phases.
        bool work = _carries && atOpen;
        for (int s = 0; s < _symbols; s++)
        {
            var action = _pending[s];
            if (action is not (SignalAction.Close or SignalAction.ReverseToLong or SignalAction.ReverseToShort))
            {
                if (work) WorkCarried(s, fill, atOpen, exit: true);
                continue;
            }
            if (_q[s] == 0)
            {
                if (action == SignalAction.Close) _pending[s] = SignalAction.None;
                continue;
            }
            var reason = action == SignalAction.Close ? _pendingReason[s] : ExitReason.Reverse;
            if (!_universe.Present(s)[fill])
            {
                RejectAction(s, action, reason, decision, fill, RejectReason.MissingBar);
                _pending[s] = SignalAction.None;
                continue;
            }
            ClosePosition(s, decision, fill, Price(s, fill, atOpen), reason, atOpen);
            if (action == SignalAction.Close) _pending[s] = SignalAction.None;
        }
        for (int s = 0; s < _symbols; s++)
        {
            var action = _pending[s];
            if (action == SignalAction.None)
            {
                if (work) WorkCarried(s, fill, atOpen, exit: false);
                continue;
            }
            _pending[s] = SignalAction.None;
            var side = action is SignalAction.OpenLong or SignalAction.ReverseToLong ? PositionSide.Long : PositionSide.Short;
            double stopLoss = _entryStop[s], takeProfit = _entryTarget[s];
            if (!double.IsNaN(stopLoss) || !double.IsNaN(takeProfit)) CheckEntryLevels(s, side, decision, stopLoss, takeProfit);
            var reason = _halted ? RejectReason.DrawdownHalt
                : _blockedDay == Day(fill) ? RejectReason.DailyLossLimit
                : !_universe.Present(s)[fill] ? RejectReason.MissingBar
                : _q[s] != 0 ? RejectReason.NoLiquidity : RejectReason.None;
            if (reason != RejectReason.None)
            {
                Reject(s, decision, fill, side == PositionSide.Long ? OrderSide.Buy : OrderSide.Sell, ExitReason.None, reason, 0, double.NaN);
                continue;
            }
            Enter(s, side, decision, fill, Price(s, fill, atOpen), atOpen, stopLoss, takeProfit);
        }
        EndStaleEntries(fill);
    }

    private readonly double Price(int s, int bar, bool atOpen) => atOpen ? _universe.Open(s)[bar] : _universe.Close(s)[bar];

    private static long Day(long timeMs) => timeMs >= 0 ? timeMs / DayMs : (timeMs - DayMs + 1) / DayMs;
    private readonly long Day(int bar) => Day(_time[bar]);

    private void Enter(int s, PositionSide side, int decision, int fill, double basePrice, bool atOpen, double stopLoss, double takeProfit)
    {
        var orderSide = side == PositionSide.Long ? OrderSide.Buy : OrderSide.Sell;
        double volume = _universe.Volume(s)[fill];
        double price = _slippage.FillPrice(basePrice, orderSide, true, 0, volume);
        double equity = MarkedEquity(out double gross);
        double wanted = Wanted(s, side, decision, price, equity, stopLoss);
        double quantity = wanted;
        var bound = RejectReason.PositionLimit;
        if (!(wanted > 0))
        {
            // No Kelly edge (NaN), or equity at or below 0 after a liquidation: nothing to buy, recorded as the single-asset book
            // does (its liquidity cap, else its lot check, finds nothing to fill).
            Reject(s, decision, fill, orderSide, ExitReason.None,
                double.IsNaN(wanted) ? RejectReason.NoEdge : _capsFills ? RejectReason.NoLiquidity : RejectReason.BelowMinQuantity, 0, price);
            return;
        }
        if (_risk.MaxPositionQuantity > 0 && quantity > _risk.MaxPositionQuantity)
            quantity = _risk.MaxPositionQuantity;
        if (_risk.MaxAssetExposure > 0) Cap(ref quantity, ref bound, _risk.MaxAssetExposure * equity / price, RejectReason.ExposureLimit);
        if (_risk.MaxTotalExposure > 0) Cap(ref quantity, ref bound, (_risk.MaxTotalExposure * equity - gross) / price, RejectReason.ExposureLimit);
        // Free cash that is rounding dust of the balance (the rest of a carried entry spent it all) affords nothing, as on the
        // order path.
        double free = FreeCash();
        Cap(ref quantity, ref bound, free > DustFraction * _balance ? _fee.AffordableQuantity(free * _leverage, price, Liquidity.Taker, _traded) : 0,
            RejectReason.InsufficientFunds);
        quantity = _lots.RoundDown(quantity);
        if (!(quantity > 0))
        {
            Reject(s, decision, fill, orderSide, ExitReason.None, quantity < _lots.RoundDown(wanted) ? bound : RejectReason.BelowMinQuantity, wanted, price);
            return;
        }
        double unfilled = 0;
        var depth = DepthOf(s);
        if (_capsFills)
        {
            double liquid = LiquidityCap(s, fill, orderSide, quantity, double.NaN, _liquidity, depth);
            if (!(liquid > 0))
            {
                Reject(s, decision, fill, orderSide, ExitReason.None, RejectReason.NoLiquidity, quantity, price);
                return;
            }
            unfilled = quantity - liquid;
            quantity = liquid;
        }
        if (depth is not null)
        {
            // The walk's average price is the fill price; a walk dearer than the sizing price is cut to what the free margin
            // buys, as in the single-asset book.
            price = Walked(depth, fill, orderSide, quantity, double.NaN);
            double affordable = free > DustFraction * _balance ? _lots.RoundDown(_fee.AffordableQuantity(free * _leverage, price, Liquidity.Taker, _traded)) : 0;
            if (quantity > affordable)
            {
                quantity = affordable;
                if (!(quantity > 0))
                {
                    Reject(s, decision, fill, orderSide, ExitReason.None, RejectReason.InsufficientFunds, wanted, price);
                    return;
                }
                price = Walked(depth, fill, orderSide, quantity, double.NaN);
            }
        }
        else price = _slippage.FillPrice(basePrice, orderSide, true, quantity, volume);
        var lot = _lots.Check(quantity, price);
        if (lot != RejectReason.None)
        {
            Reject(s, decision, fill, orderSide, ExitReason.None, lot, quantity, price);
            return;
        }
        double fee = _fee.Fee(quantity, price, Liquidity.Taker, _traded);
        _traded += quantity * price;
        _balance -= fee;
        _fees += fee;
        _q[s] = side == PositionSide.Long ? quantity : -quantity;
        _e[s] = price;
        _mark[s] = basePrice;
        _entryFee[s] = fee;
        _entryBar[s] = fill;
        if (_hasExits || !double.IsNaN(stopLoss) || !double.IsNaN(takeProfit)) ResolveExits(s, side, decision, fill, price, atOpen, stopLoss, takeProfit);
        _filled++;
        bool partial = quantity < _lots.RoundDown(wanted);
        if (_full)
            _records.Add(new OrderRecord
            {
                Bar = fill, DecisionBar = decision, Time = _time[fill], Side = orderSide, Asset = s,
                Status = partial ? OrderStatus.Partial : OrderStatus.Filled, RequestedQuantity = partial ? wanted : 0,
                Quantity = quantity, Price = price, Fee = fee, AtOpen = atOpen,
                PositionAfter = _q[s], EntryPriceAfter = price, BalanceAfter = _balance,
            });
        if (unfilled > 0 && _carries)
        {
            // A stale remainder of the symbol's previous position ends after this order, as in the single-asset drivers.
            if (_remainder[s] != 0) EndCarried(s, fill, RejectReason.Cancelled);
            Carry(s, decision, fill, side == PositionSide.Long ? unfilled : -unfilled, ExitReason.None);
        }
    }

    private static void Cap(ref double quantity, ref RejectReason bound, double cap, RejectReason reason)
    {
        if (quantity <= cap) return;
        quantity = Math.Max(cap, 0);
        bound = reason;
    }

    // The exits of a new position, by the single-asset book's rules: an entry's explicit prices, else levels measured from the
    // fill price or the decision bar's close, checked from the fill bar (next-open) or the bar after (signal-close); the trailing
    // stop's extreme starts at the reference; the time stop is decided on bar fill + N − 1 (next-open) or fill + N (signal-close).
    private void ResolveExits(int s, PositionSide side, int decision, int fill, double fillPrice, bool atOpen, double stopLoss, double takeProfit)
    {
        double reference = _exits.Reference == StopReference.SignalClose ? _universe.Close(s)[decision] : fillPrice;
        bool isLong = side == PositionSide.Long;
        double sl = StopLevel(s, side, decision, fillPrice, stopLoss);
        double tp = !double.IsNaN(takeProfit) || !_exits.TakeProfit.IsSet ? takeProfit : RuleLevel(_exits.TakeProfit, false, s, side, decision, fillPrice);
        // Explicit prices were checked against the decision close before the fill (CheckEntryLevels).
        if (double.IsNaN(stopLoss) && _exits.StopLoss.IsSet && !(sl > 0 && (isLong ? sl < reference : sl > reference)))
            ThrowWrongSide("options.Exits.StopLoss", sl, reference, side, s, decision);
        if (double.IsNaN(takeProfit) && _exits.TakeProfit.IsSet && !(tp > 0 && (isLong ? tp > reference : tp < reference)))
            ThrowWrongSide("options.Exits.TakeProfit", tp, reference, side, s, decision);
        if (!double.IsNaN(stopLoss) || !double.IsNaN(takeProfit)) _hasLevels = _hasExits = true;
        _stopLoss[s] = sl;
        _takeProfit[s] = tp;
        _anchor[s] = reference;
        _levelsFrom[s] = atOpen ? fill : fill + 1;
        _timeStopBar[s] = _exits.TimeStopBars > 0 ? (int)Math.Min(int.MaxValue, (long)fill + _exits.TimeStopBars - (_nextOpen ? 1 : 0)) : int.MaxValue;
    }

    /// <summary>Checks each held symbol's stop-loss, take-profit and trailing stop against its bar <paramref name="t"/> (after the
    /// bar's open fills) with the fill model and the gap rule of <see cref="BarExits.FirstTouched"/>; a reached level closes the
    /// position at the level (or the open on a gap): a stop-loss or trailing stop as a taker with slippage
    /// (<see cref="PortfolioOptions.SlipStopExits"/>), a take-profit as a maker without. The trailing stop is tested with the
    /// extreme up to the previous bar and this bar's open, then moved by this bar's extreme.</summary>
    public void CheckExitLevels(int t)
    {
        if (!_hasLevels) return;
        double trail = _exits.TrailingFraction;
        for (int s = 0; s < _symbols; s++)
        {
            double q = _q[s];
            if (q == 0 || t < _levelsFrom[s] || !_universe.Present(s)[t]) continue;
            bool isLong = q > 0;
            double sl = double.IsNaN(_stopLoss[s]) ? (isLong ? double.NegativeInfinity : double.PositiveInfinity) : _stopLoss[s];
            double tp = double.IsNaN(_takeProfit[s]) ? (isLong ? double.PositiveInfinity : double.NegativeInfinity) : _takeProfit[s];
            var adverseReason = ExitReason.StopLoss;
            if (_liquidates)
            {
                double liquidation = LiquidationPrice(_e[s], isLong);
                if (isLong ? liquidation > sl : liquidation < sl)
                {
                    sl = liquidation;
                    adverseReason = ExitReason.Liquidation;
                }
            }
            double lower = isLong ? sl : tp, upper = isLong ? tp : sl;
            double open = _universe.Open(s)[t];
            bool trailing = false;
            if (trail > 0)
            {
                if (isLong)
                {
                    _anchor[s] = Math.Max(_anchor[s], open);
                    double level = _anchor[s] * (1.0 - trail);
                    if (level > lower) { lower = level; trailing = true; }
                }
                else
                {
                    _anchor[s] = Math.Min(_anchor[s], open);
                    double level = _anchor[s] * (1.0 + trail);
                    if (level < upper) { upper = level; trailing = true; }
                }
            }
            var (hit, price) = BarExits.FirstTouched(_fill, open, _universe.High(s)[t], _universe.Low(s)[t], lower, upper, isLong);
            if (hit == ExitLevelHit.None)
            {
                if (trail > 0) _anchor[s] = isLong ? Math.Max(_anchor[s], _universe.High(s)[t]) : Math.Min(_anchor[s], _universe.Low(s)[t]);
                continue;
            }
            bool adverse = (hit == ExitLevelHit.Lower) == isLong;
            ClosePosition(s, t, t, price, !adverse ? ExitReason.TakeProfit : trailing ? ExitReason.TrailingStop : adverseReason, false,
                adverse ? Liquidity.Taker : Liquidity.Maker, adverse && _slipStops);
            _exitedBar[s] = t;
        }
        EndStaleEntries(t);
    }

    // The entry's stop-loss: the explicit price, else the exit rules' resolved from the fill price or the decision close (ATR of
    // the decision bar); NaN when there is none.
    private readonly double StopLevel(int s, PositionSide side, int decision, double fillPrice, double stopLoss) =>
        !double.IsNaN(stopLoss) || !_exits.StopLoss.IsSet ? stopLoss : RuleLevel(_exits.StopLoss, true, s, side, decision, fillPrice);

    private readonly double RuleLevel(ExitLevel level, bool adverse, int s, PositionSide side, int decision, double fillPrice)
    {
        double reference = _exits.Reference == StopReference.SignalClose ? _universe.Close(s)[decision] : fillPrice;
        double atr = double.NaN;
        if (level.Kind == ExitLevelKind.AtrMultiple)
        {
            atr = _atr[s * _atrBars + decision];
            if (!(atr >= 0) || !double.IsFinite(atr))
                throw new ArgumentException($"{_inputs}.Atr is {atr} for symbol {s} on decision bar {decision}; ATR-multiple exits need a finite ATR >= 0 there.", _inputs);
        }
        return level.Resolve(side, adverse, reference, atr);
    }

    // Explicit per-entry prices must lie on their side of the decision close, the last price known when they were set.
    private readonly void CheckEntryLevels(int s, PositionSide side, int decision, double stopLoss, double takeProfit)
    {
        double close = _universe.Close(s)[decision];
        bool isLong = side == PositionSide.Long;
        if (!double.IsNaN(stopLoss) && !(double.IsFinite(stopLoss) && stopLoss > 0 && (isLong ? stopLoss < close : stopLoss > close)))
            ThrowWrongLevel("signals.StopLossPrice", stopLoss, close, side, s, decision);
        if (!double.IsNaN(takeProfit) && !(double.IsFinite(takeProfit) && takeProfit > 0 && (isLong ? takeProfit > close : takeProfit < close)))
            ThrowWrongLevel("signals.TakeProfitPrice", takeProfit, close, side, s, decision);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowWrongLevel(string name, double level, double close, PositionSide side, int symbol, int bar) =>
        throw new ArgumentException(
            $"{name} is {level} for the {side} entry of symbol {symbol} decided on bar {bar}, whose close is {close} (from the column, or the PortfolioContext.Enter{side} argument): a stop-loss price must lie on the losing side of that close, a take-profit price on the winning side, both finite and > 0.",
            name);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNoStop(PositionSide side, int symbol, int bar) =>
        throw new ArgumentException(
            $"Risk-fraction sizing needs a stop-loss, but the {side} entry of symbol {symbol} decided on bar {bar} has none: set options.Exits.StopLoss, or a stop-loss price for the entry (signals.StopLossPrice, or the stopLoss argument of PortfolioContext.EnterLong/EnterShort).",
            "Sizing");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowWrongSide(string name, double level, double reference, PositionSide side, int symbol, int bar) =>
        throw new ArgumentException(
            $"{name} resolves to {level} for a {side} entry of symbol {symbol} decided on bar {bar} with reference price {reference}: a stop-loss must lie on the losing side of the reference, a take-profit on the winning side, both > 0.",
            name);

    // Free margin: the balance (cross margin: the equity) minus Σ initial margin (the cost basis at leverage 1). Accrued funding
    // is not counted until settled, as in the single-asset book.
    private readonly double FreeCash()
    {
        double free = _cross ? MarkedEquity(out _) : _balance;
        for (int s = 0; s < _symbols; s++) free -= Math.Abs(_q[s]) * _e[s] / _leverage;
        return free;
    }

    // Funding accrued by the open positions and not yet settled.
    private readonly double Owed()
    {
        double owed = 0;
        if (_funded)
            for (int s = 0; s < _symbols; s++) owed += _q[s] * _accrued[s];
        return owed;
    }

    // The quantity the sizing asks for, before caps and lot rounding; NaN when the Kelly weight shows no edge.
    private readonly double Wanted(int s, PositionSide side, int decision, double price, double equity, double stopLoss)
    {
        var sizing = _options.Sizing;
        switch (sizing.Kind)
        {
            case PortfolioSizingKind.RiskFraction:
                double stop = StopLevel(s, side, decision, price, stopLoss);
                if (double.IsNaN(stop)) ThrowNoStop(side, s, decision);
                // Capped by the free cash here, as the single-asset book sizes it (no free cash: Enter rejects it).
                double risked = equity * sizing.Value / Math.Abs(price - stop), free = FreeCash();
                return free > DustFraction * _balance ? Math.Min(risked, _fee.AffordableQuantity(free * _leverage, price, Liquidity.Taker, _traded)) : risked;
            case PortfolioSizingKind.VolatilityTarget:
                double atr = _atr[s * _atrBars + decision];
                if (!(atr > 0) || !double.IsFinite(atr))
                    throw new ArgumentException($"signals.Atr is {atr} for symbol {s} on decision bar {decision}; volatility targeting needs a finite ATR > 0 there.", "signals");
                return sizing.Value * equity / atr;
            case PortfolioSizingKind.Kelly:
                double p = sizing.WinRate, b = sizing.Payoff;
                if (sizing.MinTrades > 0 && _closed >= sizing.MinTrades)
                {
                    p = (double)_wins / _closed;
                    b = _wins > 0 && _losses > 0 ? (_winSum / _wins) / (-_lossSum / _losses) : _wins > 0 ? double.PositiveInfinity : 0;
                }
                double weight = Math.Min(1.0, sizing.Value * PortfolioSizing.KellyWeight(p, b));
                return weight > 0 ? _fee.AffordableQuantity(weight * equity * _leverage, price, Liquidity.Taker, _traded) : double.NaN;
            default:
                return _fee.AffordableQuantity(sizing.Value * equity * _leverage, price, Liquidity.Taker, _traded);
        }
    }

    // A new exit of symbol s (signal, reversal, time stop, level, drawdown stop): replaces a carried exit, then closes.
    private void ClosePosition(int s, int decision, int fill, double basePrice, ExitReason reason, bool atOpen,
        Liquidity liquidity = Liquidity.Taker, bool slip = true)
    {
        if (ClosingCarried(s)) EndCarried(s, fill, RejectReason.Cancelled);
        Reduce(s, decision, fill, basePrice, reason, atOpen, liquidity, slip, recordNoLiquidity: true);
    }

    // Closes symbol s's position, or the part of it the bar's liquidity allows (recorded Partial; a bar with none records
    // NoLiquidity unless the exit is a carried one); the rest is carried until flat under RemainderPolicy.Carry, else stays open.
    private void Reduce(int s, int decision, int fill, double basePrice, ExitReason reason, bool atOpen, Liquidity liquidity, bool slip,
        bool recordNoLiquidity)
    {
        double q = _q[s], entry = _e[s];
        var orderSide = q > 0 ? OrderSide.Sell : OrderSide.Buy;
        double held = Math.Abs(q);
        // The exchange's liquidation engine takes the whole position at its level, neither capped nor through the book (as in the
        // single-asset book).
        bool liquidation = reason == ExitReason.Liquidation;
        var depth = liquidation ? null : DepthOf(s);
        double quantity = _capsFills && !liquidation ? LiquidityCap(s, fill, orderSide, held, double.NaN, _liquidity, depth) : held;
        if (!(quantity > 0))
        {
            if (recordNoLiquidity) Reject(s, decision, fill, orderSide, reason, RejectReason.NoLiquidity, held, basePrice);
            CarryExit(s, decision, fill, reason);
            return;
        }
        bool partial = quantity < held;
        double price = depth is not null ? Walked(depth, fill, orderSide, quantity, double.NaN)
            : slip ? _slippage.FillPrice(basePrice, orderSide, false, quantity, _universe.Volume(s)[fill]) : basePrice;
        double fee = _fee.Fee(quantity, price, liquidity, _traded);
        _traded += quantity * price;
        double paid = _funded ? SettleFunding(s) : 0;
        double e = entry;
        double gross = PositionMath.Apply(ref _q[s], ref e, partial ? (q > 0 ? -quantity : quantity) : -q, price, out _);
        if (!partial) _e[s] = 0;
        _balance += gross - fee - paid;
        _fees += fee;
        double entryFee = partial ? _entryFee[s] * (quantity / held) : _entryFee[s];
        double funding = partial ? _settled[s] * (quantity / held) : _settled[s];
        _settled[s] -= funding;
        // Grouped as the single-asset book does, so a one-symbol run's trade P&L is the same double.
        double pnl = gross - (fee + entryFee) - funding;
        _filled++;
        _closed++;
        if (pnl > 0)
        {
            _wins++;
            _winSum += pnl;
        }
        else
        {
            _losses++;
            _lossSum += pnl;
        }
        if (_full)
        {
            _records.Add(new OrderRecord
            {
                Bar = fill, DecisionBar = decision, Time = _time[fill], Side = orderSide, Asset = s,
                Status = partial ? OrderStatus.Partial : OrderStatus.Filled, RequestedQuantity = partial ? held : 0,
                Reason = reason, Quantity = quantity, Price = price, Fee = fee, AtOpen = atOpen,
                PositionAfter = _q[s], EntryPriceAfter = _e[s], BalanceAfter = _balance,
            });
            _records.Add(TradeOf(s, q > 0 ? quantity : -quantity, entry, entryFee, funding, fill, price, fee, pnl, reason));
        }
        if (partial)
        {
            _entryFee[s] -= entryFee;
            CarryExit(s, decision, fill, reason);
            return;
        }
        _entryFee[s] = 0;
        _stopLoss[s] = _takeProfit[s] = double.NaN;
        if (_remainderReason[s] != ExitReason.None) _remainder[s] = 0;
    }

    // Under RemainderPolicy.Carry the rest of a capped exit closes on the symbol's following bars until flat; a carried entry
    // of the same position ends first (cancelled by the exit).
    private void CarryExit(int s, int decision, int fill, ExitReason reason)
    {
        if (!_carries) return;
        if (_remainder[s] != 0 && _remainderReason[s] == ExitReason.None) EndCarried(s, fill, RejectReason.Cancelled);
        Carry(s, decision, fill, -_q[s], reason);
    }

    // Whether a carried exit is closing symbol s's position.
    private readonly bool ClosingCarried(int s) => _remainder[s] != 0 && _remainderReason[s] != ExitReason.None;

    private void Carry(int s, int decision, int fill, double remainder, ExitReason reason)
    {
        _remainder[s] = remainder;
        _remainderDecision[s] = decision;
        _remainderBar[s] = fill;
        _remainderReason[s] = reason;
    }

    // Signal-close timing: the carried remainders fill at bar t's close before its decisions, exits first.
    private void WorkCarried(int t)
    {
        for (int s = 0; s < _symbols; s++) WorkCarried(s, t, atOpen: false, exit: true);
        for (int s = 0; s < _symbols; s++) WorkCarried(s, t, atOpen: false, exit: false);
    }

    // Works symbol s's carried exit (`exit`) or entry on bar `fill` at its default price, from the bar after the one that left it:
    // an exit closes what the bar's liquidity allows; an entry adds to its position through the order path (free cash, risk
    // limits, liquidity; average cost, exits unchanged), as the single-asset book's WorkCarry does.
    private void WorkCarried(int s, int fill, bool atOpen, bool exit)
    {
        double remainder = _remainder[s];
        if (remainder == 0 || (_remainderReason[s] != ExitReason.None) != exit || _remainderBar[s] >= fill || !_universe.Present(s)[fill]) return;
        if (exit)
        {
            Reduce(s, _remainderDecision[s], fill, Price(s, fill, atOpen), _remainderReason[s], atOpen, Liquidity.Taker, slip: true, recordNoLiquidity: false);
            return;
        }
        double q = _q[s];
        if (q == 0 || (q > 0) != (remainder > 0)) return;
        ExecuteOrder(s, _remainderDecision[s], fill, remainder, Price(s, fill, atOpen), double.NaN, atOpen, _liquidity, DepthOf(s), false, out double unfilled);
        _remainder[s] = remainder > 0 ? unfilled : -unfilled;
    }

    // Carried entries whose position has closed or reversed are cancelled on `bar`.
    private void EndStaleEntries(int bar)
    {
        if (!_carries) return;
        for (int s = 0; s < _symbols; s++)
        {
            double remainder = _remainder[s], q = _q[s];
            if (remainder != 0 && _remainderReason[s] == ExitReason.None && (q == 0 || (q > 0) != (remainder > 0)))
                EndCarried(s, bar, RejectReason.Cancelled);
        }
    }

    /// <summary>Records the remainders still carried after the last bar <paramref name="last"/> as <see cref="RejectReason.EndOfData"/>.</summary>
    public void ExpireCarried(int last)
    {
        if (!_carries) return;
        for (int s = 0; s < _symbols; s++)
            if (_remainder[s] != 0) EndCarried(s, last, RejectReason.EndOfData);
    }

    private void EndCarried(int s, int bar, RejectReason why)
    {
        double remainder = _remainder[s];
        Reject(s, _remainderDecision[s], bar, remainder > 0 ? OrderSide.Buy : OrderSide.Sell, _remainderReason[s], why, Math.Abs(remainder), double.NaN);
        _remainder[s] = 0;
    }

    // At most the volume share of symbol s's volume on `bar`, rounded down to the lot step (0 without volume).
    private readonly double LiquidityCap(int s, int bar, double quantity, in LiquidityLimits limits)
    {
        if (!(limits.MaxVolumeShare > 0)) return quantity;
        double volume = _universe.Volume(s)[bar];
        return Math.Min(quantity, volume > 0 && double.IsFinite(volume) ? _lots.RoundDown(limits.MaxVolumeShare * volume) : 0);
    }

    // The volume-share cap, then the depth of symbol s's book (if any) on `side` of `bar`'s snapshot up to `limit` (NaN: none),
    // rounded down to the lot step, as the single-asset book's LiquidityCap.
    private readonly double LiquidityCap(int s, int bar, OrderSide side, double quantity, double limit, in LiquidityLimits limits,
        OrderBookDepth? depth)
    {
        quantity = LiquidityCap(s, bar, quantity, limits);
        return depth is not null && quantity > 0 ? Math.Min(quantity, _lots.RoundDown(depth.Walk(bar, side, quantity, limit, out _))) : quantity;
    }

    private readonly OrderBookDepth? DepthOf(int s) => _depths.IsEmpty ? null : _depths[s];

    // The volume-weighted price of the levels `quantity` takes from `depth` on `bar`.
    private static double Walked(OrderBookDepth depth, int bar, OrderSide side, double quantity, double limit)
    {
        depth.Walk(bar, side, quantity, limit, out double average);
        return average;
    }

    private readonly TradeRecord TradeOf(int s, double q, double entry, double entryFee, double funding, int exitBar, double exitPrice,
        double exitFee, double pnl, ExitReason reason)
    {
        double quantity = Math.Abs(q);
        return new TradeRecord
        {
            Asset = s, EntryBar = _entryBar[s], ExitBar = exitBar, EntryTime = _time[_entryBar[s]], ExitTime = _time[exitBar],
            Side = q > 0 ? PositionSide.Long : PositionSide.Short, Quantity = quantity, EntryPrice = entry, ExitPrice = exitPrice,
            EntryFee = entryFee, ExitFee = exitFee, Funding = funding, Pnl = pnl,
            Return = (q > 0 ? 1.0 : -1.0) * (exitPrice / entry - 1) - (exitFee + entryFee + funding) / (quantity * entry),
            ExitReason = reason, StopLoss = _stopLoss[s], TakeProfit = _takeProfit[s],
        };
    }

    /// <summary>Fires the drawdown stop: closes every open position on bar <paramref name="fill"/> and halts new entries.</summary>
    public void FlattenAll(int decision, int fill, bool atOpen)
    {
        HaltPending = false;
        _halted = true;
        _flattenedBar = fill;
        CloseRemaining(decision, fill, atOpen, recordMissing: true);
        EndStaleEntries(fill);
    }

    // After the stop: closes the positions whose symbol has a bar on `fill`; the others (and what the liquidity left open,
    // unless it is carried) are closed on their next bars.
    private void CloseRemaining(int decision, int fill, bool atOpen, bool recordMissing)
    {
        for (int s = 0; s < _symbols; s++)
        {
            if (_q[s] == 0 || ClosingCarried(s)) continue;
            if (!_universe.Present(s)[fill])
            {
                if (recordMissing)
                    Reject(s, decision, fill, _q[s] > 0 ? OrderSide.Sell : OrderSide.Buy, ExitReason.DrawdownHalt, RejectReason.MissingBar,
                        Math.Abs(_q[s]), double.NaN);
                continue;
            }
            ClosePosition(s, decision, fill, Price(s, fill, atOpen), ExitReason.DrawdownHalt, atOpen);
        }
    }

    /// <summary>Marks the portfolio at bar <paramref name="t"/>'s close, records the per-bar series and applies the daily loss
    /// limit and the drawdown stop.</summary>
    public void Close(int t)
    {
        long day = Day(t);
        if (day != _day)
        {
            _dayStart = _lastEquity;
            _day = day;
        }
        MarkAt(t, atOpen: false);
        double equity = MarkedEquity(out double gross);
        _lastEquity = equity;
        // The recorded series owe the accrued funding; the risk limits mark equity without it, as the single-asset book does.
        double owed = Owed();
        _ws.EquityBuffer[t] = equity - owed;
        _ws.GrossBuffer[t] = gross;
        _ws.CashBuffer[t] = FreeCash() - owed;
        if (equity > _peak) _peak = equity;
        double drawdown = 1.0 - equity / _peak;
        if (drawdown > _maxDrawdown) _maxDrawdown = drawdown;
        if (_risk.DailyLossLimit > 0 && equity <= _dayStart * (1 - _risk.DailyLossLimit)) _blockedDay = day;
        if (_risk.MaxDrawdown > 0 && !_halted && drawdown >= _risk.MaxDrawdown)
        {
            HaltPending = true;
            _haltBar = t;
        }
    }

    private void RejectAction(int s, SignalAction action, ExitReason closeReason, int decision, int bar, RejectReason reason)
    {
        bool opening = action is SignalAction.OpenLong or SignalAction.OpenShort;
        var side = action is SignalAction.OpenLong or SignalAction.ReverseToLong || (action == SignalAction.Close && _q[s] < 0)
            ? OrderSide.Buy : OrderSide.Sell;
        Reject(s, decision, bar, side, opening ? ExitReason.None : action == SignalAction.Close ? closeReason : ExitReason.Reverse,
            reason, opening ? 0 : Math.Abs(_q[s]), double.NaN);
    }

    private void Reject(int s, int decision, int bar, OrderSide side, ExitReason reason, RejectReason rejectReason, double quantity, double price)
    {
        _rejected++;
        if (_full)
            _records.Add(new OrderRecord
            {
                Bar = bar, DecisionBar = decision, Time = _time[bar], Side = side, Asset = s, Status = OrderStatus.Rejected,
                RejectReason = rejectReason, Reason = reason, Quantity = quantity, Price = price,
                PositionAfter = _q[s], EntryPriceAfter = _e[s], BalanceAfter = _balance,
            });
    }

    /// <summary>Records the positions still open as open trades and returns the summary.</summary>
    public readonly PortfolioSummary Finish()
    {
        int n = _time.Length;
        double funding = _funding;
        for (int s = 0; s < _symbols; s++)
        {
            double q = _q[s];
            if (q == 0 || n == 0) continue;
            double accrued = _funded ? q * _accrued[s] : 0;
            funding += accrued;
            if (_full)
            {
                double owed = _settled[s] + accrued;
                _records.Add(TradeOf(s, q, _e[s], _entryFee[s], owed, n - 1, _mark[s], 0, q * (_mark[s] - _e[s]) - _entryFee[s] - owed, ExitReason.None));
            }
        }
        return new PortfolioSummary
        {
            InitialCash = _options.InitialCash, FinalEquity = n > 0 ? _lastEquity - Owed() : _options.InitialCash, FilledOrders = _filled,
            RejectedOrders = _rejected, ClosedTrades = _closed, WinningTrades = _wins, TotalFees = _fees, TotalFunding = funding,
            MaxDrawdown = _maxDrawdown,
            HaltBar = _haltBar,
        };
    }
}
