using MathNet.Numerics.Distributions;

namespace VectorBacktest.Analysis;

/// <summary>
/// Tail risk of simple per-period returns: value at risk (VaR) and conditional value at risk (CVaR, expected
/// shortfall), historical and parametric, plus the skewness and kurtosis they use. Every VaR/CVaR is a
/// <b>return</b> at the left tail (usually negative), as empyrical's <c>value_at_risk</c> reports it, not a
/// positive loss. <c>cutoff</c> is the tail probability α: 0.05 for 95 % VaR, 0.01 for 99 %.
/// </summary>
public static class TailRisk
{
    /// <summary>
    /// Historical VaR: the α-percentile <c>Q(r, α)</c> (numpy linear rule) over all entries (empyrical
    /// <c>value_at_risk</c>). Any NaN → NaN; n = 0 → NaN.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cutoff"/> is not in (0, 1).</exception>
    public static double HistoricalVaR(ReadOnlySpan<double> returns, double cutoff = 0.05) =>
        Historical(returns, cutoff, conditional: false);

    /// <summary>
    /// Historical CVaR (empyrical <c>conditional_value_at_risk</c>): with <c>c = ⌊(n − 1)·α⌋</c>, the mean of the
    /// <c>c + 1</c> smallest entries, NaN sorting above every number. This is not the mean of the returns at or below
    /// VaR. NaN when fewer than c + 1 entries are non-NaN, and when n = 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cutoff"/> is not in (0, 1).</exception>
    public static double HistoricalCVaR(ReadOnlySpan<double> returns, double cutoff = 0.05) =>
        Historical(returns, cutoff, conditional: true);

    /// <summary>
    /// Gaussian VaR <c>μ + z_α·σ</c> over the non-NaN returns, μ the mean, σ the sample standard deviation
    /// (ddof = 1), <c>z_α = Φ⁻¹(α)</c> (MathNet <c>Normal.InvCDF</c>). Fewer than two values → NaN.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cutoff"/> is not in (0, 1).</exception>
    public static double GaussianVaR(ReadOnlySpan<double> returns, double cutoff = 0.05)
    {
        CheckCutoff(cutoff);
        using var v = new FiniteValues(returns);
        double mean = v.Mean;
        return mean + Normal.InvCDF(0, 1, cutoff) * Moments.SampleStd(v.Values, mean);
    }

    /// <summary>
    /// Gaussian CVaR <c>μ − σ·φ(z_α)/α</c>, the mean of a normal distribution's left α-tail (μ, σ as in
    /// <see cref="GaussianVaR"/>). Fewer than two values → NaN.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cutoff"/> is not in (0, 1).</exception>
    public static double GaussianCVaR(ReadOnlySpan<double> returns, double cutoff = 0.05)
    {
        CheckCutoff(cutoff);
        using var v = new FiniteValues(returns);
        double mean = v.Mean;
        double z = Normal.InvCDF(0, 1, cutoff);
        return mean - Moments.SampleStd(v.Values, mean) * Normal.PDF(0, 1, z) / cutoff;
    }

    /// <summary>
    /// Cornish–Fisher (modified) VaR <c>μ + z_cf·σ</c> with
    /// <c>z_cf = z + (z² − 1)S/6 + (z³ − 3z)K/24 − (2z³ − 5z)S²/36</c>, <c>z = Φ⁻¹(α)</c>, S the skewness and K the
    /// excess kurtosis of <see cref="Skewness"/> and <see cref="ExcessKurtosis"/> (population moments), μ the mean
    /// and σ the sample standard deviation of the non-NaN returns (Favre and Galeano 2002; the convention of
    /// PerformanceAnalytics <c>VaR(method = "modified")</c>). Fewer than two values or zero variance → NaN.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cutoff"/> is not in (0, 1).</exception>
    public static double CornishFisherVaR(ReadOnlySpan<double> returns, double cutoff = 0.05)
    {
        CheckCutoff(cutoff);
        using var v = new FiniteValues(returns);
        double mean = v.Mean, sd = Moments.SampleStd(v.Values, mean);
        PopulationMoments(v.Values, mean, out double s, out double k);
        return mean + CornishFisherQuantile(Normal.InvCDF(0, 1, cutoff), s, k) * sd;
    }

    /// <summary>
    /// Cornish–Fisher (modified) CVaR of Boudt, Peterson and Croux (2008), "Estimation and decomposition of
    /// downside risk for portfolios with non-normal returns" (PerformanceAnalytics <c>ES(method = "modified")</c>):
    /// <c>μ − σ·E/α</c> with <c>E = −∫_{−∞}^{g} u·φ(u)·(1 + S/6·He₃(u) + K/24·He₄(u) + S²/72·He₆(u)) du</c>, the
    /// Edgeworth-corrected tail mean, g the Cornish–Fisher quantile of <see cref="CornishFisherVaR"/> and Heₙ the
    /// Hermite polynomials. The integral is evaluated in closed form from <c>J_q = ∫_{−∞}^{g} u^q φ(u) du</c>
    /// (<c>J_q = −g^{q−1}φ(g) + (q − 1)J_{q−2}</c>, J₀ = Φ(g), J₁ = −φ(g)). Like PerformanceAnalytics, the result is
    /// capped at the modified VaR when the expansion would place CVaR above VaR. Fewer than two values or zero
    /// variance → NaN.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cutoff"/> is not in (0, 1).</exception>
    public static double CornishFisherCVaR(ReadOnlySpan<double> returns, double cutoff = 0.05)
    {
        CheckCutoff(cutoff);
        using var v = new FiniteValues(returns);
        double mean = v.Mean, sd = Moments.SampleStd(v.Values, mean);
        PopulationMoments(v.Values, mean, out double s, out double k);
        double g = CornishFisherQuantile(Normal.InvCDF(0, 1, cutoff), s, k);
        double phi = Normal.PDF(0, 1, g);
        double j1 = -phi;
        double j2 = -g * phi + Normal.CDF(0, 1, g);
        double j3 = -g * g * phi + 2 * j1;
        double j4 = -g * g * g * phi + 3 * j2;
        double j5 = -g * g * g * g * phi + 4 * j3;
        double j7 = -Math.Pow(g, 6) * phi + 6 * j5;
        double e = -(j1 + s / 6 * (j4 - 3 * j2) + k / 24 * (j5 - 6 * j3 + 3 * j1) + s * s / 72 * (j7 - 15 * j5 + 45 * j3 - 15 * j1));
        double es = mean - sd * e / cutoff;
        double var = mean + g * sd;
        return es > var ? var : es;
    }

    /// <summary>
    /// Skewness <c>m₃ / m₂^1.5</c> with population central moments <c>m_j = mean((x − x̄)^j)</c> over all entries
    /// (scipy <c>skew(bias=True)</c>, as empyrical). Any NaN → NaN; n = 0 → NaN; a constant series (m₂ ≤ (1e−15·x̄)²,
    /// including n = 1) → NaN.
    /// </summary>
    public static double Skewness(ReadOnlySpan<double> returns)
    {
        using var v = new FiniteValues(returns);
        if (v.Count != returns.Length) return double.NaN;
        PopulationMoments(v.Values, v.Mean, out double s, out _);
        return s;
    }

    /// <summary>
    /// Fisher's excess kurtosis <c>m₄ / m₂² − 3</c>, population moments over all entries (scipy
    /// <c>kurtosis(fisher=True, bias=True)</c>, as empyrical): a normal distribution gives 0. Edge cases as
    /// <see cref="Skewness"/>.
    /// </summary>
    public static double ExcessKurtosis(ReadOnlySpan<double> returns)
    {
        using var v = new FiniteValues(returns);
        if (v.Count != returns.Length) return double.NaN;
        PopulationMoments(v.Values, v.Mean, out _, out double k);
        return k;
    }

    /// <summary>Historical VaR from the order statistics of the non-NaN values of a series of <paramref name="n"/> entries.</summary>
    internal static double HistoricalVaR(ref OrderStatistics finite, int n, double cutoff) =>
        finite.Count != n || n == 0 ? double.NaN : finite.Percentile(cutoff);

    /// <summary>Historical CVaR from the order statistics of the non-NaN values of a series of <paramref name="n"/> entries.</summary>
    internal static double HistoricalCVaR(ref OrderStatistics finite, int n, double cutoff)
    {
        if (n == 0) return double.NaN;
        int c = (int)((n - 1) * cutoff);
        return finite.Count < c + 1 ? double.NaN : finite.SumOfSmallest(c + 1) / (c + 1);
    }

    internal static void PopulationMoments(ReadOnlySpan<double> x, double mean, out double skewness, out double excessKurtosis)
    {
        int n = x.Length;
        if (n == 0)
        {
            skewness = excessKurtosis = double.NaN;
            return;
        }
        double m2 = VectorReduce.Sum(x, new SquaredDeviation(mean)) / n;
        double tiny = 1e-15 * mean;
        if (m2 <= tiny * tiny)
        {
            skewness = excessKurtosis = double.NaN;
            return;
        }
        double m3 = VectorReduce.Sum(x, new CubedDeviation(mean)) / n;
        double m4 = VectorReduce.Sum(x, new FourthPowerDeviation(mean)) / n;
        skewness = m3 / Math.Pow(m2, 1.5);
        excessKurtosis = m4 / (m2 * m2) - 3.0;
    }

    private static double Historical(ReadOnlySpan<double> returns, double cutoff, bool conditional)
    {
        CheckCutoff(cutoff);
        using var v = new FiniteValues(returns);
        // Not a using declaration: the order statistics are passed by ref.
        var order = new OrderStatistics(v.Values, stackalloc int[16]);
        try
        {
            return conditional ? HistoricalCVaR(ref order, returns.Length, cutoff) : HistoricalVaR(ref order, returns.Length, cutoff);
        }
        finally
        {
            order.Dispose();
        }
    }

    private static double CornishFisherQuantile(double z, double s, double k) =>
        z + (z * z - 1) * s / 6 + (z * z * z - 3 * z) * k / 24 - (2 * z * z * z - 5 * z) * s * s / 36;

    private static void CheckCutoff(double cutoff)
    {
        if (!(cutoff > 0 && cutoff < 1)) AnalysisThrow.OutOfRange(nameof(cutoff), cutoff, "The tail probability must lie in (0, 1), e.g. 0.05 for 95 %.");
    }
}
