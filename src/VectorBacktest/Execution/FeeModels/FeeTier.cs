namespace VectorBacktest.Execution.FeeModels;

/// <summary>One row of a volume-tiered fee schedule.</summary>
/// <param name="MinTradedNotional">The tier applies once this much quote notional has been traded in the run.</param>
/// <param name="MakerRate">Maker fee, fraction of notional.</param>
/// <param name="TakerRate">Taker fee, fraction of notional.</param>
public readonly record struct FeeTier(double MinTradedNotional, double MakerRate, double TakerRate);
