namespace VectorBacktest.Analysis;

/// <summary>One-sample Student t-test of the mean return against 0 (see <see cref="SignificanceTests.MeanReturnTTest"/>).</summary>
/// <param name="Mean">Mean of the non-NaN returns.</param>
/// <param name="StandardError">sd / √k (sd with ddof = 1).</param>
/// <param name="T">Mean / standard error.</param>
/// <param name="DegreesOfFreedom">k − 1.</param>
/// <param name="PValue">Two-sided p-value <c>2·F(−|T|)</c>, F the Student t CDF with k − 1 degrees of freedom.</param>
public readonly record struct TTestResult(double Mean, double StandardError, double T, int DegreesOfFreedom, double PValue);
