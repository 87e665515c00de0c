namespace VectorBacktest.Analysis;

/// <summary>
/// Rolling (trailing-window) metrics written as columns into caller-owned spans of the input's length. The value
/// at bar t covers bars <c>t − window + 1 … t</c>; the first <c>window − 1</c> entries, and every window holding a
/// NaN, are NaN. Each value equals the corresponding whole-series metric on that window (same conventions as
/// <see cref="ReturnMetrics"/>, <see cref="RiskAdjustedMetrics"/> and <see cref="Correlations"/>), computed in O(1)
/// amortised per bar.
/// </summary>
public static class RollingMetrics
{
    /// <summary>Rolling <see cref="ReturnMetrics.AnnualVolatility"/>: <c>sd · √P</c> of each window (ddof = 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> &lt; 2.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not as long as <paramref name="returns"/>.</exception>
    public static void Volatility(ReadOnlySpan<double> returns, int window, double periodsPerYear, Span<double> destination) =>
        Run(returns, returns, window, destination, new VolatilityOf(Math.Sqrt(periodsPerYear)));

    /// <summary>
    /// Rolling <see cref="RiskAdjustedMetrics.Sharpe"/>: <c>mean / sd · √P</c> of each window; a constant window gives
    /// ±∞ (NaN when its mean is 0).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> &lt; 2.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not as long as <paramref name="returns"/>.</exception>
    public static void Sharpe(ReadOnlySpan<double> returns, int window, double periodsPerYear, Span<double> destination) =>
        Run(returns, returns, window, destination, new SharpeOf(Math.Sqrt(periodsPerYear)));

    /// <summary>
    /// Rolling Pearson correlation of x and y (<see cref="Correlations.Pearson"/> of each window); NaN when either
    /// side is constant over the window.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> &lt; 2.</exception>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Correlation(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int window, Span<double> destination)
    {
        if (y.Length != x.Length) AnalysisThrow.LengthMismatch(nameof(y), x.Length, y.Length);
        Run(x, y, window, destination, default(CorrelationOf));
    }

    /// <summary>
    /// Rolling drawdown: <c>e_t / max(e_{t−window+1 … t}) − 1</c> (≤ 0), the fall from the highest equity of the
    /// trailing window (a monotonic deque: O(1) amortised per bar). NaN for the first <c>window − 1</c> bars.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not as long as <paramref name="equity"/>.</exception>
    public static void Drawdown(ReadOnlySpan<double> equity, int window, Span<double> destination)
    {
        if (window < 1) AnalysisThrow.OutOfRange(nameof(window), window, "The window must hold at least one bar.");
        if (destination.Length != equity.Length) AnalysisThrow.LengthMismatch(nameof(destination), equity.Length, destination.Length);
        int n = equity.Length;
        int[]? rented = null;
        Span<int> deque = window <= 1024 ? stackalloc int[window] : (rented = System.Buffers.ArrayPool<int>.Shared.Rent(window)).AsSpan(0, window);
        int head = 0, count = 0;
        for (int t = 0; t < n; t++)
        {
            if (count > 0 && deque[head] <= t - window)
            {
                head = (head + 1) % window;
                count--;
            }
            while (count > 0 && equity[deque[(head + count - 1) % window]] <= equity[t]) count--;
            deque[(head + count) % window] = t;
            count++;
            destination[t] = t < window - 1 ? double.NaN : equity[t] / equity[deque[head]] - 1.0;
        }
        if (rented is not null) System.Buffers.ArrayPool<int>.Shared.Return(rented);
    }

    private interface IWindowStatistic
    {
        double Invoke(in SlidingMoments m, int n);
    }

    private readonly struct VolatilityOf(double sqrtP) : IWindowStatistic
    {
        public double Invoke(in SlidingMoments m, int n) => Math.Sqrt(m.Cxx / (n - 1)) * sqrtP;
    }

    private readonly struct SharpeOf(double sqrtP) : IWindowStatistic
    {
        public double Invoke(in SlidingMoments m, int n) => m.MeanX / Math.Sqrt(m.Cxx / (n - 1)) * sqrtP;
    }

    private readonly struct CorrelationOf : IWindowStatistic
    {
        public double Invoke(in SlidingMoments m, int n) =>
            m.Cxx > 0 && m.Cyy > 0 ? Math.Clamp(m.Cxy / Math.Sqrt(m.Cxx * m.Cyy), -1, 1) : double.NaN;
    }

    private static void Run<TStatistic>(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int window, Span<double> destination, TStatistic statistic)
        where TStatistic : struct, IWindowStatistic
    {
        if (window < 2) AnalysisThrow.OutOfRange(nameof(window), window, "The window must hold at least two bars.");
        if (destination.Length != x.Length) AnalysisThrow.LengthMismatch(nameof(destination), x.Length, destination.Length);
        var m = new SlidingMoments();
        int nan = 0;
        bool valid = false;
        for (int t = 0; t < x.Length; t++)
        {
            if (double.IsNaN(x[t]) || double.IsNaN(y[t])) nan++;
            if (t >= window && (double.IsNaN(x[t - window]) || double.IsNaN(y[t - window]))) nan--;
            if (t < window - 1 || nan > 0)
            {
                destination[t] = double.NaN;
                valid = false;
                continue;
            }
            int start = t - window + 1;
            if (!valid || !m.Slide(window, x[start - 1], y[start - 1], x[t], y[t]))
                m.Recompute(x.Slice(start, window), y.Slice(start, window));
            valid = true;
            destination[t] = statistic.Invoke(m, window);
        }
    }
}
