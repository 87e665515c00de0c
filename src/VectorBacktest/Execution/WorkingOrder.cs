namespace VectorBacktest.Execution;

/// <summary>
/// A resting entry order (limit, stop or stop-limit) and its trigger state: the one place where such an order is
/// matched against a bar, used by both drivers.
/// </summary>
internal struct WorkingOrder
{
    public OrderType Type;
    public OrderSide Side;
    public double Limit, Stop;
    /// <summary>Decision bar; the order works on bars [DecisionBar + 1, LastBar].</summary>
    public int DecisionBar, LastBar;
    /// <summary>True when the window was cut by the end of the data rather than by the time in force.</summary>
    public bool EndsWithData;
    public bool Triggered;
    /// <summary>The entry's explicit stop-loss and take-profit prices, attached when it fills (NaN: the exit rules').</summary>
    public double StopLossPrice, TakeProfitPrice;

    /// <summary>Sets the bars the order works on: from the bar after <paramref name="from"/> for <paramref name="timeInForce"/>
    /// bars, cut at <paramref name="lastDataBar"/> (the data's last bar). Placing an order starts this clock at its decision bar;
    /// amending its time in force restarts it at the amending bar.</summary>
    public void Window(int from, TimeInForce timeInForce, int lastDataBar)
    {
        long last = (long)from + timeInForce.Bars;
        LastBar = (int)Math.Min(last, lastDataBar);
        EndsWithData = last > lastDataBar;
    }

    /// <summary>The bar's low/high thresholds that make this bar a candidate (for the SIMD scan): fill or trigger when
    /// <c>low &lt;= Lower</c> or <c>high &gt;= Upper</c>.</summary>
    public readonly (double Lower, double Upper) Thresholds
    {
        get
        {
            bool buy = Side == OrderSide.Buy;
            bool limitPhase = Type == OrderType.Limit || (Type == OrderType.StopLimit && Triggered);
            double level = limitPhase ? Limit : Stop;
            // A buy limit fills on the way down, a buy stop triggers on the way up; sells mirror.
            bool onLow = buy == limitPhase;
            return onLow ? (level, double.PositiveInfinity) : (double.NegativeInfinity, level);
        }
    }

    /// <summary>
    /// Matches the order against one bar. A limit fills at the limit or the better open; a stop at the stop or the
    /// worse open (a taker, slipped); a stop-limit on its trigger bar fills at the stop (or the worse open) only if
    /// the limit allows that price, otherwise it rests as a limit from the next bar.
    /// </summary>
    /// <returns>True with the fill price (before slippage) and liquidity when it fills on this bar.</returns>
    public bool TryFill(double open, double high, double low, out double price, out Liquidity liquidity)
    {
        bool buy = Side == OrderSide.Buy;
        liquidity = Liquidity.Maker;
        if (Type == OrderType.Limit || (Type == OrderType.StopLimit && Triggered))
        {
            price = buy ? Math.Min(open, Limit) : Math.Max(open, Limit);
            return buy ? low <= Limit : high >= Limit;
        }
        price = double.NaN;
        if (!(buy ? high >= Stop : low <= Stop)) return false;
        double triggeredAt = buy ? Math.Max(open, Stop) : Math.Min(open, Stop);
        liquidity = Liquidity.Taker;
        if (Type == OrderType.Stop)
        {
            price = triggeredAt;
            return true;
        }
        Triggered = true;
        if (buy ? triggeredAt <= Limit : triggeredAt >= Limit)
        {
            price = triggeredAt;
            return true;
        }
        return false;
    }
}
