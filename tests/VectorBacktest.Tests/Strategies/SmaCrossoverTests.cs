using VectorBacktest.Strategies;
using VectorBacktest.Tests.Kernels;
using VectorBacktest.Tests.Portfolio;

namespace VectorBacktest.Tests.Strategies;

public sealed class SmaCrossoverTests
{
    [Fact]
    public void Crosses_give_entries_and_exits_on_the_cross_bars()
    {
        // Falls, rises, falls: fast (2) crosses slow (4) up once and down once.
        double[] closes = [10, 9, 8, 7, 6, 7, 9, 11, 13, 12, 10, 8, 6, 5];
        var bars = TestBars.From(closes.Select(c => (c, c, c, c)).ToArray());
        var fast = Reference.PandasRollingMean(closes, 2);
        var slow = Reference.PandasRollingMean(closes, 4);
        var signals = new SmaCrossover(2, 4).Generate(bars);
        Assert.Equal(Reference.CrossAbove(fast, slow, touch: false), signals.LongEntries.ToArray());
        Assert.Equal(Reference.CrossAbove(slow, fast, touch: false), signals.LongExits.ToArray());
        Assert.Equal(1, StrategyTestData.Count(signals.LongEntries));
        Assert.Equal(1, StrategyTestData.Count(signals.LongExits));
        Assert.True(signals.ShortEntries.IsEmpty);
        Assert.False(signals.HasStops);
        Assert.True(signals.StopLoss.IsEmpty && signals.TakeProfit.IsEmpty);
    }

    [Fact]
    public void With_shorts_the_downward_cross_reverses()
    {
        var bars = TestBars.Random(400, seed: 4);
        var signals = new SmaCrossover(5, 20, shorts: true).Generate(bars);
        Assert.Equal(signals.LongExits.ToArray(), signals.ShortEntries.ToArray());
        Assert.Equal(signals.LongEntries.ToArray(), signals.ShortExits.ToArray());
        Assert.True(StrategyTestData.Count(signals.ShortEntries) > 3);
    }

    [Fact]
    public void Signals_on_a_prefix_equal_the_first_rows_on_the_whole_series() =>
        StrategyTestData.AssertNoLookAhead(new SmaCrossover(7, 25, shorts: true), StrategyTestData.Synthetic(3000, "15m", 5), cuts: 20, seed: 1);

    [Theory]
    [InlineData(0, 30, "fast")]
    [InlineData(10, 20_000, "slow")]
    public void Out_of_range_windows_name_the_parameter(int fast, int slow, string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SmaCrossover(fast, slow));
        Assert.Equal(name, e.ParamName);
        Assert.Contains("sma-crossover", e.Message);
    }

    [Fact]
    public void Fast_must_be_shorter_than_slow()
    {
        var e = Assert.Throws<ArgumentException>(() => StrategyRegistry.Create("sma-crossover", ["fast=30", "slow=30"]));
        Assert.Contains("shorter", e.Message);
    }

    [Fact]
    public void Parameters_round_trip_through_their_text()
    {
        var strategy = new SmaCrossover(3, 12, shorts: true);
        Assert.Equal([new("fast", "3"), new("slow", "12"), new("shorts", "true")], strategy.Parameters);
        var again = (SmaCrossover)StrategyRegistry.Create(strategy.Name, strategy.Parameters);
        Assert.Equal((3, 12, true), (again.Fast, again.Slow, again.Shorts));
    }
}
