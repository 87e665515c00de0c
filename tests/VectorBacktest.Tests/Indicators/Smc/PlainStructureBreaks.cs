namespace VectorBacktest.Tests.Indicators.Smc;

/// <summary>One structure-break row as the plain implementation sees it.</summary>
public readonly record struct PlainBreak(int SwingIndex, int BrokenIndex, int KnownAt, int Bos, int Choch, double Level);

/// <summary>
/// BOS/CHoCH written plainly from SEMANTICS.md §4 (reference) and from the causal rule documented on
/// <c>StructureBreaks</c>, with brute-force searches, the yardstick for the fast kernel.
/// </summary>
public static class PlainStructureBreaks
{
    /// <summary>
    /// The rows of the swings of length <paramref name="n"/>: reference swings and rules for
    /// <paramref name="reference"/>; otherwise causal swings, with the fourth swing taken from the candidate runs
    /// (it may be unsettled) and the pattern known when a candidate of its run beyond b's level is confirmed.
    /// </summary>
    public static List<PlainBreak> Compute(double[] high, double[] low, double[] close, int n, bool closeBreak, bool reference)
    {
        var swings = PlainSwings.Compute(high, low, n, reference);
        var runs = PlainSwings.Runs(high, low, n);
        var signals = new List<(int B, int Dir, bool IsBos, double Level, int Broken, int Settled)>();
        int fourthCount = reference ? swings.Count : runs.Count;
        for (int k = 3; k < fourthCount; k++)
        {
            var (a, b, c) = (swings[k - 3], swings[k - 2], swings[k - 1]);
            PlainSwing d;
            if (reference)
            {
                d = swings[k];
            }
            else
            {
                // Causal: the first candidate of run k beyond b's level stands in for d; none means no pattern yet.
                var run = runs[k];
                int beyond = run.Candidates.FindIndex(x => run.Type > 0 ? x.Level > b.Level : x.Level < b.Level);
                if (beyond < 0) continue;
                d = new PlainSwing(run.Candidates[beyond].Bar, run.Candidates[beyond].Bar + n, run.Type, run.Candidates[beyond].Level);
            }
            int dir = 0;
            bool isBos = false;
            if (a.HighLow == -1 && b.HighLow == 1 && c.HighLow == -1 && d.HighLow == 1)
            {
                if (a.Level < c.Level && c.Level < b.Level && b.Level < d.Level) (dir, isBos) = (1, true);
                else if (c.Level < a.Level && a.Level < b.Level && b.Level < d.Level) dir = 1;
            }
            if (a.HighLow == 1 && b.HighLow == -1 && c.HighLow == 1 && d.HighLow == -1)
            {
                if (a.Level > c.Level && c.Level > b.Level && b.Level > d.Level) (dir, isBos) = (-1, true);
                else if (c.Level > a.Level && a.Level > b.Level && b.Level > d.Level) dir = -1;
            }
            if (dir == 0) continue;
            double lambda = (float)b.Level;
            int broken = -1;
            for (int j = b.Index + 2; j < close.Length && broken < 0; j++)
            {
                double price = closeBreak ? close[j] : dir > 0 ? high[j] : low[j];
                if (dir > 0 ? price > lambda : price < lambda) broken = j;
            }
            signals.Add((b.Index, dir, isBos, lambda, broken, d.KnownAt));
        }

        var rows = new List<PlainBreak>();
        for (int s = 0; s < signals.Count; s++)
        {
            var sig = signals[s];
            if (sig.Broken < 0) continue;
            if (reference)
            {
                bool cancelled = false;
                for (int r = s + 1; r < signals.Count; r++)
                    if (signals[r].Broken >= 0 && signals[r].Broken <= sig.Broken) cancelled = true;
                long known = Math.Max(sig.Broken, sig.Settled);
                for (int q = 0; q < swings.Count; q++)
                    if (swings[q].Index > sig.B && swings[q].Index <= sig.Broken - 2)
                        known = Math.Max(known, q + 2 < swings.Count ? swings[q + 2].KnownAt : int.MaxValue);
                rows.Add(cancelled
                    ? new PlainBreak(sig.B, sig.Broken, (int)known, 0, 0, double.NaN)
                    : new PlainBreak(sig.B, sig.Broken, (int)known, sig.IsBos ? sig.Dir : 0, sig.IsBos ? 0 : sig.Dir, sig.Level));
            }
            else
            {
                int known = Math.Max(sig.Broken, sig.Settled);
                bool superseded = false;
                for (int r = s + 1; r < signals.Count; r++)
                {
                    var other = signals[r];
                    if (other.Broken >= 0 && other.Broken <= sig.Broken && Math.Max(other.Broken, other.Settled) <= known) superseded = true;
                }
                if (!superseded)
                    rows.Add(new PlainBreak(sig.B, sig.Broken, known, sig.IsBos ? sig.Dir : 0, sig.IsBos ? 0 : sig.Dir, sig.Level));
            }
        }
        return rows;
    }
}
