namespace VectorBacktest.Portfolio;

/// <summary>
/// Reusable buffers for simulations: the order and trade records of the latest run, valid until the next run on
/// the same workspace. One workspace per thread; after the buffers have grown to a run's size, further runs
/// allocate nothing.
/// </summary>
public sealed class SimulationWorkspace
{
    private OrderRecord[] _orders;
    private TradeRecord[] _trades;
    private int _orderCount, _tradeCount;

    /// <summary>Creates a workspace with room for <paramref name="capacity"/> orders and trades (it grows as needed).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    public SimulationWorkspace(int capacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _orders = new OrderRecord[Math.Max(capacity, 4)];
        _trades = new TradeRecord[Math.Max(capacity, 4)];
    }

    /// <summary>The latest run's orders (filled and rejected) in processing order; empty at <see cref="RecordLevel.SummaryOnly"/>.</summary>
    public ReadOnlySpan<OrderRecord> Orders => _orders.AsSpan(0, _orderCount);

    /// <summary>The latest run's trades in closing order (an open one last); empty at <see cref="RecordLevel.SummaryOnly"/>.</summary>
    public ReadOnlySpan<TradeRecord> Trades => _trades.AsSpan(0, _tradeCount);

    internal void Reset()
    {
        _orderCount = 0;
        _tradeCount = 0;
    }

    internal void Add(in OrderRecord order)
    {
        if (_orderCount == _orders.Length) Array.Resize(ref _orders, _orders.Length * 2);
        _orders[_orderCount++] = order;
    }

    internal void Add(in TradeRecord trade)
    {
        if (_tradeCount == _trades.Length) Array.Resize(ref _trades, _trades.Length * 2);
        _trades[_tradeCount++] = trade;
    }
}
