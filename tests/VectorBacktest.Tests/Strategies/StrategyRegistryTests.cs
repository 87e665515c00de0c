using System.Text.Json;
using VectorBacktest.Strategies;

namespace VectorBacktest.Tests.Strategies;

public sealed class StrategyRegistryTests
{
    [Fact]
    public void The_four_strategies_are_registered_by_name()
    {
        Assert.Equal(["sma-crossover", "fvg-retracement", "liquidity-sweep", "bos-continuation"], StrategyRegistry.Names);
        foreach (var name in StrategyRegistry.Names)
        {
            var strategy = StrategyRegistry.Create(name);
            Assert.Equal(name, strategy.Name);
            Assert.Equal(StrategyRegistry.Find(name).Parameters.Select(p => p.Name), strategy.Parameters.Select(p => p.Key));
            Assert.Equal(StrategyRegistry.Find(name).Parameters.Select(p => p.Default), strategy.Parameters.Select(p => p.Value));
        }
        Assert.Same(StrategyRegistry.Find("fvg-retracement"), StrategyRegistry.Find(" FVG-Retracement "));
    }

    [Fact]
    public void Every_parameter_is_documented_and_its_default_is_in_range()
    {
        foreach (var definition in StrategyRegistry.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(definition.Description));
            foreach (var p in definition.Parameters)
            {
                Assert.False(string.IsNullOrWhiteSpace(p.Description), p.Name);
                Assert.Equal(p.Default, p.Canonicalize(p.Default, definition.Name));
            }
        }
    }

    [Fact]
    public void Every_strategy_generates_columns_as_long_as_the_bars_with_defaults()
    {
        var bars = StrategyTestData.Synthetic(2000, "15m", 99);
        foreach (var name in StrategyRegistry.Names)
        {
            var signals = StrategyRegistry.Create(name).Generate(bars);
            Assert.Equal(bars.Length, signals.LongEntries.Length);
            Assert.True(signals.StopLoss.IsEmpty || signals.StopLoss.Length == bars.Length);
        }
    }

    [Fact]
    public void An_unknown_strategy_lists_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => StrategyRegistry.Create("turtle"));
        Assert.Contains("'turtle'", e.Message);
        Assert.Contains("sma-crossover, fvg-retracement, liquidity-sweep, bos-continuation", e.Message);
    }

    [Fact]
    public void An_unknown_parameter_lists_the_strategy_s_parameters()
    {
        var e = Assert.Throws<ArgumentException>(() => StrategyRegistry.Create("liquidity-sweep", ["swing=3"]));
        Assert.Contains("'swing'", e.Message);
        Assert.Contains("swingLength, rangePercent, rewardRisk, stopBuffer, shorts", e.Message);
    }

    [Theory]
    [InlineData("fvg-retracement", "swingLength=0", "[1, 500]")]
    [InlineData("fvg-retracement", "rewardRisk=101", "[0, 100]")]
    [InlineData("liquidity-sweep", "rangePercent=-0.1", "[0, 0.5]")]
    [InlineData("bos-continuation", "higherTimeframe=1m", "2m..1w")]
    [InlineData("bos-continuation", "higherTimeframe=2w", "2m..1w")]
    public void Out_of_range_values_state_the_range(string name, string assignment, string range)
    {
        var e = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => StrategyRegistry.Create(name, [assignment]));
        Assert.Contains(range, e.Message);
        Assert.Equal(assignment[..assignment.IndexOf('=')], e.ParamName);
    }

    [Theory]
    [InlineData("swingLength=2.5", "a whole number")]
    [InlineData("shorts=yes", "true or false")]
    [InlineData("rewardRisk=NaN", "a finite number")]
    [InlineData("rewardRisk=abc", "a finite number")]
    [InlineData("=3", "key=value")]
    [InlineData("swingLength", "key=value")]
    public void Malformed_values_say_what_is_expected(string assignment, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => StrategyRegistry.Create("fvg-retracement", [assignment]));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Parameters_parse_from_key_value_strings_and_from_json_alike()
    {
        var fromText = StrategyRegistry.Create("bos-continuation", ["higherTimeframe=1h", "swingLength=4", "rewardRisk=1.5", "shorts=false"]);
        using var json = JsonDocument.Parse("""{ "higherTimeframe": "1h", "swingLength": 4, "rewardRisk": 1.5, "shorts": false }""");
        var fromJson = StrategyRegistry.Create("bos-continuation", json.RootElement);
        Assert.Equal(fromText.Parameters, fromJson.Parameters);
        var bos = (BreakOfStructureContinuation)fromJson;
        Assert.Equal((60L, 4, 1.5, false), (bos.HigherTimeframe.Minutes, bos.SwingLength, bos.RewardRisk, bos.Shorts));
        Assert.Equal(StrategyRegistry.Create("bos-continuation").Parameters, StrategyRegistry.Create("bos-continuation", default(JsonElement)).Parameters);

        using var array = JsonDocument.Parse("""{ "swingLength": [4] }""");
        Assert.Contains("must be a number", Assert.Throws<ArgumentException>(() => StrategyRegistry.Create("bos-continuation", array.RootElement)).Message);
        using var notObject = JsonDocument.Parse("[1]");
        Assert.Throws<ArgumentException>(() => StrategyRegistry.Create("bos-continuation", notObject.RootElement));
    }

    [Fact]
    public void A_later_value_overrides_an_earlier_one_and_names_ignore_case()
    {
        var s = (SmaCrossover)StrategyRegistry.Create("sma-crossover", ["fast=5", "FAST=7"]);
        Assert.Equal(7, s.Fast);
    }
}
