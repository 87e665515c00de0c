using FsCheck.Xunit;
using VectorBacktest.Analysis;
using static VectorBacktest.Tests.Analysis.AnalysisTestData;

namespace VectorBacktest.Tests.Analysis;

public class EmpyricalMetricsTests
{
    // Hand example: r = [+10 %, −5 %, +2 %, −3 %, +4 %], benchmark f = [+5 %, −2 %, +1 %, −1 %, +3 %], P = 252.
    private static readonly double[] R = [0.1, -0.05, 0.02, -0.03, 0.04];
    private static readonly double[] F = [0.05, -0.02, 0.01, -0.01, 0.03];
    private const double P = 252;

    [Fact]
    public void Hand_example_returns_and_volatility()
    {
        // G = 1.1 · 0.95 · 1.02 · 0.97 · 1.04 = 1.07527992.
        AssertClose(0.07527992, ReturnMetrics.TotalReturn(R), 1e-14);
        // 5 bars = 5/252 years: 1.07527992^(252/5) − 1.
        AssertClose(Math.Pow(1.07527992, 252.0 / 5) - 1, ReturnMetrics.AnnualReturn(R, P), 1e-12);
        // mean 0.016; Σ(x − mean)² = 0.01412; sd = √(0.01412/4) = 0.0594138...
        double sd = Math.Sqrt(0.01412 / 4);
        AssertClose(sd * Math.Sqrt(252), ReturnMetrics.AnnualVolatility(R, P), 1e-12);
        AssertClose(0.016 / sd * Math.Sqrt(252), RiskAdjustedMetrics.Sharpe(R, P), 1e-12);
    }

    [Fact]
    public void Hand_example_downside_drawdown_and_ratios()
    {
        // Downside: √((0.05² + 0.03²) / 5) · √252 (divided by all 5 periods).
        double downside = Math.Sqrt((0.0025 + 0.0009) / 5) * Math.Sqrt(252);
        AssertClose(downside, RiskAdjustedMetrics.DownsideRisk(R, P), 1e-12);
        AssertClose(0.016 * 252 / downside, RiskAdjustedMetrics.Sortino(R, P), 1e-12);
        // W: 100, 110, 104.5, 106.59, 103.3923, 107.528 → worst 103.3923 / 110 − 1.
        AssertClose(103.3923 / 110 - 1, Drawdowns.MaxDrawdown(R), 1e-12);
        AssertClose(ReturnMetrics.AnnualReturn(R, P) / (1 - 103.3923 / 110), RiskAdjustedMetrics.Calmar(R, P), 1e-12);
        // Omega: (0.1 + 0.02 + 0.04) / (0.05 + 0.03) = 2.
        AssertClose(2.0, RiskAdjustedMetrics.Omega(R), 1e-14);
        // Sorted: −0.05, −0.03, 0.02, 0.04, 0.1. Q(.95): h = 3.8 → 0.04 + 0.06·0.8 = 0.088; Q(.05): h = 0.2 → −0.046.
        AssertClose(0.088 / 0.046, RiskAdjustedMetrics.TailRatio(R), 1e-12);
    }

    [Fact]
    public void Hand_example_alpha_beta_information_ratio()
    {
        // f̄ = 0.012; Σ(f − f̄)·r = 0.00337, Σ(f − f̄)² = 0.00164 → β = 337/164.
        double beta = 337.0 / 164;
        AssertClose(beta, RiskAdjustedMetrics.Beta(R, F), 1e-12);
        // mean(r − β f) = 0.016 − β·0.012.
        AssertClose(Math.Pow(1 + 0.016 - beta * 0.012, 252) - 1, RiskAdjustedMetrics.Alpha(R, F, P), 1e-9);
        // Active a = [0.05, −0.03, 0.01, −0.02, 0.01]: mean 0.004, Σ(a − ā)² = 0.00392.
        AssertClose(0.004 / Math.Sqrt(0.00392 / 4), RiskAdjustedMetrics.InformationRatio(R, F), 1e-12);
    }

    [Fact]
    public void Edge_rules_follow_empyrical()
    {
        double[] empty = [], one = [0.01], allNaN = [double.NaN, double.NaN];
        double[] constant = [0.0078125, 0.0078125, 0.0078125], zero = [0, 0, 0], rising = [0.01, 0.02, 0.03];
        Assert.True(double.IsNaN(ReturnMetrics.TotalReturn(empty)));
        Assert.Equal(0.0, ReturnMetrics.TotalReturn(allNaN));
        Assert.True(double.IsNaN(ReturnMetrics.AnnualReturn(empty, P)));
        Assert.Equal(-1.0, ReturnMetrics.AnnualReturn([-1.0, 0.5], P));
        Assert.True(double.IsNaN(ReturnMetrics.AnnualVolatility(one, P)));
        Assert.True(double.IsNaN(RiskAdjustedMetrics.Sharpe(one, P)));
        Assert.Equal(double.PositiveInfinity, RiskAdjustedMetrics.Sharpe(constant, P));
        Assert.True(double.IsNaN(RiskAdjustedMetrics.Sharpe(zero, P)));
        Assert.Equal(0.0, ReturnMetrics.AnnualVolatility(constant, P));
        Assert.Equal(0.0, RiskAdjustedMetrics.DownsideRisk(rising, P));
        Assert.Equal(double.PositiveInfinity, RiskAdjustedMetrics.Sortino(rising, P));
        Assert.True(double.IsNaN(RiskAdjustedMetrics.Sortino(zero, P)));
        Assert.Equal(0.0, Drawdowns.MaxDrawdown(rising));
        Assert.True(double.IsNaN(Drawdowns.MaxDrawdown(empty)));
        Assert.True(double.IsNaN(RiskAdjustedMetrics.Calmar(rising, P)));
        Assert.True(double.IsNaN(RiskAdjustedMetrics.Omega(rising)));
        Assert.Equal(0.0, RiskAdjustedMetrics.Omega([-0.01, -0.02]));
        Assert.True(double.IsNaN(RiskAdjustedMetrics.TailRatio(allNaN)));
        Assert.Equal(double.PositiveInfinity, RiskAdjustedMetrics.TailRatio([0, 0, 0, 0.5]));
        Assert.True(double.IsNaN(RiskAdjustedMetrics.Beta(constant, constant)));
        Assert.True(double.IsNaN(RiskAdjustedMetrics.Alpha(constant, constant, P)));
        Assert.True(double.IsNaN(RiskAdjustedMetrics.Stability(one)));
        Assert.Equal(0.0, RiskAdjustedMetrics.Stability([0.0, 0.0, 0.0]));
        Assert.True(double.IsNaN(RiskAdjustedMetrics.Stability([0.1, -1.0, 0.1])));
        Assert.Equal(1.0, RiskAdjustedMetrics.Stability(constant), 12);
    }

    [Fact]
    public void Omega_required_return_is_de_annualised()
    {
        double[] r = [0.01, -0.02, 0.03, 0.0];
        double tau = Math.Pow(1.1, 1.0 / 12) - 1;
        double up = 0, down = 0;
        foreach (double x in r)
        {
            if (x > tau) up += x - tau;
            else down += tau - x;
        }
        AssertClose(up / down, RiskAdjustedMetrics.Omega(r, 0.1, 12), 1e-12);
        Assert.True(double.IsNaN(RiskAdjustedMetrics.Omega(r, -1, 12)));
    }

    [Fact]
    public void Periods_per_year_from_the_bar_duration()
    {
        Assert.Equal(365.0, Annualization.PeriodsPerYear(TimeSpan.FromDays(1)));
        Assert.Equal(8760.0, Annualization.PeriodsPerYear(VectorBacktest.Data.Timeframe.H1));
        Assert.Equal(252.0, Annualization.PeriodsPerYear(TimeSpan.FromDays(1), Annualization.TradingDaysPerYear));
        Assert.Throws<ArgumentOutOfRangeException>("barDuration", () => Annualization.PeriodsPerYear(TimeSpan.Zero));
    }

    [Fact]
    public void Returns_from_equity()
    {
        double[] e = [100, 110, 99];
        var r = new double[2];
        Returns.Simple(e, r);
        Assert.Equal([0.1, -0.1], r.Select(x => Math.Round(x, 12)));
        var r0 = new double[3];
        Returns.Simple(e, 80, r0);
        AssertClose(0.25, r0[0], 1e-15);
        Assert.Throws<ArgumentException>("destination", () => Returns.Simple(e, new double[3]));
    }

    public static IEnumerable<object[]> Lengths() => Enumerable.Range(0, 40).Concat([63, 64, 65, 257]).Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Every_length_matches_the_reference(int length)
    {
        foreach (bool withNaN in new[] { false, true })
            CheckAgainstReference(RandomReturns(length, (ulong)length * 7919 + (withNaN ? 1UL : 0), withNaN),
                RandomReturns(length, (ulong)length * 31 + 5));
    }

    [Property(MaxTest = 150)]
    public void Random_returns_match_the_reference(byte length, ulong seed, bool withNaN) =>
        CheckAgainstReference(RandomReturns(length, seed, withNaN), RandomReturns(length, ~seed, withNaN));

    private static void CheckAgainstReference(double[] r, double[] f)
    {
        foreach (double p in new[] { 252.0, 8760.0 })
        {
            AssertClose(ReferenceMetrics.TotalReturn(r), ReturnMetrics.TotalReturn(r), 1e-12);
            AssertClose(ReferenceMetrics.AnnualReturn(r, p), ReturnMetrics.AnnualReturn(r, p), 1e-10);
            AssertClose(ReferenceMetrics.AnnualVolatility(r, p), ReturnMetrics.AnnualVolatility(r, p));
            AssertClose(ReferenceMetrics.Sharpe(r, p), RiskAdjustedMetrics.Sharpe(r, p));
            AssertClose(ReferenceMetrics.DownsideRisk(r, p), RiskAdjustedMetrics.DownsideRisk(r, p));
            AssertClose(ReferenceMetrics.Sortino(r, p), RiskAdjustedMetrics.Sortino(r, p));
            AssertClose(ReferenceMetrics.Calmar(r, p), RiskAdjustedMetrics.Calmar(r, p), 1e-9);
            AssertClose(ReferenceMetrics.Alpha(r, f, p), RiskAdjustedMetrics.Alpha(r, f, p), 1e-8, 1e-12);
        }
        AssertClose(ReferenceMetrics.MaxDrawdown(r), Drawdowns.MaxDrawdown(r), 1e-12);
        AssertClose(ReferenceMetrics.Omega(r), RiskAdjustedMetrics.Omega(r));
        AssertClose(ReferenceMetrics.Stability(r), RiskAdjustedMetrics.Stability(r), 1e-8, 1e-12);
        AssertClose(ReferenceMetrics.TailRatio(r), RiskAdjustedMetrics.TailRatio(r));
        AssertClose(ReferenceMetrics.Beta(r, f), RiskAdjustedMetrics.Beta(r, f));
        AssertClose(ReferenceMetrics.InformationRatio(r, f), RiskAdjustedMetrics.InformationRatio(r, f));
    }
}
