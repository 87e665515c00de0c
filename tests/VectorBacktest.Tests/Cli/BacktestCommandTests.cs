using System.Text.Json;
using VectorBacktest.Cli;
using VectorBacktest.Cli.Commands.Backtest;
using VectorBacktest.Execution;
using VectorBacktest.Portfolio;
using VectorBacktest.Results;
using VectorBacktest.Strategies;
using VectorBacktest.Tests.Infrastructure;

namespace VectorBacktest.Tests.Cli;

public sealed class BacktestCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vbt-backtest-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static int Invoke(params string[] args) => CliHarness.Run(BacktestCommand.Create(), ["backtest", .. args]).ExitCode;

    private string Out => Path.Combine(_folder, "out");

    [Fact]
    public void The_default_run_writes_every_documented_file_with_its_columns()
    {
        Assert.Equal(CliRunner.Ok, Invoke("--out", Out));

        var trades = CsvTable.Load(Path.Combine(Out, "trades.csv"));
        Assert.Equal(["entry_bar", "exit_bar", "entry_time", "exit_time", "side", "quantity", "entry_price", "exit_price", "entry_fee",
            "exit_fee", "funding", "pnl", "return", "exit_reason", "stop_loss", "take_profit", "asset", "fees", "is_open"], Header(Path.Combine(Out, "trades.csv")));
        Assert.Equal(["bar", "decision_bar", "time", "side", "status", "reject_reason", "reason", "quantity", "requested_quantity", "asset", "price", "fee", "at_open",
            "position_after", "entry_price_after", "balance_after"], Header(Path.Combine(Out, "orders.csv")));
        Assert.Equal(["time", "cash", "position_value", "equity", "drawdown"], Header(Path.Combine(Out, "equity.csv")));

        var result = BacktestResult.Load(Out);
        Assert.Equal(BacktestConfig.DefaultStrategy, result.Run.Strategy);
        Assert.Equal("15m", result.Run.Data.Timeframe);
        Assert.Equal("1m", result.Run.Data.ResampledFrom);
        Assert.Equal(DataDescription.HashFile(BundledData.SamplePath), result.Run.Data.Sha256);
        Assert.True(result.Trades.Count >= 10, $"{result.Trades.Count} trades on the bundled sample");
        Assert.Equal(result.Trades.Count, trades.Text("side").Length);
        Assert.Equal(result.Trades.Select(t => t.Pnl), trades.Doubles("pnl"));
        Assert.Equal(result.Trades.Select(t => t.EntryFee + t.ExitFee), trades.Doubles("fees"));
        Assert.Equal(result.Trades.Select(t => t.EntryTime), trades.EpochMs("entry_time"));
        var equity = CsvTable.Load(Path.Combine(Out, "equity.csv"));
        Assert.Equal(result.BarCount, equity.Doubles("equity").Length);
        Assert.Equal(result.Equity.ToArray(), equity.Doubles("equity"));
        Assert.Equal(result.Orders.Count, CsvTable.Load(Path.Combine(Out, "orders.csv")).Text("side").Length);

        using var stats = JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "stats.json")));
        Assert.Equal(10_000, stats.RootElement.GetProperty("initialCash").GetDouble());
        Assert.Equal(result.Stats.FinalEquity, stats.RootElement.GetProperty("finalEquity").GetDouble());
        Assert.True(stats.RootElement.GetProperty("performance").TryGetProperty("sharpe", out _));
        Assert.True(stats.RootElement.GetProperty("trades").TryGetProperty("winRate", out _));
        Assert.Empty(Directory.GetFiles(Out, "*.tmp"));
    }

    [Fact]
    public void A_config_file_describes_the_run_and_flags_override_it()
    {
        var config = new BacktestConfig
        {
            Timeframe = "1h",
            Strategy = "sma-crossover",
            Parameters = JsonSerializer.SerializeToElement(new { fast = 5, slow = 20, shorts = true }),
            Execution = new ExecutionSettings
            {
                Preset = "vectorbt", InitialCash = 20_000, Fees = 0.001, Timing = FillTiming.NextOpen, Sizing = SizingKind.EquityFraction,
                SizingValue = 0.5, StopLoss = 0.02, TakeProfit = 0.04,
            },
            Out = "ignored-by-flag",
        };
        Directory.CreateDirectory(_folder);
        string path = Path.Combine(_folder, "run.json");
        File.WriteAllText(path, config.ToJson());
        var loaded = BacktestConfig.Load(path);
        Assert.Equal(config.Execution, loaded.Execution);
        Assert.Equal(StrategyRegistry.FromJson(config.Parameters), StrategyRegistry.FromJson(loaded.Parameters));
        Assert.Equal(Path.Combine(_folder, "ignored-by-flag"), loaded.Out);

        Assert.Equal(CliRunner.Ok, Invoke("--config", path, "--cash", "5000", "--param", "slow=30", "--out", Out));
        var result = BacktestResult.Load(Out);
        Assert.Equal("sma-crossover", result.Run.Strategy);
        Assert.Equal("1h", result.Run.Data.Timeframe);
        Assert.Equal([new("fast", "5"), new("slow", "30"), new("shorts", "true")], result.Run.Parameters);
        Assert.Equal(config.Execution with { InitialCash = 5000 }, result.Run.Execution);
        Assert.NotNull(result.Stats.Vectorbt);
        Assert.Equal(5000, result.Stats.InitialCash);
        Assert.False(Directory.Exists(Path.Combine(_folder, "ignored-by-flag")));
    }

    [Fact]
    public void The_example_config_runs()
    {
        string example = Path.Combine(RepositoryRoot(), "data", "backtest.example.json");
        var config = BacktestConfig.Load(example);
        Assert.NotNull(config.Strategy);
        Assert.Equal(CliRunner.Ok, Invoke("--config", example, "--out", Out));
        Assert.Equal(config.Strategy, BacktestResult.Load(Out).Run.Strategy);
    }

    [Theory]
    [InlineData("--strategy", "no-such-strategy", "Unknown strategy 'no-such-strategy'")]
    [InlineData("--param", "noSuchParameter=1", "has no parameter 'noSuchParameter'")]
    [InlineData("--param", "swingLength=0", "must be in [1, 500]")]
    [InlineData("--param", "swingLength=five", "must be a whole number")]
    [InlineData("--param", "swingLength", "key=value")]
    [InlineData("--preset", "zipline", "Unknown execution preset 'zipline'")]
    [InlineData("--timeframe", "7x", "7x")]
    [InlineData("--fees", "-0.5", "Fees")]
    public void Bad_arguments_exit_with_code_2_a_clear_message_and_no_files(string flag, string value, string message)
    {
        var (code, _, error) = CliHarness.Run(BacktestCommand.Create(), "backtest", flag, value, "--out", Out);
        Assert.Equal(CliRunner.UsageError, code);
        // Spectre wraps long lines at the console width.
        Assert.Contains(message, System.Text.RegularExpressions.Regex.Replace(error, @"\s+", " "));
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public void The_statistics_table_is_printed()
    {
        var (code, output, _) = CliHarness.Run(BacktestCommand.Create(), "backtest", "--strategy", "liquidity-sweep", "--fees", "0.001", "--out", Out);
        Assert.Equal(CliRunner.Ok, code);
        foreach (var row in (string[])["liquidity-sweep on BTCUSDT-SYNTH 15m", "total return", "Sharpe", "max drawdown", "win rate", "profit factor", "fees paid"])
            Assert.Contains(row, output);
    }

    [Fact]
    public void The_risk_flag_sizes_each_entry_from_the_strategys_stop()
    {
        Assert.Equal(CliRunner.Ok, Invoke("--strategy", "liquidity-sweep", "--risk", "0.002", "--out", Out));
        var result = BacktestResult.Load(Out);
        Assert.Equal((SizingKind.RiskFraction, 0.002), (result.Run.Execution.Sizing, result.Run.Execution.SizingValue));
        // The first entry, taken with the whole initial cash as equity: 0.2 % of 10,000 at risk between the fill and the stop
        // (a tight stop would be capped by the cash: this one is not).
        var first = result.Trades[0];
        Assert.Equal(20 / Math.Abs(first.EntryPrice - first.StopLoss), first.Quantity, 9);
        Assert.True(first.Quantity * first.EntryPrice < 10_000);
    }

    [Fact]
    public void Fractional_stops_and_risk_sizing_combine_with_a_strategy_that_places_its_own()
    {
        // The strategy's per-entry stops take precedence; risk-fraction sizing sizes from them (no execution stop needed).
        Directory.CreateDirectory(_folder);
        string path = Path.Combine(_folder, "stops.json");
        File.WriteAllText(path, """{ "strategy": "bos-continuation", "execution": { "stopLoss": 0.02, "sizing": "risk-fraction", "sizingValue": 0.01 } }""");
        Assert.Equal(CliRunner.Ok, Invoke("--config", path, "--out", Out));
        // Without any stop, risk sizing is a usage error.
        File.WriteAllText(path, """{ "strategy": "sma-crossover", "execution": { "sizing": "risk-fraction", "sizingValue": 0.01 } }""");
        Assert.Equal(CliRunner.UsageError, Invoke("--config", path, "--out", Out));
    }

    [Fact]
    public void A_config_with_an_unknown_property_is_a_usage_error_naming_it()
    {
        Directory.CreateDirectory(_folder);
        string path = Path.Combine(_folder, "bad.json");
        File.WriteAllText(path, """{ "strategy": "sma-crossover", "execution": { "cahs": 5 } }""");
        var e = Assert.Throws<ArgumentException>(() => BacktestConfig.Load(path));
        Assert.Contains("cahs", e.Message);
        Assert.Equal(CliRunner.UsageError, Invoke("--config", path, "--out", Out));
    }

    [Fact]
    public void A_missing_data_file_is_a_data_error()
    {
        Assert.Equal(CliRunner.DataError, Invoke("--data", Path.Combine(_folder, "missing.parquet"), "--out", Out));
        Assert.Equal(CliRunner.DataError, Invoke("--config", Path.Combine(_folder, "missing.json"), "--out", Out));
    }

    private static string[] Header(string path) => File.ReadLines(path).First().Split(',');

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "VectorBacktest.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("The repository root (VectorBacktest.sln) was not found above the test binaries.");
    }
}
