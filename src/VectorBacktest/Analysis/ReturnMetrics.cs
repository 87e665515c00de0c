namespace VectorBacktest.Analysis;

/// <summary>
/// Total and annualised return and volatility of a series of simple per-period returns, following empyrical
/// 0.5.5 (<c>shared/reference/empyrical/FORMULAS.md</c>). Notation: <c>r</c> the returns, length <c>n</c>, NaN
/// entries counted in <c>n</c>; <c>V</c> the non-NaN entries, <c>k = |V|</c>; <c>P</c> periods per year
/// (<see cref="Annualization.PeriodsPerYear(TimeSpan, double)"/>); <c>sd</c> the sample standard deviation
/// (ddof = 1, two-pass). None of these methods throws on degenerate input; the edge values are listed per method.
/// </summary>
public static class ReturnMetrics
{
    /// <summary>
    /// The compounded growth factor <c>G = Π_V (1 + r)</c>, multiplied left to right (empyrical's order).
    /// 1 for an empty or all-NaN series.
    /// </summary>
    public static double GrowthFactor(ReadOnlySpan<double> returns)
    {
        double g = 1.0;
        foreach (double r in returns)
            if (!double.IsNaN(r)) g *= 1.0 + r;
        return g;
    }

    /// <summary>
    /// Total (cumulative) return <c>G − 1</c> (empyrical <c>cum_returns_final</c>). n = 0 → NaN; all NaN → 0.
    /// </summary>
    public static double TotalReturn(ReadOnlySpan<double> returns) =>
        returns.Length == 0 ? double.NaN : GrowthFactor(returns) - 1.0;

    /// <summary>
    /// Compound annual growth rate <c>G ^ (1 / (n / P)) − 1</c> (empyrical <c>annual_return</c>; the years are
    /// <c>n / P</c>, NaN periods included). n = 0 → NaN; G &lt; 0 with a non-integer exponent → NaN; G = 0 → −1;
    /// overflow → +∞.
    /// </summary>
    public static double AnnualReturn(ReadOnlySpan<double> returns, double periodsPerYear)
    {
        if (returns.Length == 0) return double.NaN;
        double years = returns.Length / periodsPerYear;
        return Math.Pow(GrowthFactor(returns), 1.0 / years) - 1.0;
    }

    /// <summary>
    /// CAGR from two equity values and a span of calendar time: <c>(end / start) ^ (1 / years) − 1</c> with
    /// <c>years = elapsed / yearLength</c>. Elapsed time of zero → NaN (as backtesting.py).
    /// </summary>
    /// <param name="startEquity">Equity at the start (initial capital).</param>
    /// <param name="endEquity">Equity at the end.</param>
    /// <param name="elapsed">Calendar time between the two values.</param>
    /// <param name="daysPerYear">Length of a year in days; backtesting.py uses 365.25.</param>
    public static double CagrFromEquity(double startEquity, double endEquity, TimeSpan elapsed, double daysPerYear = 365.25)
    {
        double years = elapsed.Ticks / (double)TimeSpan.TicksPerDay / daysPerYear;
        return years == 0 ? double.NaN : Math.Pow(endEquity / startEquity, 1.0 / years) - 1.0;
    }

    /// <summary>
    /// Annualised volatility <c>sd(V) · √P</c> (empyrical <c>annual_volatility</c>). n &lt; 2 or k ≤ 1 → NaN;
    /// constant returns → 0.
    /// </summary>
    public static double AnnualVolatility(ReadOnlySpan<double> returns, double periodsPerYear)
    {
        if (returns.Length < 2) return double.NaN;
        using var v = new FiniteValues(returns);
        return Moments.SampleStd(v.Values, v.Mean) * Math.Sqrt(periodsPerYear);
    }
}
