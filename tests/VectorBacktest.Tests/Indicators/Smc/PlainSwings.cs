namespace VectorBacktest.Tests.Indicators.Smc;

/// <summary>One swing as the plain implementation sees it.</summary>
public readonly record struct PlainSwing(int Index, int KnownAt, int HighLow, double Level);

/// <summary>
/// Swings written plainly from SEMANTICS.md §2 (window maxima by brute force, runs collapsed in a second pass),
/// the yardstick for the fast kernel.
/// </summary>
public static class PlainSwings
{
    /// <summary>The runs of candidates, in time order (the last one is still open), each with its type and its
    /// candidates' bars and levels.</summary>
    public static List<(int Type, List<(int Bar, double Level)> Candidates)> Runs(double[] high, double[] low, int n)
    {
        var runs = new List<(int Type, List<(int Bar, double Level)> Candidates)>();
        foreach (var (bar, type) in Candidates(high, low, n))
        {
            if (runs.Count == 0 || runs[^1].Type != type) runs.Add((type, new List<(int, double)>()));
            runs[^1].Candidates.Add((bar, type > 0 ? high[bar] : low[bar]));
        }
        return runs;
    }

    private static List<(int Bar, int Type)> Candidates(double[] high, double[] low, int n)
    {
        int count = high.Length;
        var candidates = new List<(int Bar, int Type)>();
        for (int i = 2 * n - 1; i <= count - 1 - n; i++)
        {
            double max = double.NegativeInfinity, min = double.PositiveInfinity;
            for (int j = i - n + 1; j <= i + n; j++)
            {
                max = Math.Max(max, high[j]);
                min = Math.Min(min, low[j]);
            }
            if (high[i] == max) candidates.Add((i, 1));
            else if (low[i] == min) candidates.Add((i, -1));
        }
        return candidates;
    }

    /// <summary>The swings; <paramref name="reference"/> adds the open run and the artificial end bars.</summary>
    public static List<PlainSwing> Compute(double[] high, double[] low, int n, bool reference)
    {
        int count = high.Length;
        var candidates = Candidates(high, low, n);

        var runs = new List<List<int>>();
        for (int c = 0; c < candidates.Count; c++)
        {
            if (c == 0 || candidates[c].Type != candidates[c - 1].Type) runs.Add(new List<int>());
            runs[^1].Add(candidates[c].Bar);
        }

        var swings = new List<PlainSwing>();
        for (int r = 0; r < runs.Count; r++)
        {
            int type = candidates.First(c => c.Bar == runs[r][0]).Type;
            int best = runs[r][0];
            foreach (int bar in runs[r])
                if (type > 0 ? high[bar] > high[best] : low[bar] < low[best]) best = bar;
            bool closed = r + 1 < runs.Count;
            if (!closed && !reference) break;
            int knownAt = closed ? runs[r + 1][0] + n : int.MaxValue;
            swings.Add(new PlainSwing(best, knownAt, type, type > 0 ? high[best] : low[best]));
        }

        if (reference && swings.Count > 0)
        {
            int firstType = -swings[0].HighLow;
            swings.Insert(0, new PlainSwing(0, runs[0][0] + n, firstType, firstType > 0 ? high[0] : low[0]));
            int lastType = -swings[^1].HighLow;
            swings.Add(new PlainSwing(count - 1, int.MaxValue, lastType, lastType > 0 ? high[count - 1] : low[count - 1]));
        }
        return swings;
    }
}
