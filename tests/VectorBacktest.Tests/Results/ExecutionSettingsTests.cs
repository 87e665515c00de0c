using VectorBacktest.Execution;
using VectorBacktest.Indicators;
using VectorBacktest.Kernels;
using VectorBacktest.Portfolio;
using VectorBacktest.Presets;
using VectorBacktest.Results;
using VectorBacktest.Tests.Portfolio;

namespace VectorBacktest.Tests.Results;

public sealed class ExecutionSettingsTests
{
    [Theory]
    [InlineData("backtesting-py")]
    [InlineData("btpy")]
    [InlineData("vectorbt")]
    public void A_preset_without_overrides_runs_exactly_like_the_preset(string name)
    {
        var bars = TestBars.Random(500, seed: 21);
        var fast = Sma.Compute(bars.Close, 5, SmaMode.Pandas);
        var slow = Sma.Compute(bars.Close, 20, SmaMode.Pandas);
        var signals = new SignalInputs(Crossings.Above(fast, slow), Crossings.Above(slow, fast));
        var settings = new ExecutionSettings { Preset = name, InitialCash = 50_000, Fees = 0.002, Slippage = 0.001, StopLoss = 0.02, TakeProfit = 0.04 };
        var preset = ExecutionPreset.Create(name == "backtesting-py" ? "btpy" : name, 50_000, 0.002, 0.001, 0.02, 0.04);

        var a = new SimulationWorkspace();
        var b = new SimulationWorkspace();
        var expected = preset.Run(bars, signals, a);
        var actual = settings.Run(bars, signals, b);
        Assert.Equal(expected, actual);
        Assert.True(a.Orders.SequenceEqual(b.Orders));
        Assert.True(a.Trades.SequenceEqual(b.Trades));
        Assert.Equal(preset.Options, settings.ToOptions());
        Assert.Equal(preset.Name, settings.PresetName);
    }

    [Fact]
    public void Engine_settings_reach_the_options_and_bad_values_name_their_key()
    {
        var options = new ExecutionSettings
        {
            Accumulate = true, MaxAdds = 3, Leverage = 1, MaxVolumeShare = 0.25, Remainder = RemainderPolicy.Carry,
            MaxDrawdown = 0.2, DailyLossLimit = 0.05,
        }.ToOptions();
        Assert.Equal((true, 3), (options.Accumulate, options.MaxAdds));
        Assert.Equal(new LiquidityLimits { MaxVolumeShare = 0.25, Remainder = RemainderPolicy.Carry }, options.Liquidity);
        Assert.Equal((0.2, 0.05), (options.Risk.MaxDrawdown, options.Risk.DailyLossLimit));
        Assert.Equal(int.MaxValue, new ExecutionSettings { Accumulate = true }.ToOptions().MaxAdds);
        var perpetual = new ExecutionSettings { Leverage = 5, MaintenanceMargin = 0.004 }.ToOptions();
        Assert.Equal((5.0, 0.004), (perpetual.Leverage, perpetual.MaintenanceMargin));
        Assert.Equal(default, new ExecutionSettings().ToOptions().Liquidity);

        Assert.Equal("MaxVolumeShare", Assert.Throws<ArgumentOutOfRangeException>(() => new ExecutionSettings { MaxVolumeShare = 2 }.ToOptions()).ParamName);
        Assert.Equal("MaxDrawdown", Assert.Throws<ArgumentOutOfRangeException>(() => new ExecutionSettings { MaxDrawdown = 1 }.ToOptions()).ParamName);
        Assert.Equal("MaxAdds", Assert.Throws<ArgumentOutOfRangeException>(() => new ExecutionSettings { MaxAdds = -1 }.ToOptions()).ParamName);
        Assert.Equal("Leverage", Assert.Throws<ArgumentOutOfRangeException>(() => new ExecutionSettings { Leverage = 0.5 }.ToOptions()).ParamName);
    }

    [Fact]
    public void Defaults_are_the_library_defaults_and_overrides_apply()
    {
        Assert.Equal(new SimulationOptions(), new ExecutionSettings().ToOptions());
        var options = new ExecutionSettings
        {
            Preset = "vectorbt", Timing = FillTiming.NextOpen, Sizing = SizingKind.EquityFraction, SizingValue = 0.5,
            EndOfData = EndOfData.CloseAtLastClose, TrailingStop = 0.1, TimeStopBars = 12,
        }.ToOptions();
        Assert.Equal(FillTiming.NextOpen, options.Timing);
        Assert.Equal(OrderSizing.EquityFraction(0.5), options.Sizing);
        Assert.Equal(EndOfData.CloseAtLastClose, options.EndOfData);
        Assert.Equal((0.1, 12), (options.Exits.TrailingFraction, options.Exits.TimeStopBars));
        Assert.False(options.SlipStopExits);
    }

    [Fact]
    public void Strategy_exits_replace_fractional_stops_and_cannot_be_combined_with_them()
    {
        var strategyExits = new ExitRules { StopLoss = ExitLevel.AtrMultiple(1), Reference = StopReference.SignalClose };
        var options = new ExecutionSettings { TrailingStop = 0.2 }.ToOptions(strategyExits);
        Assert.Equal(strategyExits with { TrailingFraction = 0.2 }, options.Exits);
        var e = Assert.Throws<ArgumentException>(() => new ExecutionSettings { StopLoss = 0.01 }.ToOptions(strategyExits));
        Assert.Contains("own stop-loss", e.Message);
    }

    [Theory]
    [InlineData("InitialCash")]
    [InlineData("Fees")]
    [InlineData("Slippage")]
    [InlineData("StopLoss")]
    [InlineData("TakeProfit")]
    [InlineData("TrailingStop")]
    [InlineData("TimeStopBars")]
    [InlineData("SizingValue")]
    public void Out_of_range_values_name_the_setting(string name)
    {
        var settings = name switch
        {
            "InitialCash" => new ExecutionSettings { InitialCash = 0 },
            "Fees" => new ExecutionSettings { Fees = -0.1 },
            "Slippage" => new ExecutionSettings { Slippage = 1.5 },
            "StopLoss" => new ExecutionSettings { StopLoss = 1 },
            "TakeProfit" => new ExecutionSettings { TakeProfit = double.NaN },
            "TrailingStop" => new ExecutionSettings { TrailingStop = -1 },
            "TimeStopBars" => new ExecutionSettings { TimeStopBars = -3 },
            _ => new ExecutionSettings { Sizing = SizingKind.CashFraction, SizingValue = 2 },
        };
        var e = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => settings.ToOptions());
        Assert.Equal(name == "SizingValue" ? "fraction" : name, e.ParamName);
    }

    [Fact]
    public void An_unknown_preset_lists_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => new ExecutionSettings { Preset = "zipline" }.ToOptions());
        Assert.Contains("zipline", e.Message);
        Assert.Contains("backtesting-py", e.Message);
        Assert.Contains("vectorbt", e.Message);
    }
}
