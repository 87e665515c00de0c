using VectorBacktest.Execution;

namespace VectorBacktest.Portfolio.MultiAsset;

// The exits attached to the positions of the order path (PortfolioSimulator.FromOrders), per symbol by the rules of the
// single-asset order path (OrderSimulator.FromOrders, SingleAssetBook.FollowExits) on the signal path's per-symbol exit state
// (ResolveExits, CheckExitLevels, the time stop): an exit closes the whole position and cancels the symbol's carried remainder.
internal ref partial struct PortfolioRun<TFill, TFee, TSlippage>
{
    /// <summary>Order path: the fills maintain the attached exits (<see cref="FollowExits"/>), whose ATR-multiple levels read the
    /// symbol-major <paramref name="atr"/> (<see cref="PortfolioOrders.Atr"/>).</summary>
    public void AttachOrderExits(ReadOnlySpan<double> atr)
    {
        UseAtr(atr, "orders");
        _followsOrders = _hasExits;
    }

    /// <summary>Order path: closes, on bar <paramref name="fill"/> at its default price, the positions whose time stop is due on
    /// decision bar <paramref name="decision"/> (a symbol without a bar at the fill is rejected with
    /// <see cref="RejectReason.MissingBar"/> and retried from its next decision bar).</summary>
    public void CloseTimeStops(int decision, int fill, bool atOpen)
    {
        if (_exits.TimeStopBars <= 0 || decision < 0) return;
        for (int s = 0; s < _symbols; s++)
        {
            if (!TimeStopDue(s, decision)) continue;
            if (!_universe.Present(s)[fill])
            {
                Reject(s, decision, fill, _q[s] > 0 ? OrderSide.Sell : OrderSide.Buy, ExitReason.TimeStop, RejectReason.MissingBar,
                    Math.Abs(_q[s]), double.NaN);
                continue;
            }
            ClosePosition(s, decision, fill, Price(s, fill, atOpen), ExitReason.TimeStop, atOpen);
            CancelRemainder(s, fill);
        }
    }

    /// <summary>Order path under next-open timing: the time stops due on the last bar <paramref name="t"/> have no bar left to
    /// fill on (<see cref="RejectReason.EndOfData"/>).</summary>
    public void RejectTimeStopsAtEnd(int t)
    {
        if (_exits.TimeStopBars <= 0) return;
        for (int s = 0; s < _symbols; s++)
            if (TimeStopDue(s, t))
                Reject(s, t, t, _q[s] > 0 ? OrderSide.Sell : OrderSide.Buy, ExitReason.TimeStop, RejectReason.EndOfData, Math.Abs(_q[s]), double.NaN);
    }

    // Records symbol s's carried order remainder (if any) as cancelled on `bar`.
    private void CancelRemainder(int s, int bar)
    {
        double remainder = _remainder[s];
        if (remainder == 0) return;
        Reject(s, bar, bar, remainder > 0 ? OrderSide.Buy : OrderSide.Sell, Reduces(_q[s], remainder), RejectReason.Cancelled,
            Math.Abs(remainder), double.NaN);
        _remainder[s] = 0;
    }

    // Keeps symbol s's exits in step with an order fill that moved its position from `before`, as the single-asset book's
    // FollowExits: an opening or a flip resolves new levels from the new average entry price; an add re-resolves the stop-loss
    // and take-profit from it while the trailing stop's best price and the time stop run on from the opening; a reduction
    // leaves them; a close clears them.
    private void FollowExits(int s, double before, int decision, int fill, bool atOpen)
    {
        double q = _q[s];
        if (q == 0)
        {
            _timeStopBar[s] = int.MaxValue;
            _stopLoss[s] = _takeProfit[s] = double.NaN;
            return;
        }
        bool same = before != 0 && (before > 0) == (q > 0);
        if (same && Math.Abs(q) <= Math.Abs(before)) return;
        double anchor = _anchor[s];
        int timeStop = _timeStopBar[s];
        ResolveExits(s, Side(s), decision, fill, _e[s], atOpen, double.NaN, double.NaN);
        if (!same) return;
        _anchor[s] = anchor;
        _timeStopBar[s] = timeStop;
    }
}
