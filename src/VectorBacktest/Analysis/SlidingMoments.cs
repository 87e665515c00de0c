namespace VectorBacktest.Analysis;

/// <summary>
/// Means and co-moments of a sliding window of (x, y) pairs, updated in O(1) per step with Welford's add and its
/// inverse for removal. To keep rounding drift bounded the window is recomputed exactly (two-pass) once per
/// <c>window</c> steps, which is still O(1) amortised, and whenever a variance becomes tiny relative to the
/// moments it was updated from, so that an exactly constant window gives an exactly zero variance.
/// </summary>
internal struct SlidingMoments
{
    private int _sinceExact;

    public double MeanX, MeanY, Cxx, Cyy, Cxy;

    /// <summary>Exact two-pass moments of a NaN-free window.</summary>
    public void Recompute(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length;
        double sx = 0, sy = 0;
        for (int i = 0; i < n; i++)
        {
            sx += x[i];
            sy += y[i];
        }
        MeanX = sx / n;
        MeanY = sy / n;
        double cxx = 0, cyy = 0, cxy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = x[i] - MeanX, dy = y[i] - MeanY;
            cxx += dx * dx;
            cyy += dy * dy;
            cxy += dx * dy;
        }
        Cxx = cxx;
        Cyy = cyy;
        Cxy = cxy;
        _sinceExact = 0;
    }

    /// <summary>
    /// Moves a window of <paramref name="n"/> pairs one step: (xOut, yOut) leaves, (xIn, yIn) enters. Returns false
    /// when the caller must <see cref="Recompute"/> instead.
    /// </summary>
    public bool Slide(int n, double xOut, double yOut, double xIn, double yIn)
    {
        if (++_sinceExact >= n) return false;
        // Inverse Welford step (n → n − 1), then the forward step (n − 1 → n).
        double mxOld = (n * MeanX - xOut) / (n - 1), myOld = (n * MeanY - yOut) / (n - 1);
        double cxx = Cxx - (xOut - mxOld) * (xOut - MeanX);
        double cyy = Cyy - (yOut - myOld) * (yOut - MeanY);
        double cxy = Cxy - (xOut - mxOld) * (yOut - MeanY);
        double dx = xIn - mxOld, dy = yIn - myOld;
        double mx = mxOld + dx / n, my = myOld + dy / n;
        cxx += dx * (xIn - mx);
        cyy += dy * (yIn - my);
        cxy += dx * (yIn - my);
        // The update cancels terms of the size of the old moments and the squared deviations moved; when the result
        // is small against them it has lost its digits, so recompute (this makes a constant window exactly 0).
        const double tiny = 1e-8;
        double scaleX = Cxx + (xOut - MeanX) * (xOut - MeanX) + dx * dx;
        double scaleY = Cyy + (yOut - MeanY) * (yOut - MeanY) + dy * dy;
        if (cxx <= tiny * scaleX || cyy <= tiny * scaleY) return false;
        MeanX = mx;
        MeanY = my;
        Cxx = cxx;
        Cyy = cyy;
        Cxy = cxy;
        return true;
    }
}
