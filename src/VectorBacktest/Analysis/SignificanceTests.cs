using System.Buffers;
using MathNet.Numerics.Distributions;
using VectorBacktest.Data.SampleData;

namespace VectorBacktest.Analysis;

/// <summary>Statistical checks of a return series: is the mean return distinguishable from 0, how uncertain is Sharpe.</summary>
public static class SignificanceTests
{
    /// <summary>
    /// One-sample t-test of H₀: mean return = 0 over the non-NaN returns (k of them): <c>T = mean / (sd / √k)</c>,
    /// p-value two-sided from MathNet's <c>StudentT</c> with k − 1 degrees of freedom. Fewer than 2 values → all NaN
    /// (degrees of freedom 0 or −1); sd = 0 → T = ±∞ with p = 0 (T and p NaN when the mean is 0 too).
    /// </summary>
    public static TTestResult MeanReturnTTest(ReadOnlySpan<double> returns)
    {
        using var v = new FiniteValues(returns);
        int k = v.Count;
        double mean = v.Mean, se = Moments.SampleStd(v.Values, mean) / Math.Sqrt(k);
        double t = mean / se;
        double p = k < 2 || double.IsNaN(t) ? double.NaN
            : double.IsInfinity(t) ? 0.0
            : 2 * StudentT.CDF(0, 1, k - 1, -Math.Abs(t));
        return new TTestResult(mean, se, t, k - 1, p);
    }

    /// <summary>
    /// Percentile bootstrap confidence interval of <see cref="RiskAdjustedMetrics.Sharpe"/>: <paramref name="resamples"/>
    /// samples of the non-NaN returns drawn with replacement (i.i.d., so autocorrelation is ignored), each index
    /// <c>⌊u·k⌋</c> from a splitmix64 stream seeded with <paramref name="seed"/>, hence reproducible bit for bit;
    /// bounds are the (1 ∓ confidence)/2 percentiles (numpy linear rule) of the finite resampled Sharpe ratios.
    /// Fewer than 2 values → NaN bounds.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="resamples"/> &lt; 1 or <paramref name="confidence"/> not in (0, 1).</exception>
    public static ConfidenceInterval BootstrapSharpe(ReadOnlySpan<double> returns, double periodsPerYear,
        int resamples = 1000, double confidence = 0.95, ulong seed = 0)
    {
        if (resamples < 1) AnalysisThrow.OutOfRange(nameof(resamples), resamples, "At least one resample is needed.");
        if (!(confidence > 0 && confidence < 1)) AnalysisThrow.OutOfRange(nameof(confidence), confidence, "The confidence must lie in (0, 1).");
        using var v = new FiniteValues(returns);
        int k = v.Count;
        double estimate = RiskAdjustedMetrics.Sharpe(v.Values, periodsPerYear);
        if (k < 2) return new ConfidenceInterval(estimate, double.NaN, double.NaN, confidence);
        double[] sample = ArrayPool<double>.Shared.Rent(k);
        double[] sharpes = ArrayPool<double>.Shared.Rent(resamples);
        try
        {
            var rng = new SplitMix64(seed);
            int finite = 0;
            for (int b = 0; b < resamples; b++)
            {
                for (int i = 0; i < k; i++) sample[i] = v.Values[(int)(rng.NextDouble() * k)];
                double s = RiskAdjustedMetrics.Sharpe(sample.AsSpan(0, k), periodsPerYear);
                if (double.IsFinite(s)) sharpes[finite++] = s;
            }
            var sorted = sharpes.AsSpan(0, finite);
            sorted.Sort();
            double tail = (1 - confidence) / 2;
            return new ConfidenceInterval(estimate, Percentiles.Linear(sorted, tail), Percentiles.Linear(sorted, 1 - tail), confidence);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(sample);
            ArrayPool<double>.Shared.Return(sharpes);
        }
    }
}
