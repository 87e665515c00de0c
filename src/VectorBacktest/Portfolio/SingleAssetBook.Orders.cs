using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio.Orders;

namespace VectorBacktest.Portfolio;

// The order path of the book (OrderSimulator.FromOrders): signed quantity changes with average-cost accounting
// (PositionMath), so positions can be added to, reduced in part and flipped. Balance, fees, lot rules, records and the
// summary are the same as the signal path's.
internal ref partial struct SingleAssetBook<TFill, TFee, TSlippage>
    where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
{
    private const double DustFraction = 1e-9;

    /// <summary>The signed quantity change an order row asks for, at reference price <paramref name="price"/>
    /// (equity is marked there).</summary>
    public readonly double OrderDelta(SizeType type, double size, double price)
    {
        double equity = Balance + (price * Quantity - Quantity * EntryPrice);
        return type switch
        {
            SizeType.Amount => size,
            SizeType.Value => size / price,
            SizeType.Percent => size * equity / price,
            SizeType.TargetAmount => size - Quantity,
            SizeType.TargetValue => size / price - Quantity,
            _ => size * equity / price - Quantity,
        };
    }

    /// <summary>
    /// Executes a signed order of <paramref name="delta"/> base units on bar <paramref name="fillBar"/>: rounds it down to the
    /// lot step, caps it by the bar's liquidity, prices it (order-book walk, explicit <paramref name="limit"/>, or
    /// <paramref name="basePrice"/> through the slippage model), caps the part that adds exposure by the free cash, checks the
    /// lot minimums and fills or rejects it (recorded).
    /// </summary>
    /// <param name="decisionBar">Bar whose close decided the order.</param>
    /// <param name="fillBar">Bar the fill belongs to.</param>
    /// <param name="delta">Signed quantity wanted (positive buys), not yet rounded.</param>
    /// <param name="basePrice">Default fill price before slippage.</param>
    /// <param name="limit">Explicit price (NaN: none): filled at it without slippage, or the worst level of an order-book walk.</param>
    /// <param name="atOpen">True when the fill is at the bar's open.</param>
    /// <param name="limits">Liquidity caps.</param>
    /// <param name="recordNoLiquidity">Whether a bar with no liquidity at all records a rejection (false while a remainder is carried).</param>
    /// <param name="unfilled">Quantity the liquidity caps left unfilled (base units, ≥ 0).</param>
    /// <param name="fromOrders">True on the order path (<see cref="OrderSimulator"/>): the risk limits cut or reject the part that
    /// adds exposure and the fill maintains the attached exits (<see cref="FollowExits"/>); false for a carried signal entry.</param>
    /// <returns>The signed quantity filled (0 when nothing filled).</returns>
    public double ExecuteOrder(int decisionBar, int fillBar, double delta, double basePrice, double limit, bool atOpen,
        in LiquidityLimits limits, bool recordNoLiquidity, out double unfilled, bool fromOrders = false)
    {
        unfilled = 0;
        if (!double.IsFinite(basePrice) || basePrice <= 0) ThrowBadPrice(fillBar, basePrice);
        var side = delta > 0 ? OrderSide.Buy : OrderSide.Sell;
        bool reduces = Quantity != 0 && (Quantity > 0) != (delta > 0);
        var reason = reduces ? ExitReason.Order : ExitReason.None;
        double wanted = _lots.RoundDown(Math.Abs(delta));
        if (!(wanted > 0))
        {
            Reject(decisionBar, fillBar, side, reason, RejectReason.BelowMinQuantity, Math.Abs(delta), basePrice);
            return 0;
        }
        double volume = Volume[fillBar];
        double quantity = limits.IsLimited ? LiquidityCap(fillBar, side, wanted, limit, limits) : wanted;
        var depth = limits.Depth;
        unfilled = wanted - quantity;
        if (!(quantity > 0))
        {
            if (recordNoLiquidity) Reject(decisionBar, fillBar, side, reason, RejectReason.NoLiquidity, wanted, basePrice);
            return 0;
        }

        double held = Math.Abs(Quantity);
        double reduced = reduces ? Math.Min(held, quantity) : 0;
        double price = OrderPrice(fillBar, side, quantity, reduced < quantity, basePrice, limit, depth, volume);
        double adding = quantity - reduced;
        if (adding > 0)
        {
            var bound = RejectReason.InsufficientFunds;
            double allowed = fromOrders ? RiskRoom(fillBar, held - reduced, price, atOpen, ref bound) : double.PositiveInfinity;
            // Free cash once the reduced part is realised: balance + realised − its fee − the margin still held (cost basis / leverage).
            double realised = reduced > 0 ? (Quantity > 0 ? reduced : -reduced) * (price - EntryPrice) : 0;
            double reduceFee = reduced > 0 ? _fee.Fee(reduced, price, Liquidity.Taker, _traded) : 0;
            double budget = Balance + realised - reduceFee - (held - reduced) * EntryPrice / _leverage;
            // A budget that is rounding dust of the balance (a fully invested account re-targeting) affords nothing; with leverage
            // it buys up to leverage × itself, as the signal path's sizing does.
            double affordable = budget > DustFraction * Balance
                ? _lots.RoundDown(_fee.AffordableQuantity(budget * _leverage, price, Liquidity.Taker, _traded)) : 0;
            if (affordable < allowed)
            {
                allowed = affordable;
                bound = RejectReason.InsufficientFunds;
            }
            if (adding > allowed)
            {
                quantity = reduced + Math.Max(allowed, 0);
                if (!(quantity > 0))
                {
                    Reject(decisionBar, fillBar, side, reason, bound, wanted, price);
                    unfilled = 0;
                    return 0;
                }
                price = OrderPrice(fillBar, side, quantity, reduced < quantity, basePrice, limit, depth, volume);
            }
        }
        var rejected = _lots.Check(quantity, price);
        if (rejected != RejectReason.None)
        {
            Reject(decisionBar, fillBar, side, reason, rejected, quantity, price);
            unfilled = 0;
            return 0;
        }
        double signed = side == OrderSide.Buy ? quantity : -quantity;
        double before = Quantity;
        FillDelta(decisionBar, fillBar, signed, price, quantity < wanted ? wanted : 0, atOpen, ExitReason.Order);
        if (fromOrders && FollowsExits) FollowExits(before, decisionBar, fillBar);
        return signed;
    }

    // How much exposure the risk limits let the order path add to `remaining` held units (∞ without caps; 0 after the drawdown
    // stop or on a day blocked by the daily loss limit), as the multi-asset order path (PortfolioRun.RiskRoom) computes it for
    // one symbol: equity marked at the fill bar's default price; `bound` receives the binding limit.
    private readonly double RiskRoom(int fillBar, double remaining, double price, bool atOpen, ref RejectReason bound)
    {
        if (_halted)
        {
            bound = RejectReason.DrawdownHalt;
            return 0;
        }
        if (_tracksEquity && _blockedDay == Day(fillBar))
        {
            bound = RejectReason.DailyLossLimit;
            return 0;
        }
        if (!_capsEntries) return double.PositiveInfinity;
        double room = double.PositiveInfinity;
        if (_risk.MaxPositionQuantity > 0)
        {
            room = RoomUnder(_risk.MaxPositionQuantity, remaining);
            bound = RejectReason.PositionLimit;
        }
        double mark = atOpen ? Open[fillBar] : Close[fillBar];
        double equity = Quantity != 0 ? Balance + (mark * Quantity - Quantity * EntryPrice) : Balance;
        if (_risk.MaxAssetExposure > 0) CapRoom(ref room, ref bound, RoomUnder(_risk.MaxAssetExposure * equity / price, remaining));
        if (_risk.MaxTotalExposure > 0) CapRoom(ref room, ref bound, RoomUnder(_risk.MaxTotalExposure * equity / price, remaining));
        return double.IsPositiveInfinity(room) ? room : _lots.RoundDown(room);
    }

    /// <summary>What a cap of <paramref name="cap"/> units leaves above <paramref name="held"/> units, ≥ 0; a room that is rounding
    /// dust of the cap (a position already at it) is none. Shared with the multi-asset order path.</summary>
    internal static double RoomUnder(double cap, double held)
    {
        double room = cap - held;
        return room > DustFraction * cap ? room : 0;
    }

    private static void CapRoom(ref double room, ref RejectReason bound, double cap)
    {
        if (room <= cap) return;
        room = cap;
        bound = RejectReason.ExposureLimit;
    }

    private readonly bool FollowsExits => _hasLevels || _exits.TimeStopBars > 0;

    /// <summary>
    /// Keeps the attached exits of an order-built position in step with a fill that moved it from <paramref name="before"/>:
    /// an opening or a flip resolves new levels from the new average entry price (the time stop and the trailing stop start
    /// there); an add re-resolves the stop-loss, take-profit and liquidation levels from the new average entry price, the
    /// trailing stop's best price and the time stop running on from the opening; a reduction leaves them; a close clears them.
    /// </summary>
    private void FollowExits(double before, int decisionBar, int fillBar)
    {
        if (Quantity == 0)
        {
            TimeStopBar = int.MaxValue;
            _stopLoss = _takeProfit = double.NaN;
            return;
        }
        if (before != 0 && (before > 0) == (Quantity > 0))
        {
            if (Math.Abs(Quantity) <= Math.Abs(before)) return;
            double anchor = _anchor;
            int timeStop = TimeStopBar;
            ResolveExits(Side, decisionBar, fillBar, EntryPrice, double.NaN, double.NaN);
            _anchor = anchor;
            TimeStopBar = timeStop;
            return;
        }
        ResolveExits(Side, decisionBar, fillBar, EntryPrice, double.NaN, double.NaN);
    }

    /// <summary>Order path: fires the drawdown stop, closing the position (if any) at bar <paramref name="fillBar"/>'s open or
    /// close as a taker order (slipped, <see cref="ExitReason.DrawdownHalt"/>); every later addition is rejected.</summary>
    public void HaltOrders(int decisionBar, int fillBar, bool atOpen)
    {
        HaltPending = false;
        _halted = true;
        if (Quantity == 0) return;
        double before = Quantity;
        var side = before > 0 ? OrderSide.Sell : OrderSide.Buy;
        double quantity = Math.Abs(before);
        double price = _slippage.FillPrice(atOpen ? Open[fillBar] : Close[fillBar], side, false, quantity, Volume[fillBar]);
        FillDelta(decisionBar, fillBar, -before, price, 0, atOpen, ExitReason.DrawdownHalt);
        if (FollowsExits) FollowExits(before, decisionBar, fillBar);
    }

    /// <summary>The part of <paramref name="quantity"/> bar <paramref name="bar"/> can fill under <paramref name="limits"/>: at most
    /// the volume share of the bar's volume and the order-book depth on <paramref name="side"/> up to <paramref name="limit"/>
    /// (NaN: no limit), rounded down to the lot step. Shared by the order path and the signal entries.</summary>
    public readonly double LiquidityCap(int bar, OrderSide side, double quantity, double limit, in LiquidityLimits limits)
    {
        if (limits.MaxVolumeShare > 0)
        {
            double volume = Volume[bar];
            quantity = Math.Min(quantity, volume > 0 && double.IsFinite(volume) ? _lots.RoundDown(limits.MaxVolumeShare * volume) : 0);
        }
        var depth = limits.Depth;
        if (depth is not null && quantity > 0) quantity = Math.Min(quantity, _lots.RoundDown(depth.Walk(bar, side, quantity, limit, out _)));
        return quantity;
    }

    private readonly double OrderPrice(int bar, OrderSide side, double quantity, bool opens, double basePrice, double limit,
        OrderBookDepth? depth, double volume)
    {
        if (depth is not null)
        {
            depth.Walk(bar, side, quantity, limit, out double average);
            return average;
        }
        if (!double.IsNaN(limit)) return limit;
        return _slippage.FillPrice(basePrice, side, opens, quantity, volume);
    }

    /// <summary>Applies a signed fill at its final price: fee, average-cost position, realised P&amp;L, a trade record per
    /// reduction, and the order record (<see cref="OrderStatus.Partial"/> when <paramref name="requested"/> &gt; 0); a reduction is
    /// recorded with <paramref name="reason"/>.</summary>
    private void FillDelta(int decisionBar, int fillBar, double delta, double price, double requested, bool atOpen, ExitReason reason)
    {
        if (!Funding.IsEmpty)
        {
            // Funding accrued since the position's last fill is settled before its quantity changes (EquityCurve restarts the
            // accrual at every fill from the order's balance).
            if (Quantity != 0)
            {
                double accrued = FundingOver(_fundingFrom, atOpen ? fillBar : fillBar + 1);
                Balance -= accrued;
                _funding += accrued;
                _settledFunding += accrued;
            }
            _fundingFrom = atOpen ? fillBar : fillBar + 1;
        }
        double quantity = Math.Abs(delta);
        double fee = _fee.Fee(quantity, price, Liquidity.Taker, _traded);
        _traded += quantity * price;
        double before = Quantity, entryBefore = EntryPrice;
        double pnl = PositionMath.Apply(ref Quantity, ref EntryPrice, delta, price, out double reduced);
        Balance += pnl - fee;
        _fees += fee;
        if (reduced > 0)
        {
            double held = Math.Abs(before);
            double entryShare = _entryFee * (reduced / held);
            double exitShare = fee * (reduced / quantity);
            double fundingShare = _settledFunding * (reduced / held);
            _entryFee -= entryShare;
            _settledFunding -= fundingShare;
            double net = pnl - entryShare - exitShare - fundingShare;
            _closed++;
            if (net > 0)
            {
                _wins++;
                _grossProfit += net;
            }
            else _grossLoss += net;
            if (_full)
                _workspace.Add(new TradeRecord
                {
                    EntryBar = _entryBar, ExitBar = fillBar, EntryTime = Time[_entryBar], ExitTime = Time[fillBar],
                    Side = before > 0 ? PositionSide.Long : PositionSide.Short, Quantity = reduced, EntryPrice = entryBefore,
                    ExitPrice = price, EntryFee = entryShare, ExitFee = exitShare, Funding = fundingShare, Pnl = net,
                    Return = (before > 0 ? 1.0 : -1.0) * (price / entryBefore - 1) - (entryShare + exitShare + fundingShare) / (reduced * entryBefore),
                    ExitReason = reason, StopLoss = _stopLoss, TakeProfit = _takeProfit,
                });
            if (reduced < quantity)
            {
                _entryFee = fee - exitShare;
                _entryBar = fillBar;
            }
        }
        else
        {
            if (before == 0) _entryBar = fillBar;
            _entryFee += fee;
        }
        if (Quantity == 0) _entryFee = _settledFunding = 0;
        Side = Quantity > 0 ? PositionSide.Long : Quantity < 0 ? PositionSide.Short : PositionSide.Flat;
        _filled++;
        if (_full)
            _workspace.Add(new OrderRecord
            {
                Bar = fillBar, DecisionBar = decisionBar, Time = Time[fillBar], Side = delta > 0 ? OrderSide.Buy : OrderSide.Sell,
                Status = requested > 0 ? OrderStatus.Partial : OrderStatus.Filled, Reason = reduced > 0 ? reason : ExitReason.None,
                Quantity = quantity, RequestedQuantity = requested, Price = price, Fee = fee, AtOpen = atOpen,
                PositionAfter = Quantity, EntryPriceAfter = EntryPrice, BalanceAfter = Balance,
            });
    }
}
