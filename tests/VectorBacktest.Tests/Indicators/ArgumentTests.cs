using VectorBacktest.Indicators;
using VectorBacktest.Kernels;

namespace VectorBacktest.Tests.Indicators;

/// <summary>Out-of-range parameters name the parameter and the allowed range; short series are all NaN, never an exception.</summary>
public class ArgumentTests
{
    private static readonly double[] X = [1, 2, 3, 4, 5];

    public static TheoryData<string, string, Action> WindowBelowOne => new()
    {
        { "window", "[1, ", () => Sma.Compute(X, 0) },
        { "window", "[1, ", () => Sma.Compute(X, 0, SmaMode.Fast) },
        { "period", "[1, ", () => Ema.Compute(X, 0) },
        { "window", "[1, ", () => Wma.Compute(X, -1) },
        { "period", "[1, ", () => Rsi.Compute(X, 0) },
        { "period", "[1, ", () => Atr.Compute(X, X, X, 0) },
        { "window", "[1, ", () => RollingSum.Compute(X, 0) },
        { "window", "[1, ", () => RollingMax.Compute(X, 0) },
        { "window", "[1, ", () => RollingMin.Compute(X, 0) },
        { "window", "[1, ", () => HighestIndex.Compute(X, 0) },
        { "window", "[1, ", () => LowestIndex.Compute(X, 0) },
        { "window", "[2, ", () => RollingStd.Compute(X, 1, 1) },
        { "ddof", "[0, ", () => RollingStd.Compute(X, 3, -1) },
        { "periods", "[0, ", () => Shift.Compute(X, -1) },
        { "periods", "[1, ", () => Diff.Compute(X, 0) },
        { "periods", "[1, ", () => PercentChange.Compute(X, 0) },
        { "fast", "[1, ", () => Macd.Compute(X, 0, 26, 9) },
        { "signal", "[1, ", () => Macd.Compute(X, 12, 26, 0) },
        { "width", "finite", () => BollingerBands.Compute(X, 3, double.NaN) },
        { "mode", "SmaMode", () => Sma.Compute(X, 3, (SmaMode)7) },
        { "seed", "EmaSeed", () => Ema.Compute(X, 3, (EmaSeed)7) },
    };

    [Theory]
    [MemberData(nameof(WindowBelowOne))]
    public void OutOfRangeParametersNameTheParameterAndRange(string parameter, string range, Action call)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(call);
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(range, e.Message);
    }

    [Fact]
    public void MismatchedOutputLengthNamesTheOutput()
    {
        var e = Assert.Throws<ArgumentException>(() => Sma.Compute(X, 2, new double[4]));
        Assert.Equal("output", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => TrueRange.Compute(X, X, new double[4], new double[5]));
        Assert.Equal("close", e.ParamName);
    }

    [Fact]
    public void SeriesShorterThanTheWindowIsAllNaN()
    {
        foreach (var y in new[]
                 {
                     Sma.Compute(X, 6), Sma.Compute(X, 6, SmaMode.Fast), Wma.Compute(X, 6), Rsi.Compute(X, 5),
                     Atr.Compute(X, X, X, 5), Ema.Compute(X, 6, EmaSeed.Sma), RollingSum.Compute(X, 6), RollingMax.Compute(X, 6),
                     RollingMin.Compute(X, 6), RollingStd.Compute(X, 6, 1), BollingerBands.Compute(X, 6).Upper, Diff.Compute(X, 9),
                 })
            Assert.All(y, v => Assert.True(double.IsNaN(v)));
        Assert.All(HighestIndex.Compute(X, 6), v => Assert.Equal(-1, v));
    }
}
