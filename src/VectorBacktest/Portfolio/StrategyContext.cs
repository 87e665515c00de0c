using VectorBacktest.Data;
using VectorBacktest.Execution;

namespace VectorBacktest.Portfolio;

/// <summary>
/// What a <see cref="IBarStrategy"/> sees on one bar and the requests it places. The requests are combined by the
/// same rules as signal columns (<see cref="SignalInputs"/>): entering the side already held is ignored (adds to it with
/// <see cref="SimulationOptions.Accumulate"/>), entering the other side reverses, an entry and an exit of one side cancel. An
/// entry may carry its own stop-loss and take-profit prices, as <see cref="SignalInputs.StopLossPrice"/> /
/// <see cref="SignalInputs.TakeProfitPrice"/> do for signal columns.
/// </summary>
public ref struct StrategyContext
{
    internal bool LongEntry, LongExit, ShortEntry, ShortExit;
    private double _longStop, _longTarget, _shortStop, _shortTarget;

    private readonly BarSeries _bars;

    internal StrategyContext(BarSeries bars, int bar, PositionSide position, double quantity, double entryPrice, double balance)
    {
        _bars = bars;
        Bar = bar;
        Position = position;
        Quantity = quantity;
        EntryPrice = entryPrice;
        Balance = balance;
        _longStop = _longTarget = _shortStop = _shortTarget = double.NaN;
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
        _shortStop = stopLoss;
        _shortTarget = takeProfit;
    }
    /// <summary>Close a short.</summary>
    public void ExitShort() => ShortExit = true;
    /// <summary>Close whatever position is held.</summary>
    public void ClosePosition()
    {
        if (Position == PositionSide.Long) LongExit = true;
        else if (Position == PositionSide.Short) ShortExit = true;
    }

    internal readonly SignalAction Decision => SignalDecision.Decide(Position, LongEntry, LongExit, ShortEntry, ShortExit);

    /// <summary>The explicit stop-loss and take-profit prices of the entry that <paramref name="action"/> opens (NaN: none).</summary>
    internal readonly (double StopLoss, double TakeProfit) EntryLevels(SignalAction action) =>
        action is SignalAction.OpenLong or SignalAction.ReverseToLong ? (_longStop, _longTarget) : (_shortStop, _shortTarget);
}
