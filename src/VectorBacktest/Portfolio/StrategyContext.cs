using VectorBacktest.Data;
using VectorBacktest.Execution;

namespace VectorBacktest.Portfolio;

/// <summary>
/// What a <see cref="IBarStrategy"/> sees on one bar and the requests it places. The requests are combined by the
/// same rules as signal columns (<see cref="SignalInputs"/>): entering the side already held is ignored (adds to it with
/// <see cref="SimulationOptions.Accumulate"/>), entering the other side reverses, an entry and an exit of one side cancel.
/// </summary>
public ref struct StrategyContext
{
    internal bool LongEntry, LongExit, ShortEntry, ShortExit;

    private readonly BarSeries _bars;

    internal StrategyContext(BarSeries bars, int bar, PositionSide position, double quantity, double entryPrice, double balance)
    {
        _bars = bars;
        Bar = bar;
        Position = position;
        Quantity = quantity;
        EntryPrice = entryPrice;
        Balance = balance;
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

    /// <summary>Open a long (or reverse a short into one).</summary>
    public void EnterLong() => LongEntry = true;
    /// <summary>Close a long.</summary>
    public void ExitLong() => LongExit = true;
    /// <summary>Open a short (or reverse a long into one).</summary>
    public void EnterShort() => ShortEntry = true;
    /// <summary>Close a short.</summary>
    public void ExitShort() => ShortExit = true;
    /// <summary>Close whatever position is held.</summary>
    public void ClosePosition()
    {
        if (Position == PositionSide.Long) LongExit = true;
        else if (Position == PositionSide.Short) ShortExit = true;
    }

    internal readonly SignalAction Decision => SignalDecision.Decide(Position, LongEntry, LongExit, ShortEntry, ShortExit);
}
