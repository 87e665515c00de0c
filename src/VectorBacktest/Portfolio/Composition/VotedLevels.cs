namespace VectorBacktest.Portfolio.Composition;

/// <summary>
/// The exit prices a vote gives the entry it places: among the members voting for the entry that gave an explicit price, the
/// tightest stop-loss (the highest for a long, the lowest for a short) and the nearest take-profit (the lowest for a long, the
/// highest for a short); NaN when none gave one, so the run's exit rules apply. The most cautious member's levels win, so the
/// combined entry never risks more than any member that asked for a stop.
/// </summary>
internal struct VotedLevels
{
    public double StopLoss, TakeProfit;

    public static VotedLevels None => new() { StopLoss = double.NaN, TakeProfit = double.NaN };

    /// <summary>Folds in one voting member's prices (NaN: none).</summary>
    public void Add(bool isLong, double stopLoss, double takeProfit)
    {
        StopLoss = Pick(StopLoss, stopLoss, higher: isLong);
        TakeProfit = Pick(TakeProfit, takeProfit, higher: !isLong);
    }

    private static double Pick(double current, double candidate, bool higher) =>
        double.IsNaN(candidate) ? current : double.IsNaN(current) ? candidate : higher ? Math.Max(current, candidate) : Math.Min(current, candidate);
}
