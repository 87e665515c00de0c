using System.Runtime.CompilerServices;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio.Scans;

namespace VectorBacktest.Portfolio;

/// <summary>
/// The one fill-and-portfolio engine of a single asset: opens and closes the position, prices fills through the
/// fill, fee and slippage models, resolves and checks the attached exits, keeps cash and records orders and trades.
/// Both drivers (the vectorized <see cref="SignalSimulator"/> and the bar-by-bar <see cref="EventDrivenSimulator"/>)
/// only decide <i>when</i> to call it, so they give identical results by construction.
/// </summary>
/// <remarks>Accounting: <see cref="Balance"/> is initial cash + realised P&amp;L − fees; the position is
/// (signed quantity, entry price); equity on bar <c>i</c> is <c>Balance + (close[i] × q − q × entry)</c>, evaluated in that
/// form (backtesting.py's, so its equity is reproduced bit for bit). Free cash is <c>Balance − q × entry</c>.</remarks>
internal ref partial struct SingleAssetBook<TFill, TFee, TSlippage>
    where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
{
    public readonly ReadOnlySpan<long> Time;
    public readonly ReadOnlySpan<double> Open, High, Low, Close, Volume, Atr, Funding;
    private readonly TFill _fill;
    private readonly TFee _fee;
    private readonly TSlippage _slippage;
    private readonly SimulationWorkspace _workspace;
    private readonly bool _full;
    private readonly bool _nextOpen;
    private readonly bool _slipStops;
    private readonly OrderSizing _sizing;
    private readonly LotRules _lots;
    private readonly ExitRules _exits;
    private readonly double _initialCash;
    private readonly double _leverage, _maintenance;
    private bool _hasLevels;
    private readonly MultiAsset.RiskLimits _risk;
    private readonly bool _capsEntries, _tracksEquity;
    private readonly LiquidityLimits _liquidity;
    private readonly bool _capsExits, _carriesExits;
    // The argument whose columns the book reads ("signals" or "orders"), for error messages.
    private readonly string _inputs;
    private readonly int _maxAdds;

    public double Balance;
    public double Quantity;
    public double EntryPrice;
    public PositionSide Side;
    /// <summary>Decision bar of the time stop (int.MaxValue when none or flat).</summary>
    public int TimeStopBar;
    private int _entryBar, _fundingFrom;
    private ExitReason _adverseReason;
    private double _entryFee, _stopLoss, _takeProfit, _lower, _upper, _anchor, _traded;
    // Order path with a funding column: funding settled into the balance at the position's fills and not yet attributed to a
    // trade; a reduction takes its share, a close (ClosePosition, or the open trade at the end) the rest.
    private double _settledFunding;

    /// <summary>True once the drawdown stop has fired on a close and the position is still to be flattened.</summary>
    public bool HaltPending;
    /// <summary>After a successful <see cref="OpenPosition"/>: the quantity the liquidity limits left unfilled (base units).</summary>
    public double Unfilled;
    /// <summary>Counts the entries filled (opens and adds), so a carried remainder knows whether it is still the newest order.</summary>
    public int PositionId;
    /// <summary>True while an exit's remainder is worked on the following bars (<see cref="RemainderPolicy.Carry"/>).</summary>
    public bool ExitPending;
    private ExitReason _exitReason;
    private int _exitDecision, _exitBar, _reverseDecision, _adds;
    private PositionSide _reverseTo;
    private double _reverseStopLoss, _reverseTakeProfit;
    private bool _halted;
    private long _day, _blockedDay;
    private double _peak, _dayStart, _lastEquity;

    private int _filled, _rejected, _closed, _wins;
    private double _grossProfit, _grossLoss, _fees, _funding;

    public SingleAssetBook(Data.BarSeries bars, ReadOnlySpan<double> atr, ReadOnlySpan<double> funding, SimulationOptions options,
        TFill fill, TFee fee, TSlippage slippage, SimulationWorkspace workspace, bool capsExits = true,
        string inputs = "signals")
    {
        _inputs = inputs;
        Time = bars.Time; Open = bars.Open; High = bars.High; Low = bars.Low; Close = bars.Close; Volume = bars.Volume;
        Atr = atr;
        Funding = funding;
        _leverage = options.Leverage;
        _maintenance = options.MaintenanceMargin;
        _hasLevels = options.Exits.HasPriceLevels || options.Leverage > 1;
        _fill = fill; _fee = fee; _slippage = slippage;
        _workspace = workspace;
        _full = options.RecordLevel == RecordLevel.Full;
        _nextOpen = options.Timing == FillTiming.NextOpen;
        _slipStops = options.SlipStopExits;
        _sizing = options.Sizing;
        _lots = options.Lots;
        _exits = options.Exits;
        _initialCash = options.InitialCash;
        Balance = options.InitialCash;
        TimeStopBar = int.MaxValue;
        _stopLoss = _takeProfit = double.NaN;
        _risk = options.Risk;
        _capsEntries = _risk.MaxPositionQuantity > 0 || _risk.MaxAssetExposure > 0 || _risk.MaxTotalExposure > 0;
        _tracksEquity = _risk.DailyLossLimit > 0 || _risk.MaxDrawdown > 0;
        _liquidity = options.Liquidity;
        _capsExits = capsExits && _liquidity.IsLimited;
        _carriesExits = _capsExits && _liquidity.Remainder == RemainderPolicy.Carry;
        _maxAdds = options.Accumulate ? options.MaxAdds : 0;
        _peak = _dayStart = _lastEquity = options.InitialCash;
        _day = _blockedDay = long.MinValue;
        workspace.Reset();
    }

    /// <summary>True when the daily loss limit or the drawdown stop needs equity marked at every close (<see cref="MarkClose"/>).</summary>
    public readonly bool TracksEquity => _tracksEquity;

    /// <summary>True when positions carry price levels to watch (exits or a liquidation price); turns true for the rest of the
    /// run at the first entry with an explicit stop-loss or take-profit price.</summary>
    public readonly bool HasPriceLevels => _hasLevels;

    /// <summary>Opens a position at <paramref name="basePrice"/> (before slippage) on bar <paramref name="fillBar"/>, decided on
    /// <paramref name="decisionBar"/>; <paramref name="atOpen"/> when it fills at the bar's open (it then pays that bar's funding).
    /// The sized quantity is cut by the risk caps and the liquidity limits (an order-book walk stops at
    /// <paramref name="walkLimit"/>, NaN: none). <paramref name="stopLossPrice"/> / <paramref name="takeProfitPrice"/> are the
    /// entry's explicit levels (<see cref="SignalInputs.StopLossPrice"/>; NaN: the exit rules'). Returns false when the order is
    /// rejected (recorded with its reason).
    /// Called while a position on <paramref name="side"/> is held (<see cref="SimulationOptions.Accumulate"/>), it adds to it:
    /// the sizing rule spends the free cash, the caps count the quantity held, the entry price becomes the average cost and
    /// the exit levels stay those of the first entry (the explicit levels are then ignored; risk-fraction sizing measures the
    /// risk to the position's stop-loss).</summary>
    public bool OpenPosition(PositionSide side, int decisionBar, int fillBar, double basePrice, Liquidity liquidity, bool slip, bool atOpen,
        double walkLimit = double.NaN, double stopLossPrice = double.NaN, double takeProfitPrice = double.NaN)
    {
        if (!double.IsFinite(basePrice) || basePrice <= 0) ThrowBadPrice(fillBar, basePrice);
        if (!double.IsNaN(stopLossPrice) || !double.IsNaN(takeProfitPrice)) CheckEntryLevels(side, decisionBar, stopLossPrice, takeProfitPrice);
        var orderSide = side == PositionSide.Long ? OrderSide.Buy : OrderSide.Sell;
        bool adds = Side != PositionSide.Flat;
        // The cash an entry may spend: the balance when flat; for an add, what the position held does not already use.
        double cash = adds ? Balance - Math.Abs(Quantity) * EntryPrice : Balance;
        if (_tracksEquity && (_halted || _blockedDay == Day(fillBar)))
        {
            Reject(decisionBar, fillBar, orderSide, ExitReason.None, _halted ? RejectReason.DrawdownHalt : RejectReason.DailyLossLimit, 0, double.NaN);
            return false;
        }
        double volume = Volume[fillBar];
        double price = slip ? _slippage.FillPrice(basePrice, orderSide, true, 0.0, volume) : basePrice;
        if (adds && !(cash > DustFraction * Balance))
        {
            // Fully invested (what is left is rounding dust of the balance): nothing to add with.
            Reject(decisionBar, fillBar, orderSide, ExitReason.None, RejectReason.InsufficientFunds, 0, price);
            return false;
        }
        double quantity;
        switch (_sizing.Kind)
        {
            case SizingKind.Quantity:
                quantity = _lots.RoundDown(_sizing.Value);
                break;
            case SizingKind.Notional:
                quantity = _lots.RoundDown(_sizing.Value / price);
                break;
            case SizingKind.RiskFraction:
                // An add keeps the first entry's levels, so it risks down to the stop-loss the position already has.
                double stop = adds ? _stopLoss : StopLevel(side, decisionBar, price, stopLossPrice);
                if (double.IsNaN(stop)) ThrowNoStop(side, decisionBar);
                double risk = Math.Abs(price - stop);
                quantity = _lots.RoundDown(Math.Min(Balance * _sizing.Value / risk,
                    _fee.AffordableQuantity(cash * _leverage, price, liquidity, _traded)));
                break;
            case SizingKind.VolatilityTarget:
                quantity = _lots.RoundDown(Math.Min(Balance * _sizing.Value / AtrAt(decisionBar),
                    _fee.AffordableQuantity(cash * _leverage, price, liquidity, _traded)));
                break;
            case SizingKind.Kelly:
                double weight = Math.Min(1.0, _sizing.Value * KellyWeight());
                if (!(weight > 0))
                {
                    Reject(decisionBar, fillBar, orderSide, ExitReason.None, RejectReason.NoEdge, 0, price);
                    return false;
                }
                quantity = _lots.RoundDown(_fee.AffordableQuantity(cash * weight * _leverage, price, liquidity, _traded));
                break;
            default:
                // Flat, equity and free cash are both the balance; an add spends the fraction of the free cash (vectorbt's
                // percent of the available cash).
                double budget = cash * _sizing.Value * _leverage;
                quantity = _fee.AffordableQuantity(budget, price, liquidity, _traded);
                if (slip)
                {
                    double sized = _slippage.FillPrice(basePrice, orderSide, true, quantity, volume);
                    if (sized != price) quantity = _fee.AffordableQuantity(budget, sized, liquidity, _traded);
                }
                quantity = _lots.RoundDown(quantity);
                break;
        }
        double requested = 0;
        if (_capsEntries)
        {
            var capReason = CapEntry(ref quantity, price, out requested);
            if (capReason != RejectReason.None && !(quantity > 0))
            {
                Reject(decisionBar, fillBar, orderSide, ExitReason.None, capReason, requested, price);
                return false;
            }
        }
        var depth = _liquidity.Depth;
        double unfilled = 0;
        if (_liquidity.IsLimited)
        {
            double wanted = quantity;
            quantity = LiquidityCap(fillBar, orderSide, quantity, walkLimit, _liquidity);
            double liquid = quantity;
            if (!(quantity > 0))
            {
                Reject(decisionBar, fillBar, orderSide, ExitReason.None, RejectReason.NoLiquidity, wanted, price);
                return false;
            }
            if (depth is not null)
            {
                // The walk's average price is the fill price; a walk dearer than the sizing price is cut to the cash.
                depth.Walk(fillBar, orderSide, quantity, walkLimit, out price);
                double affordable = _lots.RoundDown(_fee.AffordableQuantity(cash * _leverage, price, liquidity, _traded));
                if (quantity > affordable)
                {
                    quantity = affordable;
                    if (!(quantity > 0))
                    {
                        Reject(decisionBar, fillBar, orderSide, ExitReason.None, RejectReason.InsufficientFunds, wanted, price);
                        return false;
                    }
                    depth.Walk(fillBar, orderSide, quantity, walkLimit, out price);
                }
            }
            if (quantity < wanted && requested == 0) requested = wanted;
            unfilled = wanted - liquid;
        }
        if (slip && depth is null) price = _slippage.FillPrice(basePrice, orderSide, true, quantity, volume);
        var reject = _lots.Check(quantity, price);
        if (reject == RejectReason.None && _sizing.Kind is SizingKind.Quantity or SizingKind.Notional
            && quantity * price / _leverage + _fee.Fee(quantity, price, liquidity, _traded) > cash)
            reject = RejectReason.InsufficientFunds;
        if (reject != RejectReason.None)
        {
            Reject(decisionBar, fillBar, orderSide, ExitReason.None, reject, quantity, price);
            return false;
        }

        double fee = _fee.Fee(quantity, price, liquidity, _traded);
        _traded += quantity * price;
        Balance -= fee;
        _fees += fee;
        if (adds)
        {
            PositionMath.Apply(ref Quantity, ref EntryPrice, side == PositionSide.Long ? quantity : -quantity, price, out _);
            _entryFee += fee;
            _adds++;
        }
        else
        {
            _entryFee = fee;
            Quantity = side == PositionSide.Long ? quantity : -quantity;
            EntryPrice = price;
            Side = side;
            _entryBar = fillBar;
            _fundingFrom = atOpen ? fillBar : fillBar + 1;
            _adds = 0;
            ResolveExits(side, decisionBar, fillBar, price, stopLossPrice, takeProfitPrice);
        }
        Unfilled = unfilled;
        PositionId++;
        _filled++;
        if (_full)
            _workspace.Add(new OrderRecord
            {
                Bar = fillBar, DecisionBar = decisionBar, Time = Time[fillBar], Side = orderSide,
                Status = requested > 0 ? OrderStatus.Partial : OrderStatus.Filled, RequestedQuantity = requested,
                Reason = ExitReason.None, Quantity = quantity, Price = price, Fee = fee, AtOpen = atOpen,
                PositionAfter = Quantity, EntryPriceAfter = EntryPrice, BalanceAfter = Balance,
            });
        return true;
    }

    /// <summary>True when an entry on the side held may add to the position (<see cref="SimulationOptions.Accumulate"/> and
    /// fewer than <see cref="SimulationOptions.MaxAdds"/> adds so far).</summary>
    public readonly bool CanAdd => Side != PositionSide.Flat && _adds < _maxAdds;

    // Cuts an entry to the tightest risk cap less the quantity already held (an add; flat, equity is the balance), rounded
    // down to the lot step. Returns the binding cap's reason, or None when no cap binds; requested is then 0.
    private readonly RejectReason CapEntry(ref double quantity, double price, out double requested)
    {
        requested = 0;
        double cap = double.PositiveInfinity;
        var reason = RejectReason.None;
        double held = Math.Abs(Quantity);
        if (_risk.MaxPositionQuantity > 0)
        {
            cap = _risk.MaxPositionQuantity - held;
            reason = RejectReason.PositionLimit;
        }
        double exposure = _risk.MaxAssetExposure > 0 && _risk.MaxTotalExposure > 0
            ? Math.Min(_risk.MaxAssetExposure, _risk.MaxTotalExposure)
            : Math.Max(_risk.MaxAssetExposure, _risk.MaxTotalExposure);
        double equity = Balance + (price * Quantity - Quantity * EntryPrice);
        if (exposure > 0 && exposure * equity / price - held < cap)
        {
            cap = exposure * equity / price - held;
            reason = RejectReason.ExposureLimit;
        }
        if (!(quantity > cap)) return RejectReason.None;
        requested = quantity;
        quantity = _lots.RoundDown(Math.Max(cap, 0));
        return reason;
    }

    /// <summary>Adds up to <paramref name="remaining"/> base units of a carried entry remainder to the open position on bar
    /// <paramref name="fillBar"/> at <paramref name="basePrice"/>, through the order path (liquidity caps, cash cap, lot rules,
    /// average cost; the exit levels stay those of the first fill). Returns what is still to fill (0 once done or rejected).</summary>
    public double WorkCarry(int decisionBar, int fillBar, double remaining, double basePrice, bool atOpen)
    {
        ExecuteOrder(decisionBar, fillBar, Quantity > 0 ? remaining : -remaining, basePrice, double.NaN, atOpen, _liquidity, false, out double unfilled);
        return unfilled;
    }

    /// <summary>Marks equity at bar <paramref name="bar"/>'s close for the daily loss limit and the drawdown stop (call once per
    /// bar, in order, after the bar's fills): a close at or below <c>(1 − limit) ×</c> the previous UTC day's last marked equity
    /// blocks entries filling later that day; a drawdown from the running peak reaching the maximum sets <see cref="HaltPending"/>.
    /// Funding accrued by the open position is not included (it is settled when the position closes).</summary>
    public void MarkClose(int bar)
    {
        long day = Day(bar);
        if (day != _day)
        {
            _dayStart = _lastEquity;
            _day = day;
        }
        double equity = Balance + (Close[bar] * Quantity - Quantity * EntryPrice);
        _lastEquity = equity;
        if (equity > _peak) _peak = equity;
        if (_risk.DailyLossLimit > 0 && equity <= _dayStart * (1 - _risk.DailyLossLimit)) _blockedDay = day;
        if (_risk.MaxDrawdown > 0 && !_halted && 1.0 - equity / _peak >= _risk.MaxDrawdown) HaltPending = true;
    }

    /// <summary>Fires the drawdown stop: closes the position (if any) at bar <paramref name="fillBar"/>'s open or close as a taker,
    /// reason <see cref="ExitReason.DrawdownHalt"/>; every later entry is rejected with <see cref="RejectReason.DrawdownHalt"/>.</summary>
    public void Halt(int decisionBar, int fillBar, bool atOpen)
    {
        HaltPending = false;
        _halted = true;
        if (Side != PositionSide.Flat && !ExitPending)
            ClosePosition(decisionBar, fillBar, atOpen ? Open[fillBar] : Close[fillBar], ExitReason.DrawdownHalt, Liquidity.Taker, true, atOpen);
    }

    private const long DayMs = 86_400_000L;

    // UTC day number of a bar's open time (floor division, so times before 1970 fall on the right day).
    private readonly long Day(int bar)
    {
        long time = Time[bar];
        return time >= 0 ? time / DayMs : (time - DayMs + 1) / DayMs;
    }

    private void ResolveExits(PositionSide side, int decisionBar, int fillBar, double fillPrice, double stopLossPrice, double takeProfitPrice)
    {
        double reference = _exits.Reference == StopReference.SignalClose ? Close[decisionBar] : fillPrice;
        _stopLoss = StopLevel(side, decisionBar, fillPrice, stopLossPrice);
        _takeProfit = TargetLevel(side, decisionBar, fillPrice, takeProfitPrice);
        bool isLong = side == PositionSide.Long;
        // Explicit levels were checked against the decision close before the fill (CheckEntryLevels).
        if (double.IsNaN(stopLossPrice) && _exits.StopLoss.IsSet && !(_stopLoss > 0 && (isLong ? _stopLoss < reference : _stopLoss > reference)))
            ThrowWrongSide("options.Exits.StopLoss", _stopLoss, reference, side, decisionBar);
        if (double.IsNaN(takeProfitPrice) && _exits.TakeProfit.IsSet && !(_takeProfit > 0 && (isLong ? _takeProfit > reference : _takeProfit < reference)))
            ThrowWrongSide("options.Exits.TakeProfit", _takeProfit, reference, side, decisionBar);
        if (!double.IsNaN(stopLossPrice) || !double.IsNaN(takeProfitPrice)) _hasLevels = true;
        PlaceLevels(isLong, fillPrice);
        _anchor = reference;
        TimeStopBar = _exits.TimeStopBars > 0 ? (int)Math.Min(int.MaxValue, (long)fillBar + _exits.TimeStopBars - (_nextOpen ? 1 : 0)) : int.MaxValue;
    }

    // The bounds checked per bar from the stop-loss and take-profit (NaN: none) and, with leverage, the liquidation price
    // computed from the fill price, whichever of it and the stop-loss is reached first.
    private void PlaceLevels(bool isLong, double fillPrice)
    {
        double sl = !double.IsNaN(_stopLoss) ? _stopLoss : (isLong ? double.NegativeInfinity : double.PositiveInfinity);
        double tp = !double.IsNaN(_takeProfit) ? _takeProfit : (isLong ? double.PositiveInfinity : double.NegativeInfinity);
        _adverseReason = ExitReason.StopLoss;
        if (_leverage > 1)
        {
            double liquidation = isLong
                ? fillPrice * (1.0 - 1.0 / _leverage) / (1.0 - _maintenance)
                : fillPrice * (1.0 + 1.0 / _leverage) / (1.0 + _maintenance);
            if (isLong ? liquidation > sl : liquidation < sl)
            {
                sl = liquidation;
                _adverseReason = ExitReason.Liquidation;
            }
        }
        _lower = isLong ? sl : tp;
        _upper = isLong ? tp : sl;
    }

    // The entry's stop-loss: the explicit price, else ExitRules.StopLoss resolved from the fill price or the decision close
    // (ATR of the decision bar); NaN when there is none.
    private readonly double StopLevel(PositionSide side, int decisionBar, double fillPrice, double stopLossPrice) =>
        !double.IsNaN(stopLossPrice) || !_exits.StopLoss.IsSet ? stopLossPrice : RuleLevel(_exits.StopLoss, true, side, decisionBar, fillPrice);

    // The entry's take-profit, like StopLevel.
    private readonly double TargetLevel(PositionSide side, int decisionBar, double fillPrice, double takeProfitPrice) =>
        !double.IsNaN(takeProfitPrice) || !_exits.TakeProfit.IsSet ? takeProfitPrice : RuleLevel(_exits.TakeProfit, false, side, decisionBar, fillPrice);

    private readonly double RuleLevel(ExitLevel level, bool adverse, PositionSide side, int decisionBar, double fillPrice)
    {
        double reference = _exits.Reference == StopReference.SignalClose ? Close[decisionBar] : fillPrice;
        double atr = level.Kind == ExitLevelKind.AtrMultiple ? AtrAt(decisionBar) : double.NaN;
        return level.Resolve(side, adverse, reference, atr);
    }

    // Explicit per-entry levels must lie on their side of the decision close, the last price known when they were set.
    private readonly void CheckEntryLevels(PositionSide side, int decisionBar, double stopLossPrice, double takeProfitPrice)
    {
        double close = Close[decisionBar];
        bool isLong = side == PositionSide.Long;
        if (!double.IsNaN(stopLossPrice) && !(double.IsFinite(stopLossPrice) && stopLossPrice > 0 && (isLong ? stopLossPrice < close : stopLossPrice > close)))
            ThrowWrongLevel("signals.StopLossPrice", stopLossPrice, close, side, decisionBar);
        if (!double.IsNaN(takeProfitPrice) && !(double.IsFinite(takeProfitPrice) && takeProfitPrice > 0 && (isLong ? takeProfitPrice > close : takeProfitPrice < close)))
            ThrowWrongLevel("signals.TakeProfitPrice", takeProfitPrice, close, side, decisionBar);
    }

    // p − (1 − p) / b from the supplied prior, or from this run's closed trades once there are enough of them.
    private readonly double KellyWeight()
    {
        double p = _sizing.WinRate, b = _sizing.Payoff;
        if (_sizing.MinTrades > 0 && _closed >= _sizing.MinTrades)
        {
            int losses = _closed - _wins;
            p = (double)_wins / _closed;
            b = _wins > 0 && losses > 0 ? (_grossProfit / _wins) / (-_grossLoss / losses) : _wins > 0 ? double.PositiveInfinity : 0;
        }
        return p - (1 - p) / b;
    }

    private readonly double AtrAt(int bar)
    {
        if (Atr.IsEmpty) throw new ArgumentException($"ATR-multiple exits and volatility-target sizing need the {_inputs}.Atr column.", _inputs);
        double atr = Atr[bar];
        if (!(atr >= 0) || !double.IsFinite(atr))
            throw new ArgumentException($"{_inputs}.Atr is {atr} on decision bar {bar}; ATR-multiple exits and volatility-target sizing need a finite ATR >= 0 there.", _inputs);
        return atr;
    }

    /// <summary>Closes the whole position at <paramref name="basePrice"/> (before slippage) on bar <paramref name="fillBar"/>;
    /// <paramref name="atOpen"/> when it fills at the bar's open (it then does not pay that bar's funding). Under liquidity
    /// limits the close fills at most the bar's cap (a liquidation and the end-of-data close excepted); the rest stays open,
    /// worked on the following bars under <see cref="RemainderPolicy.Carry"/> (<see cref="ExitPending"/>).</summary>
    public void ClosePosition(int decisionBar, int fillBar, double basePrice, ExitReason reason, Liquidity liquidity, bool slip, bool atOpen)
    {
        if (!double.IsFinite(basePrice) || basePrice <= 0) ThrowBadPrice(fillBar, basePrice);
        var orderSide = Side == PositionSide.Long ? OrderSide.Sell : OrderSide.Buy;
        double quantity = Math.Abs(Quantity);
        double price;
        double requested = 0;
        if (_capsExits && reason is not (ExitReason.Liquidation or ExitReason.EndOfData))
        {
            double cap = LiquidityCap(fillBar, orderSide, quantity, double.NaN, _liquidity);
            // A cap short of the position by rounding dust only (a remainder off the lot step) closes it all.
            if (quantity - cap > DustFraction * quantity)
            {
                requested = quantity;
                quantity = cap;
            }
            if (_carriesExits && requested > 0 && !ExitPending)
            {
                ExitPending = true;
                _exitReason = reason;
                _exitDecision = decisionBar;
            }
            _exitBar = fillBar;
            if (!(quantity > 0))
            {
                // Carried: worked from the next bar; cancelled: the position stays open, its exits attached.
                if (!_carriesExits) Reject(decisionBar, fillBar, orderSide, reason, RejectReason.NoLiquidity, requested, basePrice);
                return;
            }
            if (_liquidity.Depth is { } depth) depth.Walk(fillBar, orderSide, quantity, double.NaN, out price);
            else price = slip ? _slippage.FillPrice(basePrice, orderSide, false, quantity, Volume[fillBar]) : basePrice;
            if (requested > 0)
            {
                Reduce(decisionBar, fillBar, orderSide, quantity, price, _fee.Fee(quantity, price, liquidity, _traded), reason, requested, atOpen);
                return;
            }
            ExitPending = false;
        }
        else price = slip ? _slippage.FillPrice(basePrice, orderSide, false, quantity, Volume[fillBar]) : basePrice;
        double fee = _fee.Fee(quantity, price, liquidity, _traded);
        _traded += quantity * price;
        double funding = FundingOver(_fundingFrom, atOpen ? fillBar : fillBar + 1);
        double size = Quantity;
        Balance += size * (price - EntryPrice) - fee - funding;
        _fees += fee;
        _funding += funding;
        funding += _settledFunding;
        double commission = fee + _entryFee;
        double pnl = size * (price - EntryPrice) - commission - funding;
        CountClosed(pnl);
        if (_full)
        {
            _workspace.Add(new OrderRecord
            {
                Bar = fillBar, DecisionBar = decisionBar, Time = Time[fillBar], Side = orderSide, Status = OrderStatus.Filled,
                Reason = reason, Quantity = quantity, Price = price, Fee = fee, AtOpen = atOpen,
                PositionAfter = 0, EntryPriceAfter = 0, BalanceAfter = Balance,
            });
            _workspace.Add(Trade(fillBar, price, fee, funding, pnl, reason));
        }
        Flatten();
    }

    // A filled exit order and the trade it closes, in the running summary.
    private void CountClosed(double pnl)
    {
        _filled++;
        _closed++;
        if (pnl > 0)
        {
            _wins++;
            _grossProfit += pnl;
        }
        else _grossLoss += pnl;
    }

    // A close cut by the liquidity limits: realises the reduced part at average cost with its share of the entry fee and
    // records it (a Partial order and a trade for that quantity). Funding is not split (refused with liquidity limits).
    private void Reduce(int decisionBar, int fillBar, OrderSide orderSide, double quantity, double price, double fee, ExitReason reason,
        double requested, bool atOpen)
    {
        double held = Math.Abs(Quantity);
        double size = Quantity > 0 ? quantity : -quantity;
        double entryShare = _entryFee * (quantity / held);
        _traded += quantity * price;
        double gross = size * (price - EntryPrice);
        Balance += gross - fee;
        _fees += fee;
        _entryFee -= entryShare;
        double pnl = gross - (fee + entryShare);
        CountClosed(pnl);
        Quantity -= size;
        if (!_full) return;
        _workspace.Add(new OrderRecord
        {
            Bar = fillBar, DecisionBar = decisionBar, Time = Time[fillBar], Side = orderSide, Status = OrderStatus.Partial,
            RequestedQuantity = requested, Reason = reason, Quantity = quantity, Price = price, Fee = fee, AtOpen = atOpen,
            PositionAfter = Quantity, EntryPriceAfter = EntryPrice, BalanceAfter = Balance,
        });
        _workspace.Add(Trade(fillBar, price, fee, 0.0, pnl, reason, quantity, entryShare));
    }

    /// <summary>Works a carried exit remainder on bar <paramref name="bar"/> at <paramref name="basePrice"/> (the bar's default
    /// price) when one is pending from an earlier bar; the fill is capped like the first one.</summary>
    /// <returns>True when this fill made the position flat and a deferred reversal is to open now (<see cref="OpenDeferred"/>).</returns>
    public bool WorkExit(int bar, double basePrice, bool atOpen)
    {
        if (!ExitPending || bar <= _exitBar) return false;
        ClosePosition(_exitDecision, bar, basePrice, _exitReason, Liquidity.Taker, true, atOpen);
        return Side == PositionSide.Flat && _reverseTo != PositionSide.Flat;
    }

    /// <summary>Opens the side of a reversal deferred until its closing half was done, at the fill that made the position flat.</summary>
    /// <returns>The reversal's decision bar, or −1 when the open was rejected.</returns>
    public int OpenDeferred(int bar, double basePrice, bool atOpen)
    {
        var side = _reverseTo;
        _reverseTo = PositionSide.Flat;
        return OpenPosition(side, _reverseDecision, bar, basePrice, Liquidity.Taker, true, atOpen, double.NaN, _reverseStopLoss, _reverseTakeProfit)
            ? _reverseDecision : -1;
    }

    /// <summary>The opening half of a reversal decided on <paramref name="decisionBar"/> whose closing half left the position
    /// open: under <see cref="RemainderPolicy.Carry"/> it opens once the exit's remainder is done (the first reversal
    /// kept, with its explicit exit prices, NaN: none); otherwise it is rejected with <see cref="RejectReason.NoLiquidity"/>.</summary>
    public void DeferReversal(PositionSide side, int decisionBar, int fillBar, double stopLossPrice, double takeProfitPrice)
    {
        if (!ExitPending)
        {
            Reject(decisionBar, fillBar, side == PositionSide.Long ? OrderSide.Buy : OrderSide.Sell, ExitReason.None, RejectReason.NoLiquidity, 0, double.NaN);
            return;
        }
        if (_reverseTo != PositionSide.Flat) return;
        _reverseTo = side;
        _reverseDecision = decisionBar;
        _reverseStopLoss = stopLossPrice;
        _reverseTakeProfit = takeProfitPrice;
    }

    /// <summary>Ends a carried exit remainder, and a reversal waiting on it, with <see cref="RejectReason.EndOfData"/> on bar
    /// <paramref name="bar"/>.</summary>
    public void EndExit(int bar)
    {
        if (!ExitPending) return;
        ExitPending = false;
        Reject(_exitDecision, bar, Side == PositionSide.Long ? OrderSide.Sell : OrderSide.Buy, _exitReason, RejectReason.EndOfData,
            Math.Abs(Quantity), double.NaN);
        if (_reverseTo == PositionSide.Flat) return;
        Reject(_reverseDecision, bar, _reverseTo == PositionSide.Long ? OrderSide.Buy : OrderSide.Sell, ExitReason.None,
            RejectReason.EndOfData, 0, double.NaN);
        _reverseTo = PositionSide.Flat;
    }

    // Funding paid by the position over bars [from, to): quantity × Σ open × rate (negative when received).
    private readonly double FundingOver(int from, int to)
    {
        if (Funding.IsEmpty) return 0.0;
        double sum = 0.0;
        for (int k = from; k < to; k++)
        {
            double rate = Funding[k];
            if (!double.IsFinite(rate))
                throw new ArgumentException($"{_inputs}.FundingRate is {rate} on bar {k}, where a position pays funding.", _inputs);
            sum += Open[k] * rate;
        }
        return Quantity * sum;
    }

    private readonly TradeRecord Trade(int exitBar, double exitPrice, double exitFee, double funding, double pnl, ExitReason reason) =>
        Trade(exitBar, exitPrice, exitFee, funding, pnl, reason, Math.Abs(Quantity), _entryFee);

    private readonly TradeRecord Trade(int exitBar, double exitPrice, double exitFee, double funding, double pnl, ExitReason reason,
        double quantity, double entryFee)
    {
        double sign = Side == PositionSide.Long ? 1.0 : -1.0;
        return new TradeRecord
        {
            EntryBar = _entryBar, ExitBar = exitBar, EntryTime = Time[_entryBar], ExitTime = Time[exitBar], Side = Side,
            Quantity = quantity, EntryPrice = EntryPrice, ExitPrice = exitPrice, EntryFee = entryFee, ExitFee = exitFee,
            Funding = funding,
            Pnl = pnl, Return = sign * (exitPrice / EntryPrice - 1) - (exitFee + entryFee + funding) / (quantity * EntryPrice),
            ExitReason = reason, StopLoss = _stopLoss, TakeProfit = _takeProfit,
        };
    }

    private void Flatten()
    {
        Quantity = 0;
        EntryPrice = 0;
        Side = PositionSide.Flat;
        TimeStopBar = int.MaxValue;
        _entryFee = _settledFunding = 0;
        _stopLoss = _takeProfit = double.NaN;
    }

    /// <summary>Checks the exit levels against bar <paramref name="bar"/> and closes the position when one is reached.</summary>
    /// <returns>True when the position was closed.</returns>
    public bool CheckExitLevels(int bar)
    {
        bool isLong = Side == PositionSide.Long;
        double lower = _lower, upper = _upper;
        bool trailing = false;
        double trail = _exits.TrailingFraction;
        if (trail > 0)
        {
            if (isLong)
            {
                _anchor = Math.Max(_anchor, Open[bar]);
                double level = _anchor * (1.0 - trail);
                if (level > lower) { lower = level; trailing = true; }
            }
            else
            {
                _anchor = Math.Min(_anchor, Open[bar]);
                double level = _anchor * (1.0 + trail);
                if (level < upper) { upper = level; trailing = true; }
            }
        }
        var (hit, price) = BarExits.FirstTouched(_fill, Open[bar], High[bar], Low[bar], lower, upper, isLong);
        if (hit == ExitLevelHit.None)
        {
            if (trail > 0) _anchor = isLong ? Math.Max(_anchor, High[bar]) : Math.Min(_anchor, Low[bar]);
            return false;
        }
        bool adverse = (hit == ExitLevelHit.Lower) == isLong;
        var reason = !adverse ? ExitReason.TakeProfit : trailing ? ExitReason.TrailingStop : _adverseReason;
        ClosePosition(bar, bar, price, reason, adverse ? Liquidity.Taker : Liquidity.Maker, adverse && _slipStops, false);
        return true;
    }

    /// <summary>Vectorized driver: the first bar in [<paramref name="from"/>, <paramref name="to"/>] (inclusive) on which an
    /// exit level closes the position, or −1. Fixed levels are found by a SIMD scan of low/high; a trailing stop moves
    /// every bar, so it is walked bar by bar.</summary>
    public int ScanExitLevels(int from, int to)
    {
        if (_exits.TrailingFraction > 0)
        {
            for (int k = from; k <= to; k++)
                if (CheckExitLevels(k)) return k;
            return -1;
        }
        for (int k = from; k <= to; k++)
        {
            k = LevelScan.FirstReached(Low, High, k, to + 1, _lower, _upper);
            if (k < 0) return -1;
            if (CheckExitLevels(k)) return k;
        }
        return -1;
    }

    /// <summary>A resting entry order for <paramref name="side"/> decided on <paramref name="decisionBar"/>, working from the next bar
    /// for its time in force (cut at the last bar).</summary>
    public readonly WorkingOrder PlaceEntry(in EntryOrder entry, PositionSide side, int decisionBar,
        double stopLossPrice = double.NaN, double takeProfitPrice = double.NaN)
    {
        var orderSide = side == PositionSide.Long ? OrderSide.Buy : OrderSide.Sell;
        var (limit, stop) = entry.Prices(orderSide, Close[decisionBar]);
        var order = new WorkingOrder
        {
            Type = entry.Type, Side = orderSide, Limit = limit, Stop = stop, DecisionBar = decisionBar,
            StopLossPrice = stopLossPrice, TakeProfitPrice = takeProfitPrice,
        };
        order.Window(decisionBar, entry.TimeInForce, Close.Length - 1);
        return order;
    }

    /// <summary>Matches a working entry order against bar <paramref name="bar"/>; opens the position when it fills.</summary>
    /// <returns>True when the order filled (whether or not the lot rules then rejected it).</returns>
    public bool TryFillEntry(ref WorkingOrder order, int bar)
    {
        if (!order.TryFill(Open[bar], High[bar], Low[bar], out double price, out var liquidity)) return false;
        OpenPosition(order.Side == OrderSide.Buy ? PositionSide.Long : PositionSide.Short, order.DecisionBar, bar, price,
            liquidity, order.Type == OrderType.Stop, false, order.Type is OrderType.Limit or OrderType.StopLimit ? order.Limit : double.NaN,
            order.StopLossPrice, order.TakeProfitPrice);
        return true;
    }

    /// <summary>Records a working entry order that ends unfilled: cancelled on <paramref name="bar"/>, or expired.</summary>
    public void EndEntry(in WorkingOrder order, int bar, RejectReason reason) =>
        Reject(reason == RejectReason.Cancelled ? bar : order.DecisionBar, bar, order.Side, ExitReason.None, reason, 0,
            order.Type == OrderType.Stop ? order.Stop : order.Limit);

    /// <summary>Vectorized driver: the first bar in [<paramref name="from"/>, <paramref name="to"/>] on which
    /// <paramref name="order"/> fills (the position is then open, unless the lot rules rejected it), or −1.</summary>
    public int ScanEntry(ref WorkingOrder order, int from, int to)
    {
        for (int k = from; k <= to; k++)
        {
            var (lower, upper) = order.Thresholds;
            k = LevelScan.FirstReached(Low, High, k, to + 1, lower, upper);
            if (k < 0) return -1;
            if (TryFillEntry(ref order, k)) return k;
        }
        return -1;
    }

    /// <summary>Records an order that cannot fill.</summary>
    public void Reject(int decisionBar, int bar, OrderSide side, ExitReason reason, RejectReason rejectReason, double quantity, double price)
    {
        _rejected++;
        if (_full)
            _workspace.Add(new OrderRecord
            {
                Bar = bar, DecisionBar = decisionBar, Time = Time[bar], Side = side, Status = OrderStatus.Rejected,
                RejectReason = rejectReason, Reason = reason, Quantity = quantity, Price = price, Fee = 0,
                PositionAfter = Quantity, EntryPriceAfter = EntryPrice, BalanceAfter = Balance,
            });
    }

    /// <summary>Applies the end-of-data policy after the last bar and returns the run's summary.</summary>
    public SimulationSummary Finish(EndOfData policy)
    {
        int last = Close.Length - 1;
        if (Side != PositionSide.Flat)
        {
            switch (policy)
            {
                case EndOfData.CloseAtLastOpen:
                    ClosePosition(last, last, Open[last], ExitReason.EndOfData, Liquidity.Taker, true, true);
                    break;
                case EndOfData.CloseAtLastClose:
                    ClosePosition(last, last, Close[last], ExitReason.EndOfData, Liquidity.Taker, true, false);
                    break;
                default:
                    double mark = Close[last];
                    double accrued = FundingOver(_fundingFrom, last + 1);
                    _funding += accrued;
                    double funding = accrued + _settledFunding;
                    if (_full)
                        _workspace.Add(Trade(last, mark, 0.0, funding, Quantity * (mark - EntryPrice) - _entryFee - funding, ExitReason.None));
                    return Summary(Balance + (Close[last] * Quantity - Quantity * EntryPrice) - accrued);
            }
        }
        return Summary(Balance);
    }

    private readonly SimulationSummary Summary(double equity) =>
        new()
        {
            InitialCash = _initialCash, FinalEquity = equity, FinalPosition = Quantity, FilledOrders = _filled,
            RejectedOrders = _rejected, ClosedTrades = _closed, WinningTrades = _wins, GrossProfit = _grossProfit,
            GrossLoss = _grossLoss, TotalFees = _fees, TotalFunding = _funding,
        };

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBadPrice(int bar, double price) =>
        throw new ArgumentException($"An order must fill on bar {bar} but its price is {price}; bar prices must be finite and > 0.", "bars");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNoStop(PositionSide side, int bar) =>
        throw new ArgumentException(
            $"Risk-fraction sizing needs a stop-loss, but the {side} entry decided on bar {bar} has none: set options.Exits.StopLoss, or a stop-loss price for the entry (signals.StopLossPrice, or the stopLoss argument of StrategyContext.EnterLong/EnterShort).",
            "Sizing");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowWrongLevel(string name, double level, double close, PositionSide side, int bar) =>
        throw new ArgumentException(
            $"{name} is {level} for the {side} entry decided on bar {bar}, whose close is {close} (from the column, or the StrategyContext.Enter{side} argument): a stop-loss price must lie on the losing side of that close, a take-profit price on the winning side, both finite and > 0.",
            name);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowWrongSide(string name, double level, double reference, PositionSide side, int bar) =>
        throw new ArgumentException(
            $"{name} resolves to {level} for a {side} entry decided on bar {bar} with reference price {reference}: a stop-loss must lie on the losing side of the reference, a take-profit on the winning side, both > 0.",
            name);
}
