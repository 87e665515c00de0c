using VectorBacktest.Data;

namespace VectorBacktest.Portfolio;

/// <summary>
/// An owned copy of one run's summary, orders and trades (a workspace's records are only valid until its next run).
/// For notebooks and for analytics that keep results; sweeps keep only <see cref="SimulationSummary"/>.
/// </summary>
public sealed class SimulationResult
{
    private readonly OrderRecord[] _orders;

    private SimulationResult(SimulationSummary summary, OrderRecord[] orders, TradeRecord[] trades)
    {
        Summary = summary;
        _orders = orders;
        Trades = trades;
    }

    /// <summary>The run's running totals.</summary>
    public SimulationSummary Summary { get; }
    /// <summary>Every order in processing order, filled and rejected.</summary>
    public IReadOnlyList<OrderRecord> Orders => _orders;
    /// <summary>Every trade in closing order (an open one last).</summary>
    public IReadOnlyList<TradeRecord> Trades { get; }

    /// <summary>Copies the latest run out of <paramref name="workspace"/>.</summary>
    /// <param name="summary">The summary the run returned.</param>
    /// <param name="workspace">The workspace the run recorded into.</param>
    /// <exception cref="ArgumentNullException"><paramref name="workspace"/> is null.</exception>
    public static SimulationResult Capture(SimulationSummary summary, SimulationWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return new SimulationResult(summary, workspace.Orders.ToArray(), workspace.Trades.ToArray());
    }

    /// <summary>The per-bar cash, position value, equity and drawdown of this run on <paramref name="bars"/> (the run's bars).</summary>
    /// <param name="bars">The run's bars.</param>
    /// <param name="fundingRate">The run's funding column, empty for none.</param>
    /// <exception cref="ArgumentException">The orders do not fit <paramref name="bars"/>.</exception>
    public EquityCurve EquityCurve(BarSeries bars, ReadOnlySpan<double> fundingRate = default) =>
        Portfolio.EquityCurve.Build(bars, _orders, Summary.InitialCash, fundingRate);
}
