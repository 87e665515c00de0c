namespace VectorBacktest.Indicators.Smc;

public sealed partial class FairValueGaps
{
    /// <summary>
    /// One pass over the bars. At the close of bar <c>t</c>: a joined run that bar <c>t-1</c> failed to continue
    /// becomes known (its mitigation search starts at <c>t</c>); the active gaps touched by bar <c>t</c> are
    /// mitigated; then bar <c>t-1</c>'s candidate is known and is emitted (single) or extends/starts a run, and a
    /// run that bar <c>t</c>'s colour cannot continue is emitted (both searched from <c>t+1</c>).
    /// </summary>
    /// <remarks>
    /// Each active gap was tested against every bar since its search started and survived, so a bullish gap's Top
    /// is below all those lows; a new bullish gap's Top is one of those lows or higher. Tops therefore increase
    /// towards the top of the stack and a low touches a top segment of it (mirrored for bearish Bottoms). The two
    /// stacks share one buffer, bullish growing up from 0 and bearish down from its end.
    /// </remarks>
    private static FairValueGaps Scan(ReadOnlySpan<double> open, ReadOnlySpan<double> high, ReadOnlySpan<double> low,
        ReadOnlySpan<double> close, ReadOnlySpan<sbyte> candidates, bool join, SmcMode mode)
    {
        int n = close.Length;
        int capacity = 0;
        for (int i = 0; i < candidates.Length; i++) capacity += candidates[i] & 1;

        var index = new int[capacity];
        var knownAt = new int[capacity];
        var direction = new sbyte[capacity];
        var top = new double[capacity];
        var bottom = new double[capacity];
        var mitigatedAt = new int[capacity];
        var stack = new int[capacity];
        int count = 0, bullDepth = 0, bearBase = capacity;

        sbyte runDirection = 0;
        int runEnd = -1;
        double runTop = 0, runBottom = 0;

        for (int t = 0; t < n; t++)
        {
            if (join && runDirection != 0 && runEnd == t - 2 && candidates[t - 1] != runDirection)
            {
                Emit(runEnd, runDirection, runTop, runBottom, t);
                runDirection = 0;
            }

            double lt = low[t], ht = high[t];
            while (bullDepth > 0 && top[stack[bullDepth - 1]] >= lt) mitigatedAt[stack[--bullDepth]] = t;
            while (bearBase < capacity && bottom[stack[bearBase]] <= ht) mitigatedAt[stack[bearBase++]] = t;

            if (t == 0) continue;
            sbyte d = candidates[t - 1];
            if (!join)
            {
                if (d > 0) Emit(t - 1, d, low[t], high[t - 2], t);
                else if (d < 0) Emit(t - 1, d, low[t - 2], high[t], t);
                continue;
            }

            if (d != 0)
            {
                double gapTop = d > 0 ? low[t] : low[t - 2];
                double gapBottom = d > 0 ? high[t - 2] : high[t];
                if (runDirection == d)
                {
                    runTop = Math.Max(runTop, gapTop);
                    runBottom = Math.Min(runBottom, gapBottom);
                }
                else
                {
                    runDirection = d;
                    runTop = gapTop;
                    runBottom = gapBottom;
                }
                runEnd = t - 1;
            }
            // Bar t can only continue a run with a candle of the run's colour.
            if (runDirection != 0 && (runDirection > 0 ? !(close[t] > open[t]) : !(close[t] < open[t])))
            {
                Emit(runEnd, runDirection, runTop, runBottom, t);
                runDirection = 0;
            }
        }

        // The reference closes a run still open at the last bar; no bar is left to mitigate it.
        if (mode == SmcMode.Reference && runDirection != 0)
            Emit(runEnd, runDirection, runTop, runBottom, SmcKnownAt.Never);

        return new FairValueGaps(mode, join, n, count, index, knownAt, direction, top, bottom, mitigatedAt);

        void Emit(int bar, sbyte dir, double gapTop, double gapBottom, int known)
        {
            index[count] = bar;
            knownAt[count] = known;
            direction[count] = dir;
            top[count] = gapTop;
            bottom[count] = gapBottom;
            mitigatedAt[count] = NotMitigated;
            if (dir > 0) stack[bullDepth++] = count;
            else stack[--bearBase] = count;
            count++;
        }
    }
}
