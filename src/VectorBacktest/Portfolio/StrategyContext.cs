using System.Runtime.CompilerServices;
using VectorBacktest.Data;
using VectorBacktest.Execution;

namespace VectorBacktest.Portfolio;

/// <summary>
/// What a <see cref="IBarStrategy"/> sees on one bar and the requests it places. The requests are combined by the
/// same rules as signal columns (<see cref="SignalInputs"/>): entering the side already held is ignored (adds to it with
/// <see cref="SimulationOptions.Accumulate"/>), entering the other side reverses, an entry and an exit of one side cancel. An
/// entry may carry its own stop-loss and take-profit prices, as <see cref="SignalInputs.StopLossPrice"/> /
/// <see cref="SignalInputs.TakeProfitPrice"/> do for signal columns, and its own order type (<see cref="PlaceLong"/>).
/// </summary>
/// <remarks>
/// <para>Working entry orders. A non-market entry (<see cref="SimulationOptions.Entry"/>, or the order given to
/// <see cref="PlaceLong"/> / <see cref="PlaceShort"/>) works from the next bar by the rules of <see cref="EntryOrder"/>; while it
/// works, requests are read as if its position were held (an exit cancels it, an opposite entry replaces it, a same-side entry
/// is ignored). <see cref="WorkingEntry"/> shows it; <see cref="AmendOrder"/> changes its prices or time in force and
/// <see cref="CancelOrder"/> withdraws it (recorded <see cref="RejectReason.Cancelled"/> on this bar), so cancelling and placing on
/// one bar replaces it. Changes made on bar <c>t</c>'s close act from bar <c>t + 1</c>: nothing is matched against a bar already seen.</para>
/// <para>Exit levels. <see cref="SetStopLoss"/> / <see cref="SetTakeProfit"/> move or remove the open position's levels from the
/// next bar on; the fill of a moved level follows the usual rules (a bar that opens past it fills at the open).</para>
/// <para><see cref="Composition.SignalVote"/> votes on the four requests (and their exit prices): a member's order type,
/// amendments, cancellations and moved exit levels are not forwarded.</para>
/// </remarks>
public ref struct StrategyContext
{
    internal bool LongEntry, LongExit, ShortEntry, ShortExit;
    private double _longStop, _longTarget, _shortStop, _shortTarget;
    private EntryOrder _longOrder, _shortOrder;
    private bool _longTyped, _shortTyped;
    private readonly bool _accumulate;
    private bool _hasWorking;

    /// <summary>True once the strategy amended or cancelled the working order or moved an exit level: the driver applies them.</summary>
    internal bool Amends;
    /// <summary>True when the working order was cancelled on this bar.</summary>
    internal bool Cancelled;
    /// <summary>The working order as amended on this bar.</summary>
    internal WorkingOrder Working;
    internal bool SetsStopLoss, SetsTakeProfit;
    internal double NewStopLoss, NewTakeProfit;

    private readonly BarSeries _bars;

    internal StrategyContext(BarSeries bars, int bar, PositionSide position, double quantity, double entryPrice, double balance,
        bool accumulate = false, bool hasWorking = false, WorkingOrder working = default)
    {
        _bars = bars;
        Bar = bar;
        Position = position;
        Quantity = quantity;
        EntryPrice = entryPrice;
        Balance = balance;
        _longStop = _longTarget = _shortStop = _shortTarget = double.NaN;
        _accumulate = accumulate;
        _hasWorking = hasWorking;
        Working = working;
    }

    /// <summary>The current bar's index; its close is the latest known price.</summary>
    public int Bar { get; }
    /// <summary>Open times (epoch ms UTC) of bars 0 to <see cref="Bar"/>: later bars are not visible, so no look-ahead is possible.</summary>
    public readonly ReadOnlySpan<long> Time => _bars.Time[..(Bar + 1)];
    /// <summary>Opens of bars 0 to <see cref="Bar"/>.</summary>
    public readonly ReadOnlySpan<double> Open => _bars.Open[..(Bar + 1)];
    /// <summary>Highs of bars 0 to <see cref="Bar"/>.</summary>
    public readonly ReadOnlySpan<double> High => _bars.High[..(Bar + 1)];
    /// <summary>Lows of bars 0 to <see cref="Bar"/>.</summary>
    public readonly ReadOnlySpan<double> Low => _bars.Low[..(Bar + 1)];
    /// <summary>Closes of bars 0 to <see cref="Bar"/>.</summary>
    public readonly ReadOnlySpan<double> Close => _bars.Close[..(Bar + 1)];
    /// <summary>Volumes of bars 0 to <see cref="Bar"/>.</summary>
    public readonly ReadOnlySpan<double> Volume => _bars.Volume[..(Bar + 1)];
    /// <summary>The position after this bar's fills.</summary>
    public PositionSide Position { get; }
    /// <summary>Signed position in base units.</summary>
    public double Quantity { get; }
    /// <summary>Entry price of the position (0 when flat).</summary>
    public double EntryPrice { get; }
    /// <summary>Realised balance: cash plus the position's cost basis.</summary>
    public double Balance { get; }
    /// <summary>Equity marked at this bar's close (funding accrued by the open position is settled when it closes, and not included here).</summary>
    public readonly double Equity => Balance + (_bars.Close[Bar] * Quantity - Quantity * EntryPrice);

    /// <summary>Open a long (or reverse a short into one), optionally with its own exit prices.</summary>
    /// <param name="stopLoss">Stop-loss price of this entry, below this bar's close (NaN: <see cref="SimulationOptions.Exits"/>'
    /// stop-loss); what <see cref="SignalInputs.StopLossPrice"/> gives on this bar, with the same rules (and the same
    /// <see cref="ArgumentException"/> when it is on the wrong side, raised when the entry executes).</param>
    /// <param name="takeProfit">Take-profit price of this entry, above this bar's close (NaN: the exit rules').</param>
    public void EnterLong(double stopLoss = double.NaN, double takeProfit = double.NaN)
    {
        LongEntry = true;
        _longTyped = false;
        _longStop = stopLoss;
        _longTarget = takeProfit;
    }
    /// <summary>Close a long.</summary>
    public void ExitLong() => LongExit = true;
    /// <summary>Open a short (or reverse a long into one), optionally with its own exit prices (see <see cref="EnterLong"/>).</summary>
    /// <param name="stopLoss">Stop-loss price of this entry, above this bar's close (NaN: the exit rules').</param>
    /// <param name="takeProfit">Take-profit price of this entry, below this bar's close and &gt; 0 (NaN: the exit rules').</param>
    public void EnterShort(double stopLoss = double.NaN, double takeProfit = double.NaN)
    {
        ShortEntry = true;
        _shortTyped = false;
        _shortStop = stopLoss;
        _shortTarget = takeProfit;
    }
    /// <summary>Open a long (or reverse a short into one) with <paramref name="order"/>'s type instead of
    /// <see cref="SimulationOptions.Entry"/>'s: its prices are offsets from this bar's close and it works from the next bar for its
    /// time in force, exactly as the same <see cref="EntryOrder"/> given as <see cref="SimulationOptions.Entry"/> would
    /// (<see cref="EntryOrder.Market"/> places a market order). Otherwise as <see cref="EnterLong"/>, whose call on the same bar it
    /// replaces (and the other way round).</summary>
    /// <param name="order">The order type, offsets and time in force.</param>
    /// <param name="stopLoss">Stop-loss price of this entry (see <see cref="EnterLong"/>).</param>
    /// <param name="takeProfit">Take-profit price of this entry (see <see cref="EnterLong"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">An unknown type or an offset outside [0, 1) (<see cref="EntryOrder.Validated"/>).</exception>
    /// <exception cref="ArgumentException">A non-market order with <see cref="SimulationOptions.Accumulate"/>.</exception>
    public void PlaceLong(in EntryOrder order, double stopLoss = double.NaN, double takeProfit = double.NaN)
    {
        CheckOrder(order);
        EnterLong(stopLoss, takeProfit);
        _longOrder = order;
        _longTyped = true;
    }

    /// <summary>Open a short (or reverse a long into one) with <paramref name="order"/>'s type (see <see cref="PlaceLong"/>).</summary>
    /// <param name="order">The order type, offsets and time in force.</param>
    /// <param name="stopLoss">Stop-loss price of this entry (see <see cref="EnterShort"/>).</param>
    /// <param name="takeProfit">Take-profit price of this entry (see <see cref="EnterShort"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">An unknown type or an offset outside [0, 1).</exception>
    /// <exception cref="ArgumentException">A non-market order with <see cref="SimulationOptions.Accumulate"/>.</exception>
    public void PlaceShort(in EntryOrder order, double stopLoss = double.NaN, double takeProfit = double.NaN)
    {
        CheckOrder(order);
        EnterShort(stopLoss, takeProfit);
        _shortOrder = order;
        _shortTyped = true;
    }

    /// <summary>Close a short.</summary>
    public void ExitShort() => ShortExit = true;
    /// <summary>Close whatever position is held.</summary>
    public void ClosePosition()
    {
        if (Position == PositionSide.Long) LongExit = true;
        else if (Position == PositionSide.Short) ShortExit = true;
    }

    /// <summary>True while a non-market entry order works (placed on an earlier bar, neither filled, expired nor cancelled).</summary>
    public readonly bool HasWorkingOrder => _hasWorking;

    /// <summary>The working entry order, as amended so far on this bar (<c>default</c> when <see cref="HasWorkingOrder"/> is false).</summary>
    public readonly WorkingEntry WorkingEntry => !_hasWorking ? default : new WorkingEntry
    {
        Side = Working.Side == OrderSide.Buy ? PositionSide.Long : PositionSide.Short,
        Type = Working.Type, LimitPrice = Working.Limit, StopPrice = Working.Stop, Triggered = Working.Triggered,
        DecisionBar = Working.DecisionBar, LastBar = Working.LastBar, BarsLeft = Working.LastBar - Bar,
        StopLoss = Working.StopLossPrice, TakeProfit = Working.TakeProfitPrice,
    };

    /// <summary>
    /// Amends the working entry order from the next bar on: a new limit price (limit and stop-limit orders), a new stop price
    /// (stop orders and untriggered stop-limit orders) and/or a new time in force. The order keeps its decision bar (its fill
    /// record's <see cref="OrderRecord.DecisionBar"/>, the close its attached exit prices are checked against) and is matched by the
    /// rules of <see cref="OrderType"/> with the new prices: a limit amended through the market (a buy limit above the next bar's
    /// open) fills at that open, as a maker and unslipped like every limit fill; a stop amended through the market (a buy stop
    /// below the next open) fills at that open, a taker. A stop-limit's limit does not follow its amended stop. A new time in
    /// force restarts the clock: the order works on at most <see cref="TimeInForce.Bars"/> bars from the next one (cut at the
    /// data's end); price amendments keep the window.
    /// </summary>
    /// <param name="limitPrice">The new limit price, finite and &gt; 0 (NaN: unchanged).</param>
    /// <param name="stopPrice">The new stop price, finite and &gt; 0 (NaN: unchanged).</param>
    /// <param name="timeInForce">The new time in force (null: unchanged).</param>
    /// <returns>False when no order is working (nothing changes).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A price that is not finite and &gt; 0.</exception>
    /// <exception cref="ArgumentException">A limit price for a stop order, or a stop price for a limit or triggered stop-limit order.</exception>
    public bool AmendOrder(double limitPrice = double.NaN, double stopPrice = double.NaN, TimeInForce? timeInForce = null)
    {
        if (!_hasWorking) return false;
        if (!double.IsNaN(limitPrice))
        {
            if (Working.Type == OrderType.Stop) ThrowNoPrice(nameof(limitPrice), "a stop order has no limit price");
            CheckPrice(limitPrice, nameof(limitPrice));
        }
        if (!double.IsNaN(stopPrice))
        {
            if (Working.Type == OrderType.Limit || Working.Triggered) ThrowNoPrice(nameof(stopPrice), "a limit order (or a triggered stop-limit) has no stop price");
            CheckPrice(stopPrice, nameof(stopPrice));
        }
        if (!double.IsNaN(limitPrice)) Working.Limit = limitPrice;
        if (!double.IsNaN(stopPrice)) Working.Stop = stopPrice;
        if (timeInForce is { } tif) Working.Window(Bar, tif, _bars.Length - 1);
        Amends = true;
        return true;
    }

    /// <summary>Cancels the working entry order on this bar (recorded rejected with <see cref="RejectReason.Cancelled"/>); an
    /// entry requested on this bar is then placed as when no order works.</summary>
    /// <returns>False when no order is working.</returns>
    public bool CancelOrder()
    {
        if (!_hasWorking) return false;
        _hasWorking = false;
        Cancelled = Amends = true;
        return true;
    }

    /// <summary>Moves the open position's stop-loss to <paramref name="stopLoss"/> (NaN removes it), checked from the next bar
    /// (with the trailing stop, whichever is tighter). It replaces the entry's level (explicit or <see cref="SimulationOptions.Exits"/>');
    /// the trade records the level in force when it closed.</summary>
    /// <param name="stopLoss">Finite, &gt; 0 and on the losing side of this bar's close (below for a long), or NaN.</param>
    /// <returns>False when no position is held (nothing changes).</returns>
    /// <exception cref="ArgumentException"><paramref name="stopLoss"/> is on the wrong side of this bar's close, not finite or ≤ 0.</exception>
    public bool SetStopLoss(double stopLoss)
    {
        if (Position == PositionSide.Flat) return false;
        if (!double.IsNaN(stopLoss)) CheckLevel(stopLoss, Position == PositionSide.Long, nameof(stopLoss));
        SetsStopLoss = Amends = true;
        NewStopLoss = stopLoss;
        return true;
    }

    /// <summary>Moves the open position's take-profit to <paramref name="takeProfit"/> (NaN removes it), checked from the next bar.</summary>
    /// <param name="takeProfit">Finite, &gt; 0 and on the winning side of this bar's close (above for a long), or NaN.</param>
    /// <returns>False when no position is held (nothing changes).</returns>
    /// <exception cref="ArgumentException"><paramref name="takeProfit"/> is on the wrong side of this bar's close, not finite or ≤ 0.</exception>
    public bool SetTakeProfit(double takeProfit)
    {
        if (Position == PositionSide.Flat) return false;
        if (!double.IsNaN(takeProfit)) CheckLevel(takeProfit, Position != PositionSide.Long, nameof(takeProfit));
        SetsTakeProfit = Amends = true;
        NewTakeProfit = takeProfit;
        return true;
    }

    internal readonly SignalAction Decision => SignalDecision.Decide(Position, LongEntry, LongExit, ShortEntry, ShortExit);

    /// <summary>The explicit stop-loss and take-profit prices of the entry that <paramref name="action"/> opens (NaN: none).</summary>
    internal readonly (double StopLoss, double TakeProfit) EntryLevels(SignalAction action) =>
        action is SignalAction.OpenLong or SignalAction.ReverseToLong ? (_longStop, _longTarget) : (_shortStop, _shortTarget);

    /// <summary>The order type of the entry that <paramref name="action"/> opens: the one given to <see cref="PlaceLong"/> /
    /// <see cref="PlaceShort"/>, else <paramref name="fallback"/> (<see cref="SimulationOptions.Entry"/>).</summary>
    internal readonly EntryOrder EntryOrderFor(SignalAction action, in EntryOrder fallback) =>
        action is SignalAction.OpenLong or SignalAction.ReverseToLong
            ? (_longTyped ? _longOrder : fallback)
            : (_shortTyped ? _shortOrder : fallback);

    private readonly void CheckOrder(in EntryOrder order)
    {
        order.Validated();
        if (_accumulate && order.Type != OrderType.Market)
            throw new ArgumentException($"A {order.Type} entry on bar {Bar}: options.Accumulate needs market entries.", nameof(order));
    }

    // A price below the close: a long's stop-loss or a short's take-profit.
    private readonly void CheckLevel(double level, bool below, string name)
    {
        double close = _bars.Close[Bar];
        if (!(double.IsFinite(level) && level > 0 && (below ? level < close : level > close))) ThrowWrongSide(name, level, close, below, Bar);
    }

    private static void CheckPrice(double price, string name)
    {
        if (!(double.IsFinite(price) && price > 0)) ThrowBadPrice(name, price);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowWrongSide(string name, double level, double close, bool below, int bar) =>
        throw new ArgumentException(
            $"{name} is {level} on bar {bar}, whose close is {close}: it must be finite, > 0 and {(below ? "below" : "above")} that close for the position held.",
            name);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBadPrice(string name, double price) =>
        throw new ArgumentOutOfRangeException(name, price, "An order price must be finite and > 0.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNoPrice(string name, string why) =>
        throw new ArgumentException($"{name} cannot be amended: {why}.", name);
}
