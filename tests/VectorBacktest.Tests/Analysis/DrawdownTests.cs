using FsCheck.Xunit;
using VectorBacktest.Analysis;
using static VectorBacktest.Tests.Analysis.AnalysisTestData;

namespace VectorBacktest.Tests.Analysis;

public class DrawdownTests
{
    //                                 0    1    2    3    4    5    6    7    8
    private static readonly double[] E = [100, 120, 90, 110, 130, 125, 125, 140, 100];

    [Fact]
    public void Hand_example_table()
    {
        var table = Drawdowns.Table(E);
        Assert.Equal(
        [
            new DrawdownPeriod(1, 2, 4, 90.0 / 120 - 1),
            new DrawdownPeriod(4, 5, 7, 125.0 / 130 - 1),
            new DrawdownPeriod(7, 8, -1, 100.0 / 140 - 1),
        ], table);
        Assert.Equal(3, table[0].Length(8));
        Assert.Equal(1, table[2].Length(8));
        Assert.False(table[2].IsRecovered);
        long[] time = Enumerable.Range(0, 9).Select(i => i * 86_400_000L).ToArray();
        Assert.Equal(TimeSpan.FromDays(3), table[1].Duration(time));
        Assert.Equal(TimeSpan.FromDays(1), table[2].Duration(time));
    }

    [Fact]
    public void Hand_example_summary_and_underwater()
    {
        var s = Drawdowns.Summarize(E);
        Assert.Equal(100.0 / 140 - 1, s.MaxDrawdown);
        Assert.Equal((7, 8, -1, -1), (s.MaxDrawdownPeakBar, s.MaxDrawdownValleyBar, s.MaxDrawdownRecoveryBar, s.MaxDrawdownRecoveryBars));
        Assert.Equal(3, s.LongestDrawdownBars);
        Assert.Equal(3, s.Count);
        AssertClose((-0.25 + (125.0 / 130 - 1) + (100.0 / 140 - 1)) / 3, s.AverageDrawdown, 1e-14);
        AssertClose(7.0 / 3, s.AverageDrawdownBars, 1e-14);
        Assert.Equal(100.0 / 140 - 1, Drawdowns.MaxDrawdownOfEquity(E));

        var u = new double[E.Length];
        Drawdowns.Underwater(E, u);
        Assert.Equal([0, 0, -0.25, 110.0 / 120 - 1, 0, 125.0 / 130 - 1, 125.0 / 130 - 1, 0, 100.0 / 140 - 1], u);
    }

    [Fact]
    public void Recovery_of_the_deepest_drawdown_is_counted_from_its_valley()
    {
        var s = Drawdowns.Summarize([100, 80, 60, 90, 100, 95, 101]);
        Assert.Equal((0, 2, 4, 2), (s.MaxDrawdownPeakBar, s.MaxDrawdownValleyBar, s.MaxDrawdownRecoveryBar, s.MaxDrawdownRecoveryBars));
    }

    [Fact]
    public void Degenerate_curves_give_documented_values()
    {
        Assert.Empty(Drawdowns.Table([]));
        Assert.Empty(Drawdowns.Table([5]));
        Assert.Empty(Drawdowns.Table([5, 5, 5]));
        var flat = Drawdowns.Summarize([5, 5, 5]);
        Assert.Equal(new DrawdownStatistics(0, -1, -1, -1, 0, 0, 0, 0, 0), flat);
        Assert.True(double.IsNaN(Drawdowns.Summarize([]).MaxDrawdown));
        Assert.True(double.IsNaN(Drawdowns.MaxDrawdownOfEquity([])));
        Assert.Throws<ArgumentException>("destination", () => Drawdowns.Underwater(E, new double[3]));
    }

    [Property(MaxTest = 150)]
    public void Table_matches_runs_of_the_naive_underwater_series(byte length, ulong seed)
    {
        var e = RandomEquity(length, seed);
        for (int i = 0; i < e.Length; i += 5) if (i > 0) e[i] = e[i - 1];
        var expected = NaiveTable(e);
        Assert.Equal(expected, Drawdowns.Table(e));
        var s = Drawdowns.Summarize(e);
        Assert.Equal(expected.Count, s.Count);
        double naiveMax = e.Length == 0 ? double.NaN : 0;
        double peak = double.MinValue;
        foreach (double x in e)
        {
            peak = Math.Max(peak, x);
            naiveMax = Math.Min(naiveMax, x / peak - 1);
        }
        AssertClose(naiveMax, s.MaxDrawdown, 1e-15);
        AssertClose(naiveMax, Drawdowns.MaxDrawdownOfEquity(e), 1e-15);
        Assert.Equal(expected.Count == 0 ? 0 : expected.Max(p => p.Length(e.Length - 1)), s.LongestDrawdownBars);
    }

    /// <summary>Runs of bars strictly below the running maximum; the bar before a run is its peak.</summary>
    private static List<DrawdownPeriod> NaiveTable(double[] e)
    {
        var result = new List<DrawdownPeriod>();
        var max = new double[e.Length];
        for (int i = 0; i < e.Length; i++) max[i] = Math.Max(i == 0 ? e[0] : max[i - 1], e[i]);
        int t = 0;
        while (t < e.Length)
        {
            if (e[t] >= max[t])
            {
                t++;
                continue;
            }
            int start = t;
            while (t < e.Length && e[t] < max[t]) t++;
            int valley = start;
            for (int i = start; i < t; i++) if (e[i] < e[valley]) valley = i;
            result.Add(new DrawdownPeriod(start - 1, valley, t < e.Length ? t : -1, e[valley] / e[start - 1] - 1));
        }
        return result;
    }
}
