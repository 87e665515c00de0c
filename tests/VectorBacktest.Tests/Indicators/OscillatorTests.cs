using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using VectorBacktest.Indicators;
using VectorBacktest.Tests.Kernels;

namespace VectorBacktest.Tests.Indicators;

public class OscillatorTests
{
    // RSI against TA-Lib's division form: the averages differ by a few ulps, the ratio by about as much, so
    // 1e-9 RSI points is far above rounding and far below any meaningful difference.
    [Property(MaxTest = 25)]
    public Property RsiIsWithinRoundingOfTaLibForEveryLength() =>
        Prop.ForAll(TestSeries.Cases(30), c =>
        {
            for (int n = 0; n <= TestSeries.MaxLength; n++)
            {
                var x = c.Series(n);
                TestSeries.AssertClose(Reference.TaLibRsi(x, c.Window), Rsi.Compute(x, c.Window), 1e-9, $"{c}, n {n}");
            }
        });

    [Property(MaxTest = 25)]
    public Property TrueRangeIsBitIdenticalToScalarForEveryLength() =>
        Prop.ForAll(TestSeries.Cases(2, withInfinities: true), c =>
        {
            for (int n = 0; n <= TestSeries.MaxLength; n++)
            {
                var (h, l, cl) = Bars(c, n);
                TestSeries.AssertBitEqual(Reference.TrueRange(h, l, cl), TrueRange.Compute(h, l, cl), $"{c}, n {n}");
            }
        });

    // ATR against TA-Lib's division form: a contracting average, so the gap stays within a few ulps of the
    // largest true range: 16·ε·max TR.
    [Property(MaxTest = 25)]
    public Property AtrIsWithinRoundingOfTaLibForEveryLength() =>
        Prop.ForAll(TestSeries.Cases(30), c =>
        {
            for (int n = 0; n <= TestSeries.MaxLength; n++)
            {
                var (h, l, cl) = Bars(c, n);
                double tolerance = 16 * Math.Pow(2, -52) * Math.Max(1, TestSeries.MaxAbs(Reference.TrueRange(h, l, cl)));
                TestSeries.AssertClose(Reference.TaLibAtr(h, l, cl, c.Window), Atr.Compute(h, l, cl, c.Window), tolerance, $"{c}, n {n}");
            }
        });

    [Property(MaxTest = 15)]
    public Property BollingerIsSmaPlusMinusWidthTimesStd() =>
        Prop.ForAll(TestSeries.Cases(30), c =>
        {
            for (int n = 0; n <= TestSeries.MaxLength; n += 3)
            {
                var x = c.Series(n);
                var (middle, upper, lower) = BollingerBands.Compute(x, c.Window, 2.0);
                TestSeries.AssertBitEqual(Sma.Compute(x, c.Window), middle, $"middle {c}, n {n}");
                var std = Reference.RollingStd(x, c.Window, 0);
                double m = Math.Max(1, TestSeries.MaxAbs(x));
                // σ error from RollingStd (≤ √(variance tolerance)) times the width, plus rounding of the sum.
                double tolerance = 2 * Math.Sqrt(64 * Math.Pow(2, -52) * (n + c.Window) * c.Window) * m;
                var expectedUpper = new double[n];
                var expectedLower = new double[n];
                for (int i = 0; i < n; i++)
                {
                    expectedUpper[i] = middle[i] + 2 * std[i];
                    expectedLower[i] = middle[i] - 2 * std[i];
                }
                TestSeries.AssertClose(expectedUpper, upper, tolerance, $"upper {c}, n {n}");
                TestSeries.AssertClose(expectedLower, lower, tolerance, $"lower {c}, n {n}");
            }
        });

    [Fact]
    public void HandExamples()
    {
        // Changes +1, −1, +1: seed (period 2) gain 0.5, loss 0.5 → 50; then gain 0.5·0.5 + 1·0.5 = 0.75, loss 0.25 → 75.
        TestSeries.AssertBitEqual([double.NaN, double.NaN, 50, 75], Rsi.Compute([1.0, 2, 1, 2], 2), "rsi");
        TestSeries.AssertBitEqual([double.NaN, 50, 50], Rsi.Compute([5.0, 5, 5], 1), "flat rsi is neutral");
        TestSeries.AssertBitEqual([double.NaN, 100, 100], Rsi.Compute([1.0, 2, 3], 1), "only gains");
        double[] high = [10, 12, 11, 15];
        double[] low = [8, 9, 10, 13];
        double[] close = [9, 11, 10, 14];
        // TR: bar 0 high − low = 2; bar 1 max(3, |12 − 9|, |9 − 9|) = 3; bar 2 max(1, 0, 1) = 1; bar 3 max(2, 5, 3) = 5.
        TestSeries.AssertBitEqual([2, 3, 1, 5], TrueRange.Compute(high, low, close), "tr");
        // ATR(2): seed mean(TR[1], TR[2]) = 2 at bar 2; then 2·0.5 + 5·0.5 = 3.5.
        TestSeries.AssertBitEqual([double.NaN, double.NaN, 2, 3.5], Atr.Compute(high, low, close, 2), "atr");
        var bands = BollingerBands.Compute([1.0, 2, 3], 3, 1.0);
        Assert.Equal(2 + Math.Sqrt(2.0 / 3), bands.Upper[2], 15);
        Assert.Equal(2 - Math.Sqrt(2.0 / 3), bands.Lower[2], 15);
    }

    private static (double[] High, double[] Low, double[] Close) Bars(SeriesCase c, int n)
    {
        var close = c.Series(n);
        var spread = TestSeries.Make(n, c.Seed + 3, c.NanRate / 2);
        var high = new double[n];
        var low = new double[n];
        for (int i = 0; i < n; i++)
        {
            high[i] = close[i] + Math.Abs(spread[i]) * 0.01;
            low[i] = close[i] - Math.Abs(spread[i]) * 0.02;
        }
        return (high, low, close);
    }
}
