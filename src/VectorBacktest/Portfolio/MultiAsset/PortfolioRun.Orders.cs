using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio.Orders;

namespace VectorBacktest.Portfolio.MultiAsset;

// The order path of the portfolio (PortfolioSimulator.FromOrders): signed quantity changes per symbol with average-cost
// accounting (PositionMath) on the shared balance, by the rules of the single-asset book's order path, so a one-symbol
// portfolio equals OrderSimulator.FromOrders bit for bit.
internal ref partial struct PortfolioRun<TFill, TFee, TSlippage>
{
    private const double DustFraction = 1e-9;

    /// <summary>Records the carried remainders of the symbols with a new row on bar <paramref name="t"/> as cancelled there.</summary>
    public void CancelReplaced(ReadOnlySpan<double> size, int t)
    {
        int n = _time.Length;
        for (int s = 0; s < _symbols; s++)
            if (double.IsFinite(size[s * n + t])) CancelRemainder(s, t);
    }

    /// <summary>Rejects the rows of the last bar (next-open timing: nothing left to fill them).</summary>
    public void RejectAtEnd(in PortfolioOrders orders, int t)
    {
        int n = _time.Length;
        for (int s = 0; s < _symbols; s++)
        {
            double size = orders.Size[s * n + t];
            if (!double.IsFinite(size)) continue;
            double delta = OrderDelta(s, orders.TypeOf(s), size, _universe.Present(s)[t] ? _universe.Close(s)[t] : double.NaN);
            if (delta != 0) RejectRow(s, t, t, size, delta, RejectReason.EndOfData, double.NaN);
        }
    }

    /// <summary>Records the remainders still carried after the last bar as <see cref="RejectReason.EndOfData"/>.</summary>
    public void ExpireRemainders()
    {
        int last = _time.Length - 1;
        for (int s = 0; s < _symbols; s++)
            if (_remainder[s] != 0)
                Reject(s, _remainderDecision[s], last, _remainder[s] > 0 ? OrderSide.Buy : OrderSide.Sell, Reduces(_q[s], _remainder[s]),
                    RejectReason.EndOfData, Math.Abs(_remainder[s]), double.NaN);
    }

    /// <summary>
    /// Fills the rows decided on bar <paramref name="decision"/> (or, for symbols without one, their carried remainders) on bar
    /// <paramref name="fill"/>: every pure reduction first, then every order that adds exposure or flips, each in symbol order.
    /// </summary>
    public void FillOrders(in PortfolioOrders orders, int decision, int fill, bool atOpen, in LiquidityLimits limits,
        ReadOnlySpan<OrderBookDepth?> depths, bool carry)
    {
        if (fill < 0 || decision < 0) return;
        if (_halted) CloseHeld(decision, fill, atOpen, recordMissing: false);
        int n = _time.Length;
        for (int s = 0; s < _symbols; s++)
        {
            _delta[s] = 0;
            int k = s * n + decision;
            double size = orders.Size[k];
            bool present = _universe.Present(s)[fill];
            if (!double.IsFinite(size))
            {
                if (present) _delta[s] = _remainder[s];
                continue;
            }
            double price = orders.Price.IsEmpty ? double.NaN : orders.Price[k];
            bool hasPrice = !double.IsNaN(price);
            if (!present)
            {
                double wanted = OrderDelta(s, orders.TypeOf(s), size, hasPrice ? price : double.NaN);
                if (wanted != 0) RejectRow(s, decision, fill, size, wanted, RejectReason.MissingBar, price);
                continue;
            }
            double delta = OrderDelta(s, orders.TypeOf(s), size, hasPrice ? price : Price(s, fill, atOpen));
            if (delta == 0 || !double.IsFinite(delta)) continue;
            if (hasPrice && !(price >= _universe.Low(s)[fill] && price <= _universe.High(s)[fill]))
            {
                Reject(s, decision, fill, delta > 0 ? OrderSide.Buy : OrderSide.Sell, Reduces(_q[s], delta), RejectReason.PriceOutsideBar,
                    Math.Abs(delta), price);
                continue;
            }
            _delta[s] = delta;
        }
        for (int s = 0; s < _symbols; s++)
        {
            double delta = _delta[s], q = _q[s];
            if (delta == 0 || q == 0 || (q > 0) == (delta > 0) || Math.Abs(delta) > Math.Abs(q)) continue;
            Place(orders, s, decision, fill, delta, atOpen, limits, depths, carry);
            _delta[s] = 0;
        }
        for (int s = 0; s < _symbols; s++)
            if (_delta[s] != 0) Place(orders, s, decision, fill, _delta[s], atOpen, limits, depths, carry);
    }

    /// <summary>Bar <paramref name="t"/>'s funding, then the checks of the positions held through its open: the cross-margin
    /// account check, then each position's exit levels (<see cref="CheckExitLevels"/>: the attached exits and the isolated
    /// liquidation level). A position they close cancels its symbol's carried remainder, as in the single-asset order path.
    /// Called after the open fills (next-open) or before the close fills (signal-close).</summary>
    public void CheckPositions(int t)
    {
        AccrueFunding(t);
        CheckAccount(t);
        if (_hasLevels) CheckExitLevels(t);
        else if (!_cross) return;
        for (int s = 0; s < _symbols; s++)
            if (_exitedBar[s] == t) CancelRemainder(s, t);
    }

    /// <summary>Fires the drawdown stop on the order path: closes every position whose symbol has a bar on <paramref name="fill"/>
    /// as a slipped taker order at the default price (<see cref="ExitReason.DrawdownHalt"/>, as the single-asset order path's
    /// <c>HaltOrders</c>; the others close on their next bar) and halts every later addition.</summary>
    public void FlattenOrders(int decision, int fill, bool atOpen)
    {
        HaltPending = false;
        _halted = true;
        CloseHeld(decision, fill, atOpen, recordMissing: true);
    }

    private void CloseHeld(int decision, int fill, bool atOpen, bool recordMissing)
    {
        for (int s = 0; s < _symbols; s++)
        {
            double q = _q[s];
            if (q == 0) continue;
            var side = q > 0 ? OrderSide.Sell : OrderSide.Buy;
            if (!_universe.Present(s)[fill])
            {
                if (recordMissing) Reject(s, decision, fill, side, ExitReason.DrawdownHalt, RejectReason.MissingBar, Math.Abs(q), double.NaN);
                continue;
            }
            double price = _slippage.FillPrice(Price(s, fill, atOpen), side, false, Math.Abs(q), _universe.Volume(s)[fill]);
            FillDelta(s, decision, fill, -q, price, 0, atOpen, ExitReason.DrawdownHalt);
        }
    }

    private void Place(in PortfolioOrders orders, int s, int decision, int fill, double delta, bool atOpen, in LiquidityLimits limits,
        ReadOnlySpan<OrderBookDepth?> depths, bool carry)
    {
        int k = s * _time.Length + decision;
        bool row = double.IsFinite(orders.Size[k]);
        double limit = row && !orders.Price.IsEmpty ? orders.Price[k] : double.NaN;
        // The explicit price is also the base price (it is what a rejection records), as in the single-asset order path.
        double basePrice = double.IsNaN(limit) ? Price(s, fill, atOpen) : limit;
        ExecuteOrder(s, row ? decision : _remainderDecision[s], fill, delta, basePrice, limit, atOpen, limits,
            depths.IsEmpty ? null : depths[s], row, out double unfilled);
        if (!row) _remainder[s] = delta > 0 ? unfilled : -unfilled;
        else if (carry && double.IsNaN(limit) && unfilled > 0)
        {
            _remainder[s] = delta > 0 ? unfilled : -unfilled;
            _remainderDecision[s] = decision;
        }
    }

    // A row that cannot fill; without a price to convert a value or percent size (NaN delta) its side is the size's sign and
    // its quantity 0.
    private void RejectRow(int s, int decision, int bar, double size, double delta, RejectReason reason, double price)
    {
        double signed = double.IsNaN(delta) ? size : delta;
        Reject(s, decision, bar, signed > 0 ? OrderSide.Buy : OrderSide.Sell, Reduces(_q[s], signed), reason,
            double.IsFinite(delta) ? Math.Abs(delta) : 0, price);
    }

    private static ExitReason Reduces(double position, double delta) =>
        position != 0 && (position > 0) != (delta > 0) ? ExitReason.Order : ExitReason.None;

    // The signed quantity change a row asks for at reference price `price` (NaN: only amounts are known), equity marked there
    // for the row's symbol and at the last marks for the others.
    private readonly double OrderDelta(int s, SizeType type, double size, double price)
    {
        double q = _q[s];
        if (type == SizeType.Amount) return size;
        if (type == SizeType.TargetAmount) return size - q;
        double equity = _balance;
        for (int o = 0; o < _symbols; o++)
            if (o != s && _q[o] != 0) equity += _mark[o] * _q[o] - _q[o] * _e[o];
        equity += price * q - q * _e[s];
        return type switch
        {
            SizeType.Value => size / price,
            SizeType.Percent => size * equity / price,
            SizeType.TargetValue => size / price - q,
            _ => size * equity / price - q,
        };
    }

    // The single-asset book's ExecuteOrder on symbol s with the shared balance: lot rounding, the volume-share and order-book
    // caps (SingleAssetBook.LiquidityCap), the price (book walk, explicit, else slipped), the risk limits and the free cash on the
    // part that adds exposure, the lot checks.
    private void ExecuteOrder(int s, int decision, int fill, double delta, double basePrice, double limit, bool atOpen,
        in LiquidityLimits limits, OrderBookDepth? depth, bool recordNoLiquidity, out double unfilled)
    {
        unfilled = 0;
        var side = delta > 0 ? OrderSide.Buy : OrderSide.Sell;
        double q = _q[s], e = _e[s];
        bool reduces = q != 0 && (q > 0) != (delta > 0);
        var reason = reduces ? ExitReason.Order : ExitReason.None;
        double wanted = _lots.RoundDown(Math.Abs(delta));
        if (!(wanted > 0))
        {
            Reject(s, decision, fill, side, reason, RejectReason.BelowMinQuantity, Math.Abs(delta), basePrice);
            return;
        }
        double volume = _universe.Volume(s)[fill];
        double quantity = LiquidityCap(s, fill, side, wanted, limit, limits, depth);
        unfilled = wanted - quantity;
        if (!(quantity > 0))
        {
            if (recordNoLiquidity) Reject(s, decision, fill, side, reason, RejectReason.NoLiquidity, wanted, basePrice);
            return;
        }
        double held = Math.Abs(q);
        double reduced = reduces ? Math.Min(held, quantity) : 0;
        double price = OrderPrice(fill, side, quantity, reduced < quantity, basePrice, limit, depth, volume);
        double adding = quantity - reduced;
        if (adding > 0)
        {
            var bound = RejectReason.InsufficientFunds;
            double allowed = RiskRoom(s, fill, held - reduced, price, ref bound);
            double realised = reduced > 0 ? (q > 0 ? reduced : -reduced) * (price - e) : 0;
            double reduceFee = reduced > 0 ? _fee.Fee(reduced, price, Liquidity.Taker, _traded) : 0;
            // Free margin once the reduced part is realised (the single-asset order path's budget, with the other symbols' margin);
            // it buys up to leverage × itself.
            double budget = _balance - OthersMargin(s) + realised - reduceFee - (held - reduced) * e / _leverage;
            if (_cross) budget += (q > 0 ? held - reduced : reduced - held) * (price - e);
            double affordable = budget > DustFraction * _balance
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
                    Reject(s, decision, fill, side, reason, bound, wanted, price);
                    unfilled = 0;
                    return;
                }
                price = OrderPrice(fill, side, quantity, reduced < quantity, basePrice, limit, depth, volume);
            }
        }
        var rejected = _lots.Check(quantity, price);
        if (rejected != RejectReason.None)
        {
            Reject(s, decision, fill, side, reason, rejected, quantity, price);
            unfilled = 0;
            return;
        }
        FillDelta(s, decision, fill, side == OrderSide.Buy ? quantity : -quantity, price, quantity < wanted ? wanted : 0, atOpen, ExitReason.Order);
    }

    // How much exposure the risk limits let symbol s add to `remaining` held units (∞ without limits; 0 after the drawdown stop
    // or on a day blocked by the daily loss limit); `bound` receives the binding limit.
    private readonly double RiskRoom(int s, int fill, double remaining, double price, ref RejectReason bound)
    {
        if (_halted)
        {
            bound = RejectReason.DrawdownHalt;
            return 0;
        }
        if (_blockedDay == Day(fill))
        {
            bound = RejectReason.DailyLossLimit;
            return 0;
        }
        double room = double.PositiveInfinity;
        if (_risk.MaxPositionQuantity > 0)
        {
            room = Room(_risk.MaxPositionQuantity, remaining);
            bound = RejectReason.PositionLimit;
        }
        if (_risk.MaxAssetExposure > 0 || _risk.MaxTotalExposure > 0)
        {
            double equity = MarkedEquity(out double gross);
            if (_risk.MaxAssetExposure > 0) Cap(ref room, ref bound, Room(_risk.MaxAssetExposure * equity / price, remaining), RejectReason.ExposureLimit);
            if (_risk.MaxTotalExposure > 0)
            {
                double own = _q[s] != 0 ? Math.Abs(_mark[s] * _q[s]) : 0;
                Cap(ref room, ref bound, Room((_risk.MaxTotalExposure * equity - (gross - own)) / price, remaining), RejectReason.ExposureLimit);
            }
        }
        return double.IsPositiveInfinity(room) ? room : _lots.RoundDown(room);
    }

    private static double Room(double cap, double held) => SingleAssetBook<TFill, TFee, TSlippage>.RoomUnder(cap, held);

    // What the other symbols' positions take from the free margin: their initial margin, less (cross margin) their unrealised
    // P&L at the last marks.
    private readonly double OthersMargin(int s)
    {
        double margin = 0;
        for (int o = 0; o < _symbols; o++)
        {
            double q = _q[o];
            if (o == s || q == 0) continue;
            margin += Math.Abs(q) * _e[o] / _leverage;
            if (_cross) margin -= _mark[o] * q - q * _e[o];
        }
        return margin;
    }

    private readonly double OrderPrice(int fill, OrderSide side, double quantity, bool opens, double basePrice, double limit,
        OrderBookDepth? depth, double volume)
    {
        if (depth is not null) return Walked(depth, fill, side, quantity, limit);
        return !double.IsNaN(limit) ? limit : _slippage.FillPrice(basePrice, side, opens, quantity, volume);
    }

    // The single-asset book's FillDelta on symbol s: fee, average-cost position, realised P&L on the shared balance, a trade per
    // reduction (recorded with `reason`), the order record (Partial when `requested` > 0).
    private void FillDelta(int s, int decision, int fill, double delta, double price, double requested, bool atOpen, ExitReason reason)
    {
        // Funding accrued since the position's last fill is settled before its quantity changes.
        if (_funded && _q[s] != 0) _balance -= SettleFunding(s);
        double quantity = Math.Abs(delta);
        double fee = _fee.Fee(quantity, price, Liquidity.Taker, _traded);
        _traded += quantity * price;
        double before = _q[s], entryBefore = _e[s];
        double pnl = PositionMath.Apply(ref _q[s], ref _e[s], delta, price, out double reduced);
        _balance += pnl - fee;
        _fees += fee;
        _mark[s] = Price(s, fill, atOpen);
        if (reduced > 0)
        {
            double held = Math.Abs(before);
            double entryShare = _entryFee[s] * (reduced / held);
            double exitShare = fee * (reduced / quantity);
            double fundingShare = _settled[s] * (reduced / held);
            _entryFee[s] -= entryShare;
            _settled[s] -= fundingShare;
            double net = pnl - entryShare - exitShare - fundingShare;
            _closed++;
            if (net > 0)
            {
                _wins++;
                _winSum += net;
            }
            else
            {
                _losses++;
                _lossSum += net;
            }
            if (_full)
                _records.Add(new TradeRecord
                {
                    Asset = s, EntryBar = _entryBar[s], ExitBar = fill, EntryTime = _time[_entryBar[s]], ExitTime = _time[fill],
                    Side = before > 0 ? PositionSide.Long : PositionSide.Short, Quantity = reduced, EntryPrice = entryBefore,
                    ExitPrice = price, EntryFee = entryShare, ExitFee = exitShare, Funding = fundingShare, Pnl = net,
                    Return = (before > 0 ? 1.0 : -1.0) * (price / entryBefore - 1) - (entryShare + exitShare + fundingShare) / (reduced * entryBefore),
                    ExitReason = reason, StopLoss = _stopLoss[s], TakeProfit = _takeProfit[s],
                });
            if (reduced < quantity)
            {
                _entryFee[s] = fee - exitShare;
                _entryBar[s] = fill;
            }
        }
        else
        {
            if (before == 0) _entryBar[s] = fill;
            _entryFee[s] += fee;
        }
        if (_q[s] == 0) _entryFee[s] = _settled[s] = 0;
        _filled++;
        if (_full)
            _records.Add(new OrderRecord
            {
                Bar = fill, DecisionBar = decision, Time = _time[fill], Side = delta > 0 ? OrderSide.Buy : OrderSide.Sell, Asset = s,
                Status = requested > 0 ? OrderStatus.Partial : OrderStatus.Filled, Reason = reduced > 0 ? reason : ExitReason.None,
                Quantity = quantity, RequestedQuantity = requested, Price = price, Fee = fee, AtOpen = atOpen,
                PositionAfter = _q[s], EntryPriceAfter = _e[s], BalanceAfter = _balance,
            });
        if (_followsOrders) FollowExits(s, before, decision, fill, atOpen);
    }
}
