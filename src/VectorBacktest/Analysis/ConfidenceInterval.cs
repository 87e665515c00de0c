namespace VectorBacktest.Analysis;

/// <summary>A point estimate with a two-sided confidence interval.</summary>
/// <param name="Estimate">The statistic on the original sample.</param>
/// <param name="Lower">Lower bound.</param>
/// <param name="Upper">Upper bound.</param>
/// <param name="Confidence">Coverage, e.g. 0.95.</param>
public readonly record struct ConfidenceInterval(double Estimate, double Lower, double Upper, double Confidence);
