using FsCheck.Xunit;
using VectorBacktest.Analysis;
using static VectorBacktest.Tests.Analysis.AnalysisTestData;

namespace VectorBacktest.Tests.Analysis;

public class RollingMetricsTests
{
    [Fact]
    public void Hand_example_window_of_three()
    {
        double[] r = [0.01, 0.02, 0.03, 0.0, double.NaN, 0.01, 0.02, 0.03];
        var vol = new double[r.Length];
        RollingMetrics.Volatility(r, 3, 1, vol);
        // Window [.01 .02 .03] → sd .01; [.02 .03 0] → two-pass sd about 5/300; windows holding the NaN → NaN.
        Assert.True(double.IsNaN(vol[0]) && double.IsNaN(vol[1]));
        AssertClose(0.01, vol[2], 1e-12);
        AssertClose(Math.Sqrt(((0.02 - 0.05 / 3) * (0.02 - 0.05 / 3) + (0.03 - 0.05 / 3) * (0.03 - 0.05 / 3) + (0.05 / 3) * (0.05 / 3)) / 2), vol[3], 1e-12);
        Assert.True(double.IsNaN(vol[4]) && double.IsNaN(vol[5]) && double.IsNaN(vol[6]));
        AssertClose(0.01, vol[7], 1e-12);
    }

    [Fact]
    public void Constant_windows_give_infinite_sharpe_and_zero_volatility()
    {
        double[] r = [0.0078125, 0.0078125, 0.0078125, 0.0078125, 0.0078125, -0.25, 0.0078125, 0, 0, 0];
        var sharpe = new double[r.Length];
        var vol = new double[r.Length];
        RollingMetrics.Sharpe(r, 3, 365, sharpe);
        RollingMetrics.Volatility(r, 3, 365, vol);
        Assert.Equal(double.PositiveInfinity, sharpe[4]);
        Assert.Equal(0.0, vol[4]);
        Assert.True(double.IsNaN(sharpe[9]));
        Assert.Equal(0.0, vol[9]);
    }

    [Fact]
    public void Rolling_drawdown_from_the_window_peak()
    {
        double[] e = [100, 120, 90, 110, 130, 125];
        var dd = new double[e.Length];
        RollingMetrics.Drawdown(e, 2, dd);
        Assert.True(double.IsNaN(dd[0]));
        Assert.Equal([0, 90.0 / 120 - 1, 0, 0, 125.0 / 130 - 1], dd[1..]);
        Assert.Throws<ArgumentOutOfRangeException>("window", () => RollingMetrics.Drawdown(e, 0, dd));
        Assert.Throws<ArgumentOutOfRangeException>("window", () => RollingMetrics.Sharpe(e, 1, 1, dd));
        Assert.Throws<ArgumentException>("destination", () => RollingMetrics.Volatility(e, 2, 1, new double[2]));
    }

    [Property(MaxTest = 120)]
    public void Match_the_per_window_reference(byte length, byte windowSeed, ulong seed, bool withNaN)
    {
        int window = 2 + windowSeed % 40;
        var r = RandomReturns(length, seed, withNaN);
        var y = RandomReturns(length, ~seed, false);
        var vol = new double[length];
        var sharpe = new double[length];
        var corr = new double[length];
        RollingMetrics.Volatility(r, window, 252, vol);
        RollingMetrics.Sharpe(r, window, 252, sharpe);
        RollingMetrics.Correlation(r, y, window, corr);
        for (int t = 0; t < length; t++)
        {
            if (t < window - 1 || HasNaN(r, t, window))
            {
                Assert.True(double.IsNaN(vol[t]) && double.IsNaN(sharpe[t]) && double.IsNaN(corr[t]));
                continue;
            }
            var w = r[(t - window + 1)..(t + 1)];
            AssertClose(ReferenceMetrics.AnnualVolatility(w, 252), vol[t], 1e-9, 1e-13);
            AssertClose(ReferenceMetrics.Sharpe(w, 252), sharpe[t], 1e-8, 1e-10);
            AssertClose(ReferenceMetrics.Pearson(w, y[(t - window + 1)..(t + 1)]), corr[t], 1e-8, 1e-10);
        }

        var e = RandomEquity(length, seed);
        var dd = new double[length];
        RollingMetrics.Drawdown(e, window, dd);
        for (int t = 0; t < length; t++)
        {
            double expected = t < window - 1 ? double.NaN : e[t] / e[(t - window + 1)..(t + 1)].Max() - 1;
            AssertClose(expected, dd[t], 1e-15);
        }
    }

    private static bool HasNaN(double[] r, int t, int window)
    {
        for (int i = t - window + 1; i <= t; i++) if (double.IsNaN(r[i])) return true;
        return false;
    }
}
