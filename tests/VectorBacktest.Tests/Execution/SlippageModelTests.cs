using VectorBacktest.Execution;
using VectorBacktest.Execution.SlippageModels;

namespace VectorBacktest.Tests.Execution;

public class SlippageModelTests
{
    [Fact]
    public void Every_model_moves_the_price_against_the_trader()
    {
        ISlippageModel[] models =
        [
            new FixedFractionSlippage(0.001), new SpreadSlippage(0.002), new EntrySpreadSlippage(0.001),
            VolumeShareSlippage.ZiplineDefaults, new SquareRootImpactSlippage(1, 0.01),
        ];
        foreach (var m in models)
        {
            Assert.True(m.FillPrice(100, OrderSide.Buy, true, 10, 1000) > 100, m.ToString());
            Assert.True(m.FillPrice(100, OrderSide.Sell, true, 10, 1000) < 100, m.ToString());
        }
        Assert.Equal(100, new NoSlippage().FillPrice(100, OrderSide.Buy, true, 10, 1000));
    }

    [Fact]
    public void Values_follow_the_documented_formulas()
    {
        Assert.Equal(100 * 1.0005, new FixedFractionSlippage(0.0005).FillPrice(100, OrderSide.Buy, false, 1, 1));
        Assert.Equal(100 * (1 - 0.001), new SpreadSlippage(0.002).FillPrice(100, OrderSide.Sell, true, 1, 1));
        Assert.Equal(100, new EntrySpreadSlippage(0.001).FillPrice(100, OrderSide.Sell, false, 1, 1));
        Assert.Equal(100 * (1 + 0.1 * 0.01 * 0.01), new VolumeShareSlippage(0.1, 0.025).FillPrice(100, OrderSide.Buy, true, 10, 1000), 12);
        Assert.Equal(100 * (1 + 0.1 * 0.025 * 0.025), new VolumeShareSlippage(0.1, 0.025).FillPrice(100, OrderSide.Buy, true, 500, 1000), 12);
        Assert.Equal(100 * (1 - 0.5 * 0.02 * 0.1), new SquareRootImpactSlippage(0.5, 0.02).FillPrice(100, OrderSide.Sell, true, 10, 1000), 12);
        Assert.Equal(100, new SquareRootImpactSlippage(0.5, 0.02).FillPrice(100, OrderSide.Sell, true, 0, 1000));
    }

    [Fact]
    public void Out_of_range_parameters_throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedFractionSlippage(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpreadSlippage(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VolumeShareSlippage(0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SquareRootImpactSlippage(-1, 0.01));
    }
}
