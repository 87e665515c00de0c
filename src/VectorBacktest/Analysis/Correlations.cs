namespace VectorBacktest.Analysis;

/// <summary>
/// Pearson correlation of return series: pairwise, as a matrix over many columns (assets, or positions), and
/// rolling (<see cref="RollingMetrics.Correlation"/>). Pairs where either value is NaN are skipped.
/// </summary>
public static class Correlations
{
    /// <summary>
    /// <c>Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² · Σ(y − ȳ)²)</c> over the pairs where both are non-NaN (means over those
    /// pairs), clamped to [−1, 1]. Fewer than two pairs, or a constant side → NaN.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (y.Length != x.Length) AnalysisThrow.LengthMismatch(nameof(y), x.Length, y.Length);
        double sx = 0, sy = 0;
        int m = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]) || double.IsNaN(y[i])) continue;
            sx += x[i];
            sy += y[i];
            m++;
        }
        if (m < 2) return double.NaN;
        double mx = sx / m, my = sy / m, cxx = 0, cyy = 0, cxy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]) || double.IsNaN(y[i])) continue;
            double dx = x[i] - mx, dy = y[i] - my;
            cxx += dx * dx;
            cyy += dy * dy;
            cxy += dx * dy;
        }
        return cxx > 0 && cyy > 0 ? Math.Clamp(cxy / Math.Sqrt(cxx * cyy), -1, 1) : double.NaN;
    }

    /// <summary>
    /// The symmetric correlation matrix of equally long columns: <c>[i, j] = Pearson(columns[i], columns[j])</c>,
    /// 1 on the diagonal (NaN for a constant column).
    /// </summary>
    /// <exception cref="ArgumentException">The columns differ in length.</exception>
    public static double[,] Matrix(IReadOnlyList<double[]> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        int k = columns.Count;
        for (int i = 1; i < k; i++)
            if (columns[i].Length != columns[0].Length) AnalysisThrow.LengthMismatch(nameof(columns), columns[0].Length, columns[i].Length);
        var result = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            for (int j = i; j < k; j++)
            {
                double r = Pearson(columns[i], columns[j]);
                if (i == j && !double.IsNaN(r)) r = 1.0;
                result[i, j] = result[j, i] = r;
            }
        }
        return result;
    }
}
