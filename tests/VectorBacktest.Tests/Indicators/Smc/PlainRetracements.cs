namespace VectorBacktest.Tests.Indicators.Smc;

/// <summary>One retracement row.</summary>
public readonly record struct PlainRetracement(int Direction, double Current, double Deepest);

/// <summary>Retracements written plainly from SEMANTICS.md §9 (reference) and the causal rule on <c>Retracements</c>.</summary>
public static class PlainRetracements
{
    /// <summary>The rows for the given swings (reference swings placed on their bar, causal ones on their KnownAt bar).</summary>
    public static PlainRetracement[] Compute(List<PlainSwing> swings, double[] high, double[] low, bool reference)
    {
        int n = high.Length;
        var label = new int[n];
        var level = new double[n];
        foreach (var s in swings)
        {
            int bar = reference ? s.Index : s.KnownAt;
            label[bar] = s.HighLow;
            level[bar] = s.Level;
        }

        var computed = new PlainRetracement[n];
        int dir = 0;
        double top = 0, bottom = 0;
        bool seenHigh = false, seenLow = false;
        for (int i = 0; i < n; i++)
        {
            int dprev = i == 0 ? 0 : computed[i - 1].Direction;
            double previousDeep = i == 0 ? 0 : computed[i - 1].Deepest;
            if (label[i] == 1) { dir = 1; top = level[i]; seenHigh = true; }
            if (label[i] == -1) { dir = -1; bottom = level[i]; seenLow = true; }
            double cur = 0, deep = 0;
            if (dprev == 1)
            {
                cur = top == bottom ? 0 : Math.Round((100 - ((low[i] - bottom) / (top - bottom)) * 100) * 10, MidpointRounding.ToEven) / 10;
                deep = Math.Max(previousDeep, cur);
            }
            if (dir == -1)
            {
                cur = top == bottom ? 0 : Math.Round((100 - ((high[i] - top) / (bottom - top)) * 100) * 10, MidpointRounding.ToEven) / 10;
                deep = Math.Max(dprev == -1 ? previousDeep : 0, cur);
            }
            // Causal: no leg before both a high and a low are known.
            if (!reference && !(seenHigh && seenLow)) (cur, deep) = (0, 0);
            computed[i] = new PlainRetracement(dir, cur, deep);
        }
        if (!reference) return computed;

        var published = new PlainRetracement[n];
        for (int r = 0; r < n; r++) published[r] = computed[(r - 1 + n) % n];
        var original = (PlainRetracement[])published.Clone();
        int changes = 0;
        for (int r = 0; r + 1 < n; r++)
        {
            if (original[r].Direction != original[r + 1].Direction) changes++;
            published[r] = default;
            if (changes == 3)
            {
                published[r + 1] = default;
                break;
            }
        }
        return published;
    }
}
