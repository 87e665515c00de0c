namespace VectorBacktest.Execution.FillModels;

/// <summary>Which exit level a bar reached.</summary>
public enum ExitLevelHit : byte
{
    /// <summary>Neither.</summary>
    None = 0,
    /// <summary>The lower level (a long's stop-loss, a short's take-profit).</summary>
    Lower = 1,
    /// <summary>The upper level (a long's take-profit, a short's stop-loss).</summary>
    Upper = 2,
}
