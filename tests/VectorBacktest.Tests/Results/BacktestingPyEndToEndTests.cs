using VectorBacktest.Results;
using VectorBacktest.Strategies;
using VectorBacktest.Tests.Analysis;
using VectorBacktest.Tests.Infrastructure;
using VectorBacktest.Tests.Presets;

namespace VectorBacktest.Tests.Results;

/// <summary>
/// The whole user path of a backtesting.py case: bars, the shipped <c>sma-crossover</c> strategy (close and reverse),
/// execution settings with the backtesting.py preset, the engine, the equity curve and the statistics, checked against
/// every key of the case's <c>stats.json</c>.
/// </summary>
public class BacktestingPyEndToEndTests
{
    [SharedTheory]
    [MemberData(nameof(BacktestingPyStatsGoldenTests.Cases), MemberType = typeof(BacktestingPyStatsGoldenTests))]
    public void Strategy_preset_engine_and_statistics_reproduce_stats_json(string caseName)
    {
        var c = BacktestingPyCase.Load(caseName);
        var strategy = StrategyRegistry.Create("sma-crossover", [$"fast={c.FastWindow}", $"slow={c.SlowWindow}", "shorts=true"]);
        var settings = new ExecutionSettings
        {
            Preset = "backtesting.py",
            InitialCash = c.Cash,
            Fees = c.Commission,
            Slippage = c.Spread,
            StopLoss = c.StopLoss,
            TakeProfit = c.TakeProfit,
        };

        var result = StrategyBacktest.Run(c.Bars, strategy, settings);

        Assert.Equal(c.Trades.Count, result.Trades.Count);
        Assert.NotNull(result.Stats.BacktestingPy);
        BacktestingPyStatsGoldenTests.AssertMatchesGolden(caseName, result.Stats.BacktestingPy!);
    }
}
