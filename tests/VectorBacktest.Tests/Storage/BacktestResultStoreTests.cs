using System.Text.Json;
using VectorBacktest.Results;
using VectorBacktest.Storage;
using VectorBacktest.Tests.Data.Io;
using VectorBacktest.Tests.Portfolio;
using VectorBacktest.Tests.Results;

namespace VectorBacktest.Tests.Storage;

public sealed class BacktestResultStoreTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("backtesting-py")]
    [InlineData("vectorbt")]
    public void A_backtest_result_is_recorded_with_its_description_stats_trades_and_equity(string? preset)
    {
        using var folder = new TempFolder();
        var bars = TestBars.Random(400, seed: 11);
        var result = BacktestResultTests.RunCrossover(bars, new ExecutionSettings { Preset = preset, InitialCash = 10_000, Fees = 0.001 });
        var store = ResultStore.Open(folder.File("r.duckdb"));
        long id = store.Record(result);

        var run = store.GetRun(id)!;
        Assert.Equal(result.Run.Data.Sha256, run.Info.DataHash);
        Assert.Equal(result.Run.Data.Source, run.Info.DataSource);
        Assert.Equal("test-crossover", run.Info.Strategy);
        Assert.Equal("""{"fast":"5","slow":"20"}""", run.Info.ParametersJson.Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal(result.Run.Execution, JsonSerializer.Deserialize<ExecutionSettings>(run.Info.ExecutionConfigJson, ResultJson.Options));
        Assert.Equal(result.Run.Data, JsonSerializer.Deserialize<DataDescription>(run.Info.DataJson, ResultJson.Options));
        Assert.Equal(result.Run.LibraryVersion, run.Info.LibraryVersion);
        Assert.Equal(result.Run.StartedAt.ToUnixTimeMilliseconds(), run.Info.StartTime.ToUnixTimeMilliseconds());

        var stats = result.Stats;
        Assert.Equal(stats.TotalReturn, run.Statistic("total_return"), 12);
        Assert.Equal(stats.Trades.Count, run.Statistic("trade_count"));
        Assert.Equal(stats.Performance.MaxDrawdown, run.Statistic("max_drawdown"));
        Assert.Equal(stats.TotalFees, run.Statistic("total_fees"));
        Assert.Equal(stats.Trades.AverageDuration.TotalDays, run.Statistic("trades.average_duration_days"));
        Assert.Equal(stats.Performance.Sharpe, (double)store.Query($"SELECT sharpe FROM stats WHERE run_id = {id}").Columns[0][0]!);
        Assert.Equal(preset == "backtesting-py", run.Statistics.ContainsKey("btpy.sharpe_ratio"));
        Assert.Equal(preset == "vectorbt", run.Statistics.ContainsKey("vbt.sharpe_ratio"));

        Assert.Equal(result.Trades.Count, run.TradeCount);
        Assert.Equal(result.BarCount, run.EquityCount);
        var equity = store.GetEquity(id);
        Assert.Equal(result.Equity.ToArray(), equity.Columns["equity"].Cast<double>());
        var trades = store.GetTrades(id);
        Assert.Equal(result.Trades.Select(t => t.Pnl), trades.Columns["pnl"].Cast<double>());
    }

    [Fact]
    public void Trades_and_equity_are_optional()
    {
        using var folder = new TempFolder();
        var result = BacktestResultTests.RunCrossover(TestBars.Random(200, seed: 5), new ExecutionSettings());
        var store = ResultStore.Open(folder.File("r.duckdb"));
        var run = store.GetRun(store.Record(result, includeTrades: false, includeEquity: false))!;
        Assert.Equal(0, run.TradeCount);
        Assert.Equal(0, run.EquityCount);
        Assert.True(run.Statistics.Count > 40);
    }

    [Theory]
    [InlineData("MaxDrawdown", "max_drawdown")]
    [InlineData("ValueAtRisk95", "value_at_risk_95")]
    [InlineData("AverageWinnerPnL", "average_winner_pnl")]
    [InlineData("Sqn", "sqn")]
    [InlineData("CAGR", "cagr")]
    [InlineData("ExposureTimePercent", "exposure_time_percent")]
    public void Statistic_names_are_snake_case(string property, string expected) =>
        Assert.Equal(expected, StatisticsFlattener.SnakeCase(property));
}
