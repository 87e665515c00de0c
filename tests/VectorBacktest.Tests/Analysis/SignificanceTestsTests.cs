using VectorBacktest.Analysis;
using VectorBacktest.Data.SampleData;
using static VectorBacktest.Tests.Analysis.AnalysisTestData;

namespace VectorBacktest.Tests.Analysis;

public class SignificanceTestsTests
{
    [Fact]
    public void T_test_hand_example_with_two_degrees_of_freedom()
    {
        // mean .02, sd .01, se = .01/√3, T = 2√3; for ν = 2 the t CDF is ½ + t / (2√(2 + t²)), so p = 1 − T/√(2 + T²).
        var t = SignificanceTests.MeanReturnTTest([0.01, 0.02, 0.03]);
        double T = 2 * Math.Sqrt(3);
        AssertClose(0.02, t.Mean, 1e-15);
        AssertClose(0.01 / Math.Sqrt(3), t.StandardError, 1e-14);
        AssertClose(T, t.T, 1e-13);
        Assert.Equal(2, t.DegreesOfFreedom);
        AssertClose(1 - T / Math.Sqrt(2 + T * T), t.PValue, 1e-10);
    }

    [Fact]
    public void T_test_edge_cases()
    {
        var constant = SignificanceTests.MeanReturnTTest([0.0078125, 0.0078125, double.NaN, 0.0078125]);
        Assert.Equal((double.PositiveInfinity, 0.0, 2), (constant.T, constant.PValue, constant.DegreesOfFreedom));
        var zero = SignificanceTests.MeanReturnTTest([0, 0, 0]);
        Assert.True(double.IsNaN(zero.T) && double.IsNaN(zero.PValue));
        Assert.True(double.IsNaN(SignificanceTests.MeanReturnTTest([0.1]).PValue));
        Assert.True(double.IsNaN(SignificanceTests.MeanReturnTTest([]).PValue));
    }

    [Fact]
    public void Bootstrap_is_reproducible_and_equals_the_plain_algorithm()
    {
        var r = RandomReturns(300, 7);
        var a = SignificanceTests.BootstrapSharpe(r, 365, 200, 0.9, seed: 11);
        var b = SignificanceTests.BootstrapSharpe(r, 365, 200, 0.9, seed: 11);
        var c = SignificanceTests.BootstrapSharpe(r, 365, 200, 0.9, seed: 12);
        Assert.Equal(a, b);
        Assert.NotEqual(a.Lower, c.Lower);
        Assert.True(a.Lower < a.Estimate && a.Estimate < a.Upper);
        AssertClose(ReferenceMetrics.Sharpe(r, 365), a.Estimate, 1e-12);

        var rng = new SplitMix64(11);
        var sharpes = new List<double>();
        for (int i = 0; i < 200; i++)
        {
            var sample = new double[r.Length];
            for (int j = 0; j < r.Length; j++) sample[j] = r[(int)(rng.NextDouble() * r.Length)];
            sharpes.Add(ReferenceMetrics.Sharpe(sample, 365));
        }
        AssertClose(ReferenceMetrics.Quantile(sharpes, 0.05), a.Lower, 1e-10);
        AssertClose(ReferenceMetrics.Quantile(sharpes, 0.95), a.Upper, 1e-10);
    }

    [Fact]
    public void Bootstrap_edge_cases()
    {
        var one = SignificanceTests.BootstrapSharpe([0.01], 365);
        Assert.True(double.IsNaN(one.Lower) && double.IsNaN(one.Upper) && double.IsNaN(one.Estimate));
        Assert.Throws<ArgumentOutOfRangeException>("resamples", () => SignificanceTests.BootstrapSharpe([0.01, 0.02], 365, 0));
        Assert.Throws<ArgumentOutOfRangeException>("confidence", () => SignificanceTests.BootstrapSharpe([0.01, 0.02], 365, 10, 1.0));
    }
}
