namespace VectorBacktest.Portfolio;

/// <summary>How much a simulation records.</summary>
public enum RecordLevel : byte
{
    /// <summary>Every order and trade (for inspection, the equity curve and trade statistics).</summary>
    Full = 0,
    /// <summary>Only the running <see cref="SimulationSummary"/> (for sweeps: memory independent of the number of trades).</summary>
    SummaryOnly = 1,
}
