using FsCheck.Xunit;
using MathNet.Numerics.Distributions;
using VectorBacktest.Analysis;
using static VectorBacktest.Tests.Analysis.AnalysisTestData;

namespace VectorBacktest.Tests.Analysis;

public class TailRiskTests
{
    private static readonly double[] R = [0.1, -0.05, 0.02, -0.03, 0.04];
    private const double Z95 = -1.6448536269514722;

    [Fact]
    public void Hand_example_historical()
    {
        // Sorted: −0.05, −0.03, 0.02, 0.04, 0.1; Q(.05): h = 0.2 → −0.05 + 0.02·0.2.
        AssertClose(-0.046, TailRisk.HistoricalVaR(R), 1e-14);
        // c = ⌊4 · 0.05⌋ = 0: the single smallest value.
        Assert.Equal(-0.05, TailRisk.HistoricalCVaR(R));
        double[] twentyOne = Enumerable.Range(0, 21).Select(i => (i - 10) / 100.0).ToArray();
        // c = ⌊20 · 0.05⌋ = 1: mean of −0.10 and −0.09.
        AssertClose(-0.095, TailRisk.HistoricalCVaR(twentyOne), 1e-14);
        AssertClose(-0.1 + 0.01 * 0.2, TailRisk.HistoricalVaR(twentyOne, 0.01), 1e-14);
    }

    [Fact]
    public void Hand_example_moments_and_parametric()
    {
        // m2 = 0.01412/5, m3 = Σd³/5, m4 = Σd⁴/5 with d = x − 0.016.
        double[] d = R.Select(x => x - 0.016).ToArray();
        double m2 = d.Sum(x => x * x) / 5, m3 = d.Sum(x => x * x * x) / 5, m4 = d.Sum(x => x * x * x * x) / 5;
        double s = m3 / Math.Pow(m2, 1.5), k = m4 / (m2 * m2) - 3;
        AssertClose(0.2955399326572363, TailRisk.Skewness(R), 1e-12);
        AssertClose(-1.1549446669181205, TailRisk.ExcessKurtosis(R), 1e-12);
        AssertClose(s, TailRisk.Skewness(R), 1e-12);
        AssertClose(k, TailRisk.ExcessKurtosis(R), 1e-12);

        double sd = Math.Sqrt(0.01412 / 4);
        AssertClose(0.016 + Z95 * sd, TailRisk.GaussianVaR(R), 1e-12);
        double phi = Math.Exp(-Z95 * Z95 / 2) / Math.Sqrt(2 * Math.PI);
        AssertClose(0.016 - sd * phi / 0.05, TailRisk.GaussianCVaR(R), 1e-12);
        double zcf = Z95 + (Z95 * Z95 - 1) * s / 6 + (Z95 * Z95 * Z95 - 3 * Z95) * k / 24 - (2 * Z95 * Z95 * Z95 - 5 * Z95) * s * s / 36;
        AssertClose(0.016 + zcf * sd, TailRisk.CornishFisherVaR(R), 1e-12);
    }

    [Fact]
    public void Cornish_fisher_cvar_agrees_with_numerical_integration_of_the_expansion()
    {
        // Boudt et al.: check the closed form against a midpoint sum
        // of −(1/α) ∫_{−∞}^{g} z · f(z) dz where f is the Edgeworth-corrected density in the same truncation.
        var r = RandomReturns(400, 42);
        double mean = r.Average(), sd = ReferenceMetrics.Sd(r);
        var (s, k) = ReferenceMetrics.Moments(r);
        double z = Normal.InvCDF(0, 1, 0.05);
        double g = z + (z * z - 1) * s / 6 + (z * z * z - 3 * z) * k / 24 - (2 * z * z * z - 5 * z) * s * s / 36;
        const int steps = 200_000;
        double integral = 0, step = (g + 12) / steps;
        for (int i = 0; i < steps; i++)
        {
            double m = -12 + (i + 0.5) * step, phi = Normal.PDF(0, 1, m);
            double he3 = m * m * m - 3 * m, he4 = m * m * m * m - 6 * m * m + 3, he6 = Math.Pow(m, 6) - 15 * Math.Pow(m, 4) + 45 * m * m - 15;
            integral += -m * phi * (1 + s / 6 * he3 + k / 24 * he4 + s * s / 72 * he6) * step;
        }
        double expected = Math.Min(mean - sd * integral / 0.05, mean + g * sd);
        AssertClose(expected, TailRisk.CornishFisherCVaR(r), 1e-8);
        Assert.True(TailRisk.CornishFisherCVaR(r) <= TailRisk.CornishFisherVaR(r));
    }

    [Fact]
    public void Edge_cases_are_nan_not_exceptions()
    {
        double[] empty = [], one = [0.01], constant = [0.0078125, 0.0078125, 0.0078125];
        Assert.True(double.IsNaN(TailRisk.HistoricalVaR(empty)));
        Assert.True(double.IsNaN(TailRisk.HistoricalCVaR(empty)));
        Assert.True(double.IsNaN(TailRisk.HistoricalVaR([0.01, double.NaN])));
        Assert.Equal(0.01, TailRisk.HistoricalVaR(one));
        Assert.True(double.IsNaN(TailRisk.Skewness(one)));
        Assert.True(double.IsNaN(TailRisk.ExcessKurtosis(constant)));
        Assert.True(double.IsNaN(TailRisk.GaussianVaR(one)));
        Assert.True(double.IsNaN(TailRisk.CornishFisherVaR(constant)));
        Assert.True(double.IsNaN(TailRisk.CornishFisherCVaR(empty)));
        Assert.Equal(0.0078125, TailRisk.GaussianVaR(constant));
        Assert.Throws<ArgumentOutOfRangeException>("cutoff", () => TailRisk.HistoricalVaR(one, 1.5));
    }

    [Property(MaxTest = 150)]
    public void Random_returns_match_the_reference(byte length, ulong seed, bool withNaN)
    {
        var r = RandomReturns(length, seed, withNaN);
        foreach (double a in new[] { 0.05, 0.01 })
        {
            AssertClose(ReferenceMetrics.VaR(r, a), TailRisk.HistoricalVaR(r, a), 1e-12);
            AssertClose(ReferenceMetrics.CVaR(r, a), TailRisk.HistoricalCVaR(r, a), 1e-12);
        }
        var (s, k) = ReferenceMetrics.Moments(r);
        AssertClose(s, TailRisk.Skewness(r), 1e-9, 1e-12);
        AssertClose(k, TailRisk.ExcessKurtosis(r), 1e-9, 1e-12);

        var v = ReferenceMetrics.NonNaN(r);
        double mean = ReferenceMetrics.Mean(v), sd = ReferenceMetrics.Sd(v);
        var (vs, vk) = ReferenceMetrics.Moments(v.ToArray());
        AssertClose(mean + Z95 * sd, TailRisk.GaussianVaR(r), 1e-12, 1e-15);
        double zcf = Z95 + (Z95 * Z95 - 1) * vs / 6 + (Z95 * Z95 * Z95 - 3 * Z95) * vk / 24 - (2 * Z95 * Z95 * Z95 - 5 * Z95) * vs * vs / 36;
        AssertClose(v.Count < 2 ? double.NaN : mean + zcf * sd, TailRisk.CornishFisherVaR(r), 1e-9, 1e-13);
    }
}
