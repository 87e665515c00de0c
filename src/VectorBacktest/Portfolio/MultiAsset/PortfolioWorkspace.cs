namespace VectorBacktest.Portfolio.MultiAsset;

/// <summary>
/// Reusable buffers of multi-asset runs: the orders and trades of the latest run (with <see cref="OrderRecord.Asset"/> and
/// <see cref="TradeRecord.Asset"/> set), its per-bar equity, cash and gross exposure, and the per-symbol state. Valid until
/// the next run; one per thread; once grown to a run's size, further runs allocate nothing.
/// </summary>
public sealed class PortfolioWorkspace
{
    private readonly SimulationWorkspace _records = new();
    private double[] _equity = [], _cash = [], _gross = [];
    private int _bars;

    internal double[] Quantity = [], Entry = [], EntryFee = [], Mark = [], StopLoss = [], TakeProfit = [], Anchor = [], OrderDelta = [], Remainder = [],
        Accrued = [], SettledFunding = [];
    internal int[] EntryBar = [], LevelsFrom = [], ExitedBar = [], TimeStopBar = [], RemainderDecision = [], RemainderBar = [];
    internal SignalAction[] Pending = [];
    internal byte[] Requests = [];
    // Per symbol: the explicit stop-loss and take-profit prices of its pending entry; a strategy's per-request levels
    // (long stop, long target, short stop, short target).
    internal double[] EntryStop = [], EntryTarget = [], RequestLevels = [];
    internal Execution.ExitReason[] PendingReason = [], RemainderReason = [];

    /// <summary>The latest run's orders in processing order; empty at <see cref="RecordLevel.SummaryOnly"/>.
    /// <see cref="OrderRecord.BalanceAfter"/> is the shared balance; position fields are the order's symbol's.</summary>
    public ReadOnlySpan<OrderRecord> Orders => _records.Orders;
    /// <summary>The latest run's trades in closing order (positions still open at the end last, marked at their last close).</summary>
    public ReadOnlySpan<TradeRecord> Trades => _records.Trades;
    /// <summary>Equity per bar, marked at each bar's close after its fills (a symbol without a bar there at its last close).</summary>
    public ReadOnlySpan<double> Equity => _equity.AsSpan(0, _bars);
    /// <summary>Free cash (free margin) per bar: balance (cross margin: equity) minus the initial margin of the open positions
    /// (cost basis / <see cref="PortfolioOptions.Leverage"/>) minus the funding they have accrued.</summary>
    public ReadOnlySpan<double> Cash => _cash.AsSpan(0, _bars);
    /// <summary>Gross exposure per bar, Σ |position × mark|, quote currency.</summary>
    public ReadOnlySpan<double> GrossExposure => _gross.AsSpan(0, _bars);

    internal SimulationWorkspace Records => _records;
    internal Span<double> EquityBuffer => _equity.AsSpan(0, _bars);
    internal Span<double> CashBuffer => _cash.AsSpan(0, _bars);
    internal Span<double> GrossBuffer => _gross.AsSpan(0, _bars);

    internal void Reset(int symbols, int bars)
    {
        _records.Reset();
        _bars = bars;
        if (_equity.Length < bars)
        {
            _equity = new double[bars];
            _cash = new double[bars];
            _gross = new double[bars];
        }
        if (Quantity.Length < symbols)
        {
            Quantity = new double[symbols]; Entry = new double[symbols]; EntryFee = new double[symbols]; Mark = new double[symbols];
            StopLoss = new double[symbols]; TakeProfit = new double[symbols]; Anchor = new double[symbols]; OrderDelta = new double[symbols];
            Remainder = new double[symbols]; EntryStop = new double[symbols]; EntryTarget = new double[symbols];
            Accrued = new double[symbols]; SettledFunding = new double[symbols];
            EntryBar = new int[symbols]; LevelsFrom = new int[symbols]; ExitedBar = new int[symbols]; TimeStopBar = new int[symbols];
            RemainderDecision = new int[symbols]; RemainderBar = new int[symbols];
            Pending = new SignalAction[symbols];
            PendingReason = new Execution.ExitReason[symbols]; RemainderReason = new Execution.ExitReason[symbols];
        }
        Quantity.AsSpan(0, symbols).Clear();
        Entry.AsSpan(0, symbols).Clear();
        EntryFee.AsSpan(0, symbols).Clear();
        Mark.AsSpan(0, symbols).Fill(double.NaN);
        EntryBar.AsSpan(0, symbols).Clear();
        StopLoss.AsSpan(0, symbols).Fill(double.NaN);
        TakeProfit.AsSpan(0, symbols).Fill(double.NaN);
        LevelsFrom.AsSpan(0, symbols).Clear();
        ExitedBar.AsSpan(0, symbols).Fill(-1);
        Pending.AsSpan(0, symbols).Clear();
        OrderDelta.AsSpan(0, symbols).Clear();
        Remainder.AsSpan(0, symbols).Clear();
        Accrued.AsSpan(0, symbols).Clear();
        SettledFunding.AsSpan(0, symbols).Clear();
        RemainderDecision.AsSpan(0, symbols).Clear();
        RemainderBar.AsSpan(0, symbols).Clear();
        RemainderReason.AsSpan(0, symbols).Clear();
        PendingReason.AsSpan(0, symbols).Clear();
        Anchor.AsSpan(0, symbols).Clear();
        TimeStopBar.AsSpan(0, symbols).Fill(int.MaxValue);
        EntryStop.AsSpan(0, symbols).Fill(double.NaN);
        EntryTarget.AsSpan(0, symbols).Fill(double.NaN);
    }
}
