namespace VectorBacktest.Execution.FillModels;

/// <summary>When a bar reaches both the stop-loss and the take-profit, the take-profit fills (an upper bound on results).</summary>
public readonly struct OptimisticFillModel : IFillModel
{
    /// <inheritdoc/>
    public bool UpperFirst(double open, double high, double low, bool lowerIsAdverse) => lowerIsAdverse;
}
