namespace VectorBacktest.Execution.FillModels;

/// <summary>
/// When a bar reaches both the stop-loss and the take-profit, the stop-loss fills (the default; what
/// backtesting.py and vectorbt do).
/// </summary>
public readonly struct PessimisticFillModel : IFillModel
{
    /// <inheritdoc/>
    public bool UpperFirst(double open, double high, double low, bool lowerIsAdverse) => !lowerIsAdverse;
}
