using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;

namespace VectorBacktest.Tests.Execution;

public class FeeModelTests
{
    [Fact]
    public void Fraction_fee_charges_rate_times_notional_plus_fixed()
    {
        var fee = new FractionFee(0.001, 2);
        Assert.Equal(2 + 3 * 100 * 0.001, fee.Fee(3, 100, Liquidity.Taker, 0), 15);
        Assert.Equal(fee.Fee(3, 100, Liquidity.Taker, 0), fee.Fee(3, 100, Liquidity.Maker, 1e9));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FractionFee(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FractionFee(0.001, double.NaN));
    }

    [Theory]
    [InlineData(10_000, 101.3, 0.001, 0)]
    [InlineData(5_000, 0.0123, 0.0005, 1.5)]
    [InlineData(1, 27_000, 0.002, 0)]
    public void Affordable_quantity_spends_the_budget(double budget, double price, double rate, double fixedFee)
    {
        var fee = new FractionFee(rate, fixedFee);
        double q = fee.AffordableQuantity(budget, price, Liquidity.Taker, 0);
        double cost = q * price + fee.Fee(q, price, Liquidity.Taker, 0);
        Assert.Equal(budget, cost, budget * 1e-12);
        Assert.Equal(0, new FixedFee(10).AffordableQuantity(5, 100, Liquidity.Taker, 0));
    }

    [Fact]
    public void Maker_taker_picks_the_rate_by_liquidity()
    {
        var fee = BinanceFees.UsdMFutures;
        Assert.Equal(1000 * 0.0002, fee.Fee(10, 100, Liquidity.Maker, 0), 15);
        Assert.Equal(1000 * 0.0005, fee.Fee(10, 100, Liquidity.Taker, 0), 15);
        Assert.Equal((0.001, 0.001), (BinanceFees.Spot.MakerRate, BinanceFees.Spot.TakerRate));
        Assert.Equal((0.00075, 0.00075), (BinanceFees.SpotWithBnb.MakerRate, BinanceFees.SpotWithBnb.TakerRate));
        double q = fee.AffordableQuantity(1000, 100, Liquidity.Taker, 0);
        Assert.Equal(1000, q * 100 + fee.Fee(q, 100, Liquidity.Taker, 0), 9);
    }

    [Fact]
    public void Tiered_fee_switches_tier_by_traded_notional()
    {
        var fee = new TieredFee(new FeeTier(0, 0.001, 0.001), new FeeTier(1_000_000, 0.0009, 0.001), new FeeTier(5_000_000, 0.0008, 0.0009));
        Assert.Equal(0.1, fee.Fee(1, 100, Liquidity.Maker, 999_999), 15);
        Assert.Equal(0.09, fee.Fee(1, 100, Liquidity.Maker, 1_000_000), 15);
        Assert.Equal(0.09, fee.Fee(1, 100, Liquidity.Taker, 6_000_000), 15);
        Assert.Throws<ArgumentException>(() => new TieredFee([]));
        Assert.Throws<InvalidOperationException>(() => default(TieredFee).Fee(1, 1, Liquidity.Taker, 0));
        Assert.Throws<ArgumentException>(() => new TieredFee(new FeeTier(10, 0.001, 0.001)));
        Assert.Throws<ArgumentException>(() => new TieredFee(new FeeTier(0, 0.001, 0.001), new FeeTier(0, 0.001, 0.001)));
    }
}
