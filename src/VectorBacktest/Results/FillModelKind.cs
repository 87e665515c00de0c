namespace VectorBacktest.Results;

/// <summary>Which <see cref="Execution.FillModels.IFillModel"/> decides between two exit levels inside one bar.</summary>
public enum FillModelKind : byte
{
    /// <summary><see cref="Execution.FillModels.PessimisticFillModel"/>: the losing level first (the default).</summary>
    Pessimistic = 0,
    /// <summary><see cref="Execution.FillModels.OptimisticFillModel"/>: the winning level first.</summary>
    Optimistic = 1,
    /// <summary><see cref="Execution.FillModels.IntraBarPathFillModel"/>: open, nearer extreme, other extreme, close.</summary>
    IntraBarPath = 2,
}
