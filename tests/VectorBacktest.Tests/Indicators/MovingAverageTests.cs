using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using VectorBacktest.Indicators;
using VectorBacktest.Tests.Kernels;

namespace VectorBacktest.Tests.Indicators;

public class MovingAverageTests
{
    [Property(MaxTest = 25)]
    public Property EmaFirstValueIsBitIdenticalToPandasEwmForEveryLength() =>
        Prop.ForAll(TestSeries.Cases(40, withInfinities: true), c =>
        {
            for (int n = 0; n <= TestSeries.MaxLength; n++)
            {
                var x = c.Series(n);
                TestSeries.AssertBitEqual(Reference.PandasEwmMean(x, c.Window), Ema.Compute(x, c.Window), $"{c}, n {n}");
            }
        });

    // The fused form y·(1 − α) + α·x rounds once where TA-Lib's (x − y)·α + y rounds three times; the average is
    // contracting, so the gap stays within a few ulps of the largest value: 16·ε·max|x|.
    [Property(MaxTest = 25)]
    public Property EmaSmaSeedIsWithinRoundingOfTaLibForEveryLength() =>
        Prop.ForAll(TestSeries.Cases(40), c =>
        {
            for (int n = 0; n <= TestSeries.MaxLength; n++)
            {
                var x = c.Series(n);
                double tolerance = 16 * Math.Pow(2, -52) * Math.Max(1, TestSeries.MaxAbs(x));
                TestSeries.AssertClose(Reference.TaLibEma(x, c.Window), Ema.Compute(x, c.Window, EmaSeed.Sma), tolerance, $"{c}, n {n}");
            }
        });

    [Property(MaxTest = 25)]
    public Property WmaIsBitIdenticalToScalarForEveryLength() =>
        Prop.ForAll(TestSeries.Cases(40, withInfinities: true), c =>
        {
            for (int n = 0; n <= TestSeries.MaxLength; n++)
            {
                var x = c.Series(n);
                TestSeries.AssertBitEqual(Reference.Wma(x, c.Window), Wma.Compute(x, c.Window), $"{c}, n {n}");
            }
        });

    [Property(MaxTest = 15)]
    public Property MacdIsTheDifferenceOfPandasEmas() =>
        Prop.ForAll(TestSeries.Cases(20), c =>
        {
            int fast = c.Window, slow = c.Window + 7, signal = Math.Max(1, c.Window / 2);
            for (int n = 0; n <= TestSeries.MaxLength; n += 7)
            {
                var x = c.Series(n);
                var emaFast = Reference.PandasEwmMean(x, fast);
                var emaSlow = Reference.PandasEwmMean(x, slow);
                var line = new double[n];
                for (int i = 0; i < n; i++) line[i] = emaFast[i] - emaSlow[i];
                var sig = Reference.PandasEwmMean(line, signal);
                var hist = new double[n];
                for (int i = 0; i < n; i++) hist[i] = line[i] - sig[i];
                var macd = Macd.Compute(x, fast, slow, signal);
                TestSeries.AssertBitEqual(line, macd.Line, $"line {c}, n {n}");
                TestSeries.AssertBitEqual(sig, macd.Signal, $"signal {c}, n {n}");
                TestSeries.AssertBitEqual(hist, macd.Histogram, $"histogram {c}, n {n}");
            }
        });

    [Fact]
    public void HandExamples()
    {
        // span 3 → α = 0.5.
        TestSeries.AssertBitEqual([1, 1.5, 2.25], Ema.Compute([1.0, 2, 3], 3), "pandas ewm");
        // pandas ewm(span=3, adjust=False) on [1, NaN, 3]: the gap holds 1.0, then 3 gets weight 0.5 against 0.25.
        TestSeries.AssertBitEqual([1, 1, (0.25 * 1 + 0.5 * 3) / 0.75], Ema.Compute([1.0, double.NaN, 3], 3), "pandas gap");
        TestSeries.AssertBitEqual([double.NaN, 1, 1, 1.5], Ema.Compute([double.NaN, 1.0, 1, 2], 3), "leading NaN");
        TestSeries.AssertBitEqual([double.NaN, double.NaN, 2, 3], Ema.Compute([1.0, 2, 3, 4], 3, EmaSeed.Sma), "SMA seed");
        TestSeries.AssertBitEqual([double.NaN, double.NaN, double.NaN, 3, 3.5], Ema.Compute([double.NaN, 2.0, 3, 4, 4], 3, EmaSeed.Sma), "SMA seed after NaN");
        double[] inPlace = [1, 2, 3];
        Ema.Compute(inPlace, 3, inPlace);
        TestSeries.AssertBitEqual([1, 1.5, 2.25], inPlace, "pandas ewm in place");
        inPlace = [1, 2, 3, 4];
        Ema.Compute(inPlace, 3, inPlace, EmaSeed.Sma);
        TestSeries.AssertBitEqual([double.NaN, double.NaN, 2, 3], inPlace, "SMA seed in place");
        // (1·1 + 2·2 + 3·3) / 6 and (1·2 + 2·3 + 3·4) / 6.
        TestSeries.AssertBitEqual([double.NaN, double.NaN, 14.0 / 6, 20.0 / 6], Wma.Compute([1.0, 2, 3, 4], 3), "wma");
    }
}
