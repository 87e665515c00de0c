using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Portfolio;
using VectorBacktest.Presets;

namespace VectorBacktest.Tests.Portfolio;

public class BadInputTests
{
    private static readonly SimulationOptions Base = new() { InitialCash = 1000 };

    [Fact]
    public void Signal_columns_of_another_length_name_the_column()
    {
        var bars = TestBars.Flat(5, 10);
        var ex = Assert.Throws<ArgumentException>(() =>
            SignalSimulator.FromSignals(bars, new SignalInputs(new bool[5], new bool[4]), Base, new SimulationWorkspace()));
        Assert.Equal("signals.LongExits", ex.ParamName);
        Assert.Contains("4 values but there are 5 bars", ex.Message);
    }

    [Fact]
    public void Missing_entry_columns_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            SignalSimulator.FromSignals(TestBars.Flat(3, 10), new SignalInputs(default, new bool[3]), Base, new SimulationWorkspace()));
        Assert.Equal("signals", ex.ParamName);
    }

    [Fact]
    public void NaN_price_where_an_order_must_fill_names_the_bar()
    {
        var t = new long[] { 0, 60_000, 120_000 };
        var bars = BarSeries.FromArrays("X", null, t, [10, double.NaN, 10], [10, 10, 10], [10, 10, 10], [10, 10, 10], [1, 1, 1], validate: false);
        var ex = Assert.Throws<ArgumentException>(() =>
            SignalSimulator.FromSignals(bars, new SignalInputs(TestBars.At(3, 0), default), Base, new SimulationWorkspace()));
        Assert.Contains("bar 1", ex.Message);
        Assert.Equal("bars", ex.ParamName);
    }

    [Fact]
    public void Negative_sizes_and_fractions_out_of_range_throw()
    {
        Assert.Equal("quantity", Assert.Throws<ArgumentOutOfRangeException>(() => OrderSizing.Quantity(-1)).ParamName);
        Assert.Equal("notional", Assert.Throws<ArgumentOutOfRangeException>(() => OrderSizing.Notional(0)).ParamName);
        Assert.Equal("fraction", Assert.Throws<ArgumentOutOfRangeException>(() => OrderSizing.CashFraction(1.5)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            SignalSimulator.FromSignals(TestBars.Flat(3, 10), new SignalInputs(new bool[3], default), Base with { Sizing = default }, new SimulationWorkspace()));
        Assert.Equal("InitialCash", Assert.Throws<ArgumentOutOfRangeException>(() =>
            SignalSimulator.FromSignals(TestBars.Flat(3, 10), new SignalInputs(new bool[3], default), Base with { InitialCash = -5 }, new SimulationWorkspace())).ParamName);
        Assert.Equal("QuantityStep", Assert.Throws<ArgumentOutOfRangeException>(() => new LotRules { QuantityStep = -1 }.Validate()).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => ExitLevel.Fraction(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeInForce.GoodForBars(0));
    }

    [Fact]
    public void Stop_prices_on_the_wrong_side_name_the_level()
    {
        var bars = TestBars.Flat(4, 100);
        var options = Base with { Exits = new ExitRules { StopLoss = ExitLevel.Price(105) } };
        var ex = Assert.Throws<ArgumentException>(() =>
            SignalSimulator.FromSignals(bars, new SignalInputs(TestBars.At(4, 0), default), options, new SimulationWorkspace()));
        Assert.Equal("options.Exits.StopLoss", ex.ParamName);
        var tp = Base with { Exits = new ExitRules { TakeProfit = ExitLevel.Price(105) } };
        var ex2 = Assert.Throws<ArgumentException>(() =>
            SignalSimulator.FromSignals(bars, new SignalInputs(default, default, TestBars.At(4, 0), default), tp, new SimulationWorkspace()));
        Assert.Equal("options.Exits.TakeProfit", ex2.ParamName);
    }

    [Fact]
    public void Atr_exit_without_atr_column_is_rejected()
    {
        var options = Base with { Exits = new ExitRules { StopLoss = ExitLevel.AtrMultiple(2) } };
        var ex = Assert.Throws<ArgumentException>(() =>
            SignalSimulator.FromSignals(TestBars.Flat(4, 100), new SignalInputs(TestBars.At(4, 0), default), options, new SimulationWorkspace()));
        Assert.Equal("signals", ex.ParamName);
    }

    [Fact]
    public void Unknown_preset_names_the_argument_and_lists_the_known_ones()
    {
        var ex = Assert.Throws<ArgumentException>(() => ExecutionPreset.Create("zipline", 1000));
        Assert.Equal("name", ex.ParamName);
        Assert.Contains("backtesting.py", ex.Message);
        Assert.IsType<BacktestingPyPreset>(ExecutionPreset.Create("BTPY", 1000));
        Assert.IsType<VectorbtPreset>(ExecutionPreset.Create("vectorbt", 1000));
    }
}
