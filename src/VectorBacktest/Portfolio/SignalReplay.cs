namespace VectorBacktest.Portfolio;

/// <summary>Replays signal columns as bar-by-bar requests, so <see cref="SignalSimulator"/> can hand a run to the
/// event-driven loop when a feature needs every bar.</summary>
internal readonly ref struct SignalReplay(SignalInputs signals) : IBarStrategy
{
    private readonly SignalInputs _signals = signals;

    public void OnBar(ref StrategyContext context)
    {
        int t = context.Bar;
        double stopLoss = SignalInputs.At(_signals.StopLossPrice, t), takeProfit = SignalInputs.At(_signals.TakeProfitPrice, t);
        if (SignalInputs.At(_signals.LongEntries, t)) context.EnterLong(stopLoss, takeProfit);
        if (SignalInputs.At(_signals.LongExits, t)) context.ExitLong();
        if (SignalInputs.At(_signals.ShortEntries, t)) context.EnterShort(stopLoss, takeProfit);
        if (SignalInputs.At(_signals.ShortExits, t)) context.ExitShort();
    }
}
