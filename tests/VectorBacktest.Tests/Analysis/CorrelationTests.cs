using FsCheck.Xunit;
using VectorBacktest.Analysis;
using static VectorBacktest.Tests.Analysis.AnalysisTestData;

namespace VectorBacktest.Tests.Analysis;

public class CorrelationTests
{
    [Fact]
    public void Hand_examples()
    {
        double[] x = [1, 2, 3, 4];
        Assert.Equal(1.0, Correlations.Pearson(x, [2, 4, 6, 8]));
        Assert.Equal(-1.0, Correlations.Pearson(x, [4, 3, 2, 1]));
        // x̄ = 2.5, ȳ = 2.5 for y = [1, 3, 2, 4]: Σdxdy = 4, Σdx² = Σdy² = 5.
        AssertClose(0.8, Correlations.Pearson(x, [1, 3, 2, 4]), 1e-14);
        Assert.True(double.IsNaN(Correlations.Pearson(x, [5, 5, 5, 5])));
        Assert.True(double.IsNaN(Correlations.Pearson([1], [2])));
        Assert.Equal(1.0, Correlations.Pearson([1, double.NaN, 2, 3], [2, 7, 4, 6]));
    }

    [Fact]
    public void Matrix_is_symmetric_with_unit_diagonal()
    {
        var a = RandomReturns(50, 1);
        var b = RandomReturns(50, 2);
        var c = a.Select((v, i) => -v).ToArray();
        var m = Correlations.Matrix([a, b, c]);
        Assert.Equal(1.0, m[0, 0]);
        Assert.Equal(m[0, 1], m[1, 0]);
        AssertClose(-1.0, m[0, 2], 1e-14);
        AssertClose(ReferenceMetrics.Pearson(a, b), m[0, 1], 1e-12);
        Assert.True(double.IsNaN(Correlations.Matrix([new double[] { 1, 1, 1 }])[0, 0]));
        Assert.Throws<ArgumentException>("columns", () => Correlations.Matrix([a, new double[3]]));
    }

    [Property(MaxTest = 150)]
    public void Pearson_matches_the_reference(byte length, ulong seed, bool withNaN)
    {
        var x = RandomReturns(length, seed, withNaN);
        var y = RandomReturns(length, seed ^ 0x5555, withNaN);
        AssertClose(ReferenceMetrics.Pearson(x, y), Correlations.Pearson(x, y), 1e-12, 1e-14);
    }

    [Fact]
    public void Position_returns_add_up_to_the_portfolio_return()
    {
        double[] pnlA = [10, -5, 20, 0], pnlB = [-2, 8, -4, 6];
        double[] equity = new double[4];
        double v = 1000;
        for (int t = 0; t < 4; t++) equity[t] = v += pnlA[t] + pnlB[t];
        var ra = new double[4];
        var rb = new double[4];
        MultiAssetAnalysis.PositionReturns(pnlA, equity, 1000, ra);
        MultiAssetAnalysis.PositionReturns(pnlB, equity, 1000, rb);
        var portfolio = new double[4];
        Returns.Simple(equity, 1000, portfolio);
        for (int t = 0; t < 4; t++) AssertClose(portfolio[t], ra[t] + rb[t], 1e-14);
        AssertClose(10.0 / 1000, ra[0], 1e-15);
        AssertClose(-5.0 / 1008, ra[1], 1e-15);

        var contributions = MultiAssetAnalysis.Contributions([pnlA, pnlB], equity, 1000);
        Assert.Equal(25.0, contributions[0].PnL);
        Assert.Equal(8.0, contributions[1].PnL);
        AssertClose(25.0 / 33, contributions[0].ShareOfPnL, 1e-14);
        AssertClose(1.0, contributions[0].ShareOfPnL + contributions[1].ShareOfPnL, 1e-14);
        AssertClose(0.025, contributions[0].ReturnContribution, 1e-14);
        AssertClose(ra.Sum(), contributions[0].CompoundedContribution, 1e-14);

        var positionCorrelation = MultiAssetAnalysis.PositionReturnCorrelation([pnlA, pnlB], equity, 1000);
        AssertClose(ReferenceMetrics.Pearson(ra, rb), positionCorrelation[0, 1], 1e-12);
        double[] priceA = [100, 110, 99, 120], priceB = [50, 55, 49.5, 60];
        var assetCorrelation = MultiAssetAnalysis.AssetReturnCorrelation([priceA, priceB]);
        AssertClose(1.0, assetCorrelation[0, 1], 1e-9);
    }
}
