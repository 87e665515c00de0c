using VectorBacktest.Execution;
using VectorBacktest.Execution.FillModels;

namespace VectorBacktest.Tests.Execution;

public class FillModelTests
{
    [Theory]
    [InlineData(96, 97, 94, 95, 105, ExitLevelHit.Lower, 95)] // stop inside the range
    [InlineData(94, 96, 93, 95, 105, ExitLevelHit.Lower, 94)] // gap below the stop: open
    [InlineData(106, 107, 104, 95, 105, ExitLevelHit.Upper, 106)] // gap above the target: open
    [InlineData(100, 106, 99, 95, 105, ExitLevelHit.Upper, 105)]
    [InlineData(100, 104, 96, 95, 105, ExitLevelHit.None, double.NaN)]
    public void Single_level_rules(double o, double h, double l, double lower, double upper, ExitLevelHit hit, double price)
    {
        var (actualHit, actualPrice) = BarExits.FirstTouched(default(PessimisticFillModel), o, h, l, lower, upper, true);
        Assert.Equal(hit, actualHit);
        Assert.Equal(price, actualPrice);
    }

    [Fact]
    public void Both_levels_in_one_bar_are_decided_by_the_model()
    {
        // Open 103 is nearer the high (106) than the low (94).
        Assert.Equal(ExitLevelHit.Lower, BarExits.FirstTouched(default(PessimisticFillModel), 103, 106, 94, 95, 105, true).Hit);
        Assert.Equal(ExitLevelHit.Upper, BarExits.FirstTouched(default(PessimisticFillModel), 103, 106, 94, 95, 105, false).Hit);
        Assert.Equal(ExitLevelHit.Upper, BarExits.FirstTouched(default(OptimisticFillModel), 103, 106, 94, 95, 105, true).Hit);
        Assert.Equal(ExitLevelHit.Upper, BarExits.FirstTouched(default(IntraBarPathFillModel), 103, 106, 94, 95, 105, true).Hit);
        Assert.Equal(ExitLevelHit.Lower, BarExits.FirstTouched(default(IntraBarPathFillModel), 97, 106, 94, 95, 105, false).Hit);
        // Equidistant: the losing level first.
        Assert.Equal(ExitLevelHit.Lower, BarExits.FirstTouched(default(IntraBarPathFillModel), 100, 106, 94, 95, 105, true).Hit);
        Assert.Equal(ExitLevelHit.Upper, BarExits.FirstTouched(default(IntraBarPathFillModel), 100, 106, 94, 95, 105, false).Hit);
    }

    [Fact]
    public void Exit_levels_resolve_on_the_documented_side()
    {
        Assert.Equal(98, ExitLevel.Fraction(0.02).Resolve(PositionSide.Long, true, 100, double.NaN), 12);
        Assert.Equal(104, ExitLevel.Fraction(0.04).Resolve(PositionSide.Long, false, 100, double.NaN), 12);
        Assert.Equal(102, ExitLevel.Fraction(0.02).Resolve(PositionSide.Short, true, 100, double.NaN), 12);
        Assert.Equal(94, ExitLevel.AtrMultiple(3).Resolve(PositionSide.Short, false, 100, 2));
        Assert.Equal(91, ExitLevel.Price(91).Resolve(PositionSide.Long, true, 100, double.NaN));
        Assert.Equal(double.NegativeInfinity, ExitLevel.None.Resolve(PositionSide.Long, true, 100, 1));
    }

    [Fact]
    public void Time_in_force_defaults_to_good_till_cancelled()
    {
        Assert.True(default(TimeInForce).IsGoodTillCancelled);
        Assert.Equal(1, TimeInForce.ImmediateOrCancel.Bars);
        Assert.Equal(5, TimeInForce.GoodForBars(5).Bars);
        Assert.Equal("GTC", TimeInForce.GoodTillCancelled.ToString());
    }

    [Theory]
    [InlineData(1.0, 0.1, 9.0)] // 1.0 / 0.1 rounds to 10, the exact quotient is below 10
    [InlineData(0.3, 0.1, 2.0)]
    [InlineData(10.0, 2.0, 5.0)]
    [InlineData(7.5, 1.0, 7.0)]
    [InlineData(0.0, 1.0, 0.0)]
    public void Floor_division_matches_python(double a, double b, double expected) =>
        Assert.Equal(expected, FloorDivision.Floor(a, b));

    [Fact]
    public void Lot_rules_round_down_to_the_step()
    {
        Assert.Equal(0.123, new LotRules { QuantityStep = 0.001 }.RoundDown(0.1239), 12);
        Assert.Equal(59, LotRules.WholeUnits.RoundDown(59.999));
        Assert.Equal(0.1239, new LotRules().RoundDown(0.1239));
        Assert.Equal(RejectReason.BelowMinQuantity, new LotRules { MinQuantity = 0.01 }.Check(0.005, 100));
        Assert.Equal(RejectReason.BelowMinQuantity, new LotRules().Check(0, 100));
        Assert.Equal(RejectReason.None, new LotRules { MinNotional = 5 }.Check(0.05, 100));
    }
}
