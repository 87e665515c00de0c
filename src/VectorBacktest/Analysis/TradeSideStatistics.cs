namespace VectorBacktest.Analysis;

/// <summary>Statistics of the closed trades of one side (long or short); see <see cref="TradeStatistics"/>.</summary>
/// <param name="Count">Closed trades of this side.</param>
/// <param name="WinRate">Share of them with PnL &gt; 0 (NaN when none).</param>
/// <param name="TotalPnL">Σ PnL in cash, net of fees.</param>
/// <param name="AverageReturn">Arithmetic mean of the trade returns (NaN when none).</param>
/// <param name="ProfitFactor">Gross profit / gross loss in cash (rules of <see cref="TradeStatistics.ProfitFactor"/>).</param>
public readonly record struct TradeSideStatistics(int Count, double WinRate, double TotalPnL, double AverageReturn, double ProfitFactor);
