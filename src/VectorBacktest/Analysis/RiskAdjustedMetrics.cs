namespace VectorBacktest.Analysis;

/// <summary>
/// Risk-adjusted ratios of simple per-period returns, following empyrical 0.5.5
/// (<c>shared/reference/empyrical/FORMULAS.md</c>), risk-free rate 0. Notation as in <see cref="ReturnMetrics"/>:
/// <c>r</c> returns of length <c>n</c> (NaN counted), <c>V</c> the non-NaN entries (<c>k</c> of them),
/// <c>P</c> periods per year, <c>sd</c> sample standard deviation (ddof = 1). Edge cases return the values
/// listed per method (never an exception).
/// </summary>
public static class RiskAdjustedMetrics
{
    /// <summary>
    /// Sharpe ratio <c>mean(V) / sd(V) · √P</c> (empyrical <c>sharpe_ratio</c>). n &lt; 2 → NaN; sd = 0 → ±∞ by
    /// the sign of the mean, NaN when the mean is 0 too.
    /// </summary>
    public static double Sharpe(ReadOnlySpan<double> returns, double periodsPerYear)
    {
        if (returns.Length < 2) return double.NaN;
        using var v = new FiniteValues(returns);
        double mean = v.Mean;
        return mean / Moments.SampleStd(v.Values, mean) * Math.Sqrt(periodsPerYear);
    }

    /// <summary>
    /// Annualised downside deviation <c>√(Σ_V min(r, 0)² / k) · √P</c> (empyrical <c>downside_risk</c>; the divisor
    /// is k, all non-NaN periods, not only the negative ones). n = 0 or k = 0 → NaN; no negative return → 0.
    /// </summary>
    public static double DownsideRisk(ReadOnlySpan<double> returns, double periodsPerYear)
    {
        if (returns.Length == 0) return double.NaN;
        using var v = new FiniteValues(returns);
        if (v.Count == 0) return double.NaN;
        return Math.Sqrt(VectorReduce.Sum(v.Values, new SquaredShortfall(0)) / v.Count) * Math.Sqrt(periodsPerYear);
    }

    /// <summary>
    /// Sortino ratio <c>(mean(V) · P) / DownsideRisk</c> (empyrical <c>sortino_ratio</c>: the arithmetic mean times P,
    /// not the CAGR). n &lt; 2 → NaN; no negative return → +∞ (NaN when the mean is 0).
    /// </summary>
    public static double Sortino(ReadOnlySpan<double> returns, double periodsPerYear)
    {
        if (returns.Length < 2) return double.NaN;
        using var v = new FiniteValues(returns);
        if (v.Count == 0) return double.NaN;
        double downside = Math.Sqrt(VectorReduce.Sum(v.Values, new SquaredShortfall(0)) / v.Count) * Math.Sqrt(periodsPerYear);
        return v.Mean * periodsPerYear / downside;
    }

    /// <summary>
    /// Calmar ratio <c>AnnualReturn / |MaxDrawdown|</c> (empyrical <c>calmar_ratio</c>). A drawdown that is not
    /// negative → NaN; an infinite result → NaN.
    /// </summary>
    public static double Calmar(ReadOnlySpan<double> returns, double periodsPerYear)
    {
        double mdd = Drawdowns.MaxDrawdown(returns);
        if (!(mdd < 0)) return double.NaN;
        double ratio = ReturnMetrics.AnnualReturn(returns, periodsPerYear) / Math.Abs(mdd);
        return double.IsInfinity(ratio) ? double.NaN : ratio;
    }

    /// <summary>
    /// Omega ratio <c>Σ_V max(r − τ, 0) / Σ_V max(τ − r, 0)</c> (empyrical <c>omega_ratio</c>). The threshold τ is
    /// <paramref name="requiredReturn"/> when <paramref name="annualization"/> is 1, otherwise the per-period rate
    /// <c>(1 + R)^(1/A) − 1</c> of the annual required return R. n &lt; 2 → NaN; no shortfall → NaN (not ∞);
    /// no gain → 0; R ≤ −1 with A ≠ 1 → NaN.
    /// </summary>
    /// <param name="returns">Simple per-period returns.</param>
    /// <param name="requiredReturn">Annual required return R (0: τ = 0).</param>
    /// <param name="annualization">A, periods per year used to de-annualise R; pass P (empyrical's default is 252).</param>
    public static double Omega(ReadOnlySpan<double> returns, double requiredReturn = 0, double annualization = 1)
    {
        if (returns.Length < 2) return double.NaN;
        double threshold;
        if (annualization == 1) threshold = requiredReturn;
        else if (requiredReturn <= -1) return double.NaN;
        else threshold = Math.Pow(1 + requiredReturn, 1.0 / annualization) - 1;
        using var v = new FiniteValues(returns);
        double gains = VectorReduce.Sum(v.Values, new Excess(threshold));
        double losses = VectorReduce.Sum(v.Values, new Shortfall(threshold));
        return losses > 0 ? gains / losses : double.NaN;
    }

    /// <summary>
    /// Tail ratio <c>|Q(V, 0.95)| / |Q(V, 0.05)|</c> with numpy's linear percentile (Hyndman–Fan type 7) (empyrical
    /// <c>tail_ratio</c>). k = 0 → NaN; Q(0.05) = 0 → +∞ (NaN when Q(0.95) = 0 too).
    /// </summary>
    public static double TailRatio(ReadOnlySpan<double> returns)
    {
        using var v = new FiniteValues(returns);
        var order = new OrderStatistics(v.Values, stackalloc int[16]);
        try
        {
            return TailRatioOf(ref order);
        }
        finally
        {
            order.Dispose();
        }
    }

    /// <summary>Tail ratio from the order statistics of the non-NaN values.</summary>
    internal static double TailRatioOf(ref OrderStatistics finite) =>
        finite.Count == 0 ? double.NaN : Math.Abs(finite.Percentile(0.95)) / Math.Abs(finite.Percentile(0.05));

    /// <summary>
    /// Information ratio <c>mean(a) / sd(a)</c> of the active returns <c>a = r − b</c> (empyrical
    /// <c>excess_sharpe</c>), per period: multiply by √P to annualise. Pairs where either side is NaN are skipped.
    /// n &lt; 2 → NaN; sd(a) = 0 → ±∞ (NaN when the mean is 0).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="benchmark"/> is not as long as <paramref name="returns"/>.</exception>
    public static double InformationRatio(ReadOnlySpan<double> returns, ReadOnlySpan<double> benchmark)
    {
        if (benchmark.Length != returns.Length) AnalysisThrow.LengthMismatch(nameof(benchmark), returns.Length, benchmark.Length);
        if (returns.Length < 2) return double.NaN;
        double sum = 0;
        int k = 0;
        for (int i = 0; i < returns.Length; i++)
        {
            double a = returns[i] - benchmark[i];
            if (double.IsNaN(a)) continue;
            sum += a;
            k++;
        }
        if (k < 2) return double.NaN;
        double mean = sum / k, ss = 0;
        for (int i = 0; i < returns.Length; i++)
        {
            double a = returns[i] - benchmark[i];
            if (double.IsNaN(a)) continue;
            double d = a - mean;
            ss += d * d;
        }
        return mean / Math.Sqrt(ss / (k - 1));
    }

    /// <summary>
    /// Beta <c>cov(r, f) / var(f)</c> over the pairs where both are non-NaN: <c>Σ (f − f̄)·r / Σ (f − f̄)²</c>, f̄ over
    /// those pairs (empyrical <c>beta</c>). n &lt; 2 → NaN; population variance of f below 1e−30 → NaN.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="benchmark"/> is not as long as <paramref name="returns"/>.</exception>
    public static double Beta(ReadOnlySpan<double> returns, ReadOnlySpan<double> benchmark)
    {
        if (benchmark.Length != returns.Length) AnalysisThrow.LengthMismatch(nameof(benchmark), returns.Length, benchmark.Length);
        if (returns.Length < 2) return double.NaN;
        double fSum = 0;
        int m = 0;
        for (int i = 0; i < returns.Length; i++)
        {
            if (double.IsNaN(returns[i]) || double.IsNaN(benchmark[i])) continue;
            fSum += benchmark[i];
            m++;
        }
        if (m == 0) return double.NaN;
        double fMean = fSum / m, cov = 0, var = 0;
        for (int i = 0; i < returns.Length; i++)
        {
            if (double.IsNaN(returns[i]) || double.IsNaN(benchmark[i])) continue;
            double d = benchmark[i] - fMean;
            cov += d * returns[i];
            var += d * d;
        }
        cov /= m;
        var /= m;
        return var < 1e-30 ? double.NaN : cov / var;
    }

    /// <summary>
    /// Jensen's alpha, annualised by compounding: <c>(1 + mean(r − β·f))^P − 1</c> over the pairs where both are
    /// non-NaN, β from <see cref="Beta"/> (empyrical <c>alpha</c>; compounded, not <c>mean · P</c>).
    /// n &lt; 2 → NaN; β NaN → NaN.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="benchmark"/> is not as long as <paramref name="returns"/>.</exception>
    public static double Alpha(ReadOnlySpan<double> returns, ReadOnlySpan<double> benchmark, double periodsPerYear) =>
        Alpha(returns, benchmark, periodsPerYear, Beta(returns, benchmark));

    /// <summary>Alpha with a beta already computed by <see cref="Beta"/>; see <see cref="Alpha(ReadOnlySpan{double}, ReadOnlySpan{double}, double)"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="benchmark"/> is not as long as <paramref name="returns"/>.</exception>
    public static double Alpha(ReadOnlySpan<double> returns, ReadOnlySpan<double> benchmark, double periodsPerYear, double beta)
    {
        if (benchmark.Length != returns.Length) AnalysisThrow.LengthMismatch(nameof(benchmark), returns.Length, benchmark.Length);
        if (returns.Length < 2 || double.IsNaN(beta)) return double.NaN;
        double sum = 0;
        int m = 0;
        for (int i = 0; i < returns.Length; i++)
        {
            double a = returns[i] - beta * benchmark[i];
            if (double.IsNaN(a)) continue;
            sum += a;
            m++;
        }
        return m == 0 ? double.NaN : Math.Pow(sum / m + 1, periodsPerYear) - 1;
    }

    /// <summary>
    /// Stability of the cumulative log return: R² of the least-squares line through
    /// <c>y_t = Σ_{j≤t} ln(1 + v_j)</c> over V (empyrical <c>stability_of_timeseries</c>). n &lt; 2 or k = 0 → NaN;
    /// k = 1 or a flat line → 0; any v ≤ −1 → NaN.
    /// </summary>
    public static double Stability(ReadOnlySpan<double> returns)
    {
        if (returns.Length < 2) return double.NaN;
        using var v = new FiniteValues(returns);
        int k = v.Count;
        if (k == 0) return double.NaN;
        if (k == 1) return 0.0;
        double[] rented = System.Buffers.ArrayPool<double>.Shared.Rent(k);
        try
        {
            var y = rented.AsSpan(0, k);
            double level = 0;
            for (int t = 0; t < k; t++)
            {
                double x = v.Values[t];
                if (x <= -1) return double.NaN;
                y[t] = level += Math.Log(1 + x);
            }
            double tMean = (k - 1) / 2.0, yMean = Moments.Mean(y), sty = 0, stt = 0, syy = 0;
            for (int t = 0; t < k; t++)
            {
                double dt = t - tMean, dy = y[t] - yMean;
                sty += dt * dy;
                stt += dt * dt;
                syy += dy * dy;
            }
            if (syy == 0) return 0.0;
            double rho = Math.Clamp(sty / Math.Sqrt(stt * syy), -1, 1);
            return rho * rho;
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(rented);
        }
    }
}
