namespace VectorBacktest.Analysis;

/// <summary>
/// Drawdowns of an equity curve (or of compounded returns): maximum drawdown, the underwater series, the episode
/// table and its summary. Every depth is a fraction ≤ 0 (e.g. −0.2 for a 20 % fall). A bar whose equity equals
/// the running peak counts as recovered.
/// </summary>
public static class Drawdowns
{
    /// <summary>
    /// Maximum drawdown of simple returns, empyrical's <c>max_drawdown</c>: with <c>W₀ = 100</c> and
    /// <c>W_t = 100 · Π_{j≤t}(1 + r_j)</c> (NaN taken as a 0 return), <c>min_t (W_t − peak_t) / peak_t</c> over
    /// t = 0 … n, so a loss on the first bar counts. n = 0 → NaN; never falls → 0.
    /// </summary>
    public static double MaxDrawdown(ReadOnlySpan<double> returns)
    {
        if (returns.Length == 0) return double.NaN;
        const double start = 100.0;
        double growth = 1.0, peak = start, worst = 0.0;
        foreach (double r in returns)
        {
            if (!double.IsNaN(r)) growth *= 1.0 + r;
            double w = growth * start;
            if (w > peak) peak = w;
            double dd = (w - peak) / peak;
            if (dd < worst) worst = dd;
        }
        return worst;
    }

    /// <summary>
    /// Maximum drawdown of an equity curve, <c>min_t (e_t / max_{s≤t} e_s − 1)</c>. n = 0 → NaN; never falls → 0.
    /// </summary>
    public static double MaxDrawdownOfEquity(ReadOnlySpan<double> equity)
    {
        if (equity.Length == 0) return double.NaN;
        double peak = equity[0], worst = 0.0;
        foreach (double e in equity)
        {
            if (e > peak) peak = e;
            double dd = e / peak - 1.0;
            if (dd < worst) worst = dd;
        }
        return worst;
    }

    /// <summary>
    /// Underwater series <c>e_t / max_{s≤t} e_s − 1</c> (≤ 0, 0 at every new high) written into
    /// <paramref name="destination"/>, one value per bar.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not as long as <paramref name="equity"/>.</exception>
    public static void Underwater(ReadOnlySpan<double> equity, Span<double> destination)
    {
        if (destination.Length != equity.Length) AnalysisThrow.LengthMismatch(nameof(destination), equity.Length, destination.Length);
        double peak = double.NegativeInfinity;
        for (int t = 0; t < equity.Length; t++)
        {
            if (equity[t] > peak) peak = equity[t];
            destination[t] = equity[t] / peak - 1.0;
        }
    }

    /// <summary>
    /// The drawdown table: every episode in time order, each from its peak bar through its valley to its recovery
    /// (the last one may be unrecovered). Empty when the curve never falls below a running peak.
    /// </summary>
    public static DrawdownPeriod[] Table(ReadOnlySpan<double> equity)
    {
        var periods = new List<DrawdownPeriod>();
        var walker = new Walker(equity);
        while (walker.Next(out var period)) periods.Add(period);
        return periods.ToArray();
    }

    /// <summary>
    /// The episode statistics of <see cref="Table"/> in one pass without allocating: maximum drawdown and its
    /// peak, valley and recovery, the longest and average episode length, the average depth.
    /// </summary>
    public static DrawdownStatistics Summarize(ReadOnlySpan<double> equity)
    {
        if (equity.Length == 0) return new DrawdownStatistics(double.NaN, -1, -1, -1, 0, 0, 0, 0, 0);
        int last = equity.Length - 1, count = 0, longest = 0;
        double depthSum = 0, lengthSum = 0;
        DrawdownPeriod deepest = new(-1, -1, -1, 0.0);
        var walker = new Walker(equity);
        while (walker.Next(out var p))
        {
            count++;
            int length = p.Length(last);
            depthSum += p.Depth;
            lengthSum += length;
            if (length > longest) longest = length;
            if (p.Depth < deepest.Depth) deepest = p;
        }
        int recoveryBars = deepest.PeakBar < 0 ? 0 : deepest.IsRecovered ? deepest.RecoveryBar - deepest.ValleyBar : -1;
        return new DrawdownStatistics(
            deepest.Depth, deepest.PeakBar, deepest.ValleyBar, deepest.RecoveryBar, recoveryBars, longest,
            count == 0 ? 0 : depthSum / count, count == 0 ? 0 : lengthSum / count, count);
    }

    /// <summary>Walks the episodes of an equity curve left to right.</summary>
    private ref struct Walker(ReadOnlySpan<double> equity)
    {
        private readonly ReadOnlySpan<double> _equity = equity;
        private int _t;

        public bool Next(out DrawdownPeriod period)
        {
            var e = _equity;
            int n = e.Length;
            while (_t + 1 < n && e[_t + 1] >= e[_t]) _t++;
            if (_t + 1 >= n)
            {
                period = default;
                return false;
            }
            int peakBar = _t;
            double peak = e[peakBar], valley = double.PositiveInfinity;
            int valleyBar = peakBar, t = peakBar + 1;
            for (; t < n && e[t] < peak; t++)
                if (e[t] < valley)
                {
                    valley = e[t];
                    valleyBar = t;
                }
            int recovery = t < n ? t : -1;
            period = new DrawdownPeriod(peakBar, valleyBar, recovery, valley / peak - 1.0);
            _t = t < n ? t : n;
            return true;
        }
    }
}
