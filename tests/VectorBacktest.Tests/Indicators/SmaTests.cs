using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using VectorBacktest.Indicators;
using VectorBacktest.Tests.Infrastructure;
using VectorBacktest.Tests.Kernels;

namespace VectorBacktest.Tests.Indicators;

public class SmaTests
{
    [Property(MaxTest = 25)]
    public Property PandasModeIsBitIdenticalToPandasRollMeanForEveryLength() =>
        Prop.ForAll(TestSeries.Cases(40, withInfinities: true), c =>
        {
            for (int n = 0; n <= TestSeries.MaxLength; n++)
            {
                var x = c.Series(n);
                TestSeries.AssertBitEqual(Reference.PandasRollingMean(x, c.Window), Sma.Compute(x, c.Window, SmaMode.Pandas), $"{c}, n {n}");
            }
        });

    // Fast mode: the rolling-sum bound divided by the window, 8·ε·(n + w)·max|x|.
    [Property(MaxTest = 25)]
    public Property FastModeIsWithinRoundingOfTheExactMeanForEveryLength() =>
        Prop.ForAll(TestSeries.Cases(40, withInfinities: true), c =>
        {
            for (int n = 0; n <= TestSeries.MaxLength; n++)
            {
                var x = c.Series(n);
                double tolerance = 8 * Math.Pow(2, -52) * (n + c.Window) * Math.Max(1, TestSeries.MaxAbs(x));
                TestSeries.AssertClose(Reference.RollingMean(x, c.Window), Sma.Compute(x, c.Window, SmaMode.Fast), tolerance, $"{c}, n {n}");
            }
        });

    [Fact]
    public void FastModeOnALongSeriesCrossesChunkSeeds()
    {
        var x = TestSeries.Make(40_000, 3, nanRate: 0.0002);
        foreach (int w in new[] { 1, 50, 200, 1100 })
        {
            double tolerance = 8 * Math.Pow(2, -52) * (Math.Max(VectorBacktest.Kernels.RollingSum.ChunkLength, 4 * w) + w) * TestSeries.MaxAbs(x);
            TestSeries.AssertClose(Reference.RollingMean(x, w), Sma.Compute(x, w, SmaMode.Fast), tolerance, $"window {w}");
        }
    }

    [Fact]
    public void HandExamples()
    {
        double[] x = [1, 2, 3, 4, 5, double.NaN, 7, 8, 9];
        double[] expected = [double.NaN, double.NaN, 2, 3, 4, double.NaN, double.NaN, double.NaN, 8];
        TestSeries.AssertBitEqual(expected, Sma.Compute(x, 3, SmaMode.Pandas), "pandas");
        TestSeries.AssertBitEqual(expected, Sma.Compute(x, 3, SmaMode.Fast), "fast");
        TestSeries.AssertBitEqual([double.NaN, double.NaN], Sma.Compute([1.0, 2.0], 3, SmaMode.Pandas), "shorter than window");
        TestSeries.AssertBitEqual([], Sma.Compute([], 3, SmaMode.Pandas), "empty");
        // pandas returns the value itself for a window of identical values, even after rounding noise.
        double[] noisy = [0.1, 0.7, 0.3, 0.3, 0.3];
        Assert.Equal(0.3, Sma.Compute(noisy, 3, SmaMode.Pandas)[4]);
    }

    public static TheoryData<string> Cases => new() { "case0_published", "case1", "case2", "case3", "case6_btc1h" };

    [SharedTheory]
    [MemberData(nameof(Cases))]
    public void PandasModeReproducesBacktestingPyGoldenBitForBit(string caseName)
    {
        var close = CsvTable.Load(SharedFolder.File($"reference/btpy/{caseName}/ohlcv.csv")).Doubles("close");
        var golden = CsvTable.Load(SharedFolder.File($"reference/btpy/{caseName}/indicators.csv"));
        var (fast, slow) = Windows(caseName);
        TestSeries.AssertBitEqual(golden.Doubles("sma_fast"), Sma.Compute(close, fast, SmaMode.Pandas), $"{caseName} SMA({fast})");
        TestSeries.AssertBitEqual(golden.Doubles("sma_slow"), Sma.Compute(close, slow, SmaMode.Pandas), $"{caseName} SMA({slow})");
    }

    [SharedFact]
    public void Case3OneUlpTieAtBar519IsReproduced()
    {
        // SEMANTICS.md §2: the exact SMA(20) and SMA(60) are equal at bar 519; pandas has slow = fast − 1 ulp, which
        // makes bar 520 a cross. Fresh window sums leave the two equal and see no cross there.
        var close = CsvTable.Load(SharedFolder.File("reference/btpy/case3/ohlcv.csv")).Doubles("close");
        var fast = Sma.Compute(close, 20, SmaMode.Pandas);
        var slow = Sma.Compute(close, 60, SmaMode.Pandas);
        Assert.Equal(fast[519], Math.BitIncrement(slow[519]));
        Assert.True(VectorBacktest.Kernels.Crossings.Below(fast, slow)[520]);
        var freshFast = Reference.RollingMean(close, 20);
        var freshSlow = Reference.RollingMean(close, 60);
        Assert.Equal(freshFast[519], freshSlow[519]);
        Assert.False(VectorBacktest.Kernels.Crossings.Below(freshFast, freshSlow)[520]);
    }

    private static (int Fast, int Slow) Windows(string caseName)
    {
        var text = File.ReadAllText(SharedFolder.File($"reference/btpy/{caseName}/params.json"));
        using var doc = System.Text.Json.JsonDocument.Parse(text);
        var p = doc.RootElement.GetProperty("strategy").GetProperty("params");
        return (p.GetProperty("fast").GetInt32(), p.GetProperty("slow").GetInt32());
    }
}
