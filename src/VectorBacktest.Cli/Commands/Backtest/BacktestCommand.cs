using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using VectorBacktest.Portfolio;
using VectorBacktest.Strategies;

namespace VectorBacktest.Cli.Commands.Backtest;

/// <summary>
/// <c>vbt backtest [--config file] [--data file] [--timeframe tf] [--strategy name] [--param key=value]... [--preset name]
/// [--cash x] [--fees x] [--slippage x] [--risk x] [--out dir]</c>: runs one backtest, prints the key statistics and writes
/// trades, orders, equity and statistics into the output folder. Flags override the config file.
/// </summary>
internal static class BacktestCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "JSON file describing the whole run (data, timeframe, strategy, parameters, execution, out); flags override it." };
        var data = new Option<string?>("--data") { Description = "Bar file (.csv, .csv.gz, .arrow, .parquet); the bundled sample when omitted." };
        var timeframe = new Option<string?>("--timeframe") { Description = "Resample the data to this timeframe first (15m, 1h, 4h, ...); 15m for the bundled sample by default." };
        var strategy = new Option<string?>("--strategy") { Description = $"Strategy: {string.Join(", ", StrategyRegistry.Names)} (default {BacktestConfig.DefaultStrategy})." };
        var param = new Option<string[]>("--param") { Description = "A strategy parameter as key=value (repeatable).", AllowMultipleArgumentsPerToken = false };
        var preset = new Option<string?>("--preset") { Description = "Execution conventions: backtesting-py or vectorbt (default: the library's)." };
        var cash = new Option<double?>("--cash") { Description = "Initial cash, quote currency (default 10000)." };
        var fees = new Option<double?>("--fees") { Description = "Fee per fill, a fraction of notional (0.001 = 0.1 %)." };
        var slippage = new Option<double?>("--slippage") { Description = "Slippage, a fraction of the price (backtesting-py preset: the spread)." };
        var risk = new Option<double?>("--risk")
        {
            Description = "Risk this fraction of equity per trade at the entry's stop (risk-fraction sizing; the stop is the strategy's own, " +
                "else execution.stopLoss).",
        };
        var output = new Option<string?>("--out") { Description = $"Output folder (default {BacktestConfig.DefaultOut})." };
        var store = new Option<string?>("--store") { Description = "Also record the run (description, statistics, trades, equity) in this result store file (see vbt runs)." };
        var command = new Command("backtest", "Run a backtest: print the key statistics, write trades.csv, orders.csv, equity.csv, stats.json.")
        {
            config, data, timeframe, strategy, param, preset, cash, fees, slippage, risk, output, store,
        };
        command.SetAction(parse => CliRunner.Run(() =>
        {
            var resolved = Resolve(parse.GetValue(config) is { } path ? BacktestConfig.Load(path) : new BacktestConfig(),
                parse.GetValue(data), parse.GetValue(timeframe), parse.GetValue(strategy), parse.GetValue(param) ?? [],
                parse.GetValue(preset), parse.GetValue(cash), parse.GetValue(fees), parse.GetValue(slippage), parse.GetValue(output),
                parse.GetValue(risk));
            var result = BacktestJob.Run(resolved);
            BacktestStatsTable.Print(result);
            string folder = resolved.Out ?? BacktestConfig.DefaultOut;
            BacktestOutput.Write(result, folder);
            AnsiConsole.WriteLine($"wrote {string.Join(", ", BacktestOutput.CsvFiles)}, {BacktestOutput.StatsFile} and the result files to {folder}");
            if (parse.GetValue(store) is { Length: > 0 } storePath)
            {
                var results = Runs.RunsCommand.Open(storePath, lockTimeoutSeconds: 30, create: true);
                AnsiConsole.WriteLine($"recorded run {results.Record(result)} in {results.Path}");
            }
            return CliRunner.Ok;
        }));
        return command;
    }

    /// <summary>The config with the command-line flags applied over it.</summary>
    /// <exception cref="ArgumentException">A malformed <c>--param</c>.</exception>
    internal static BacktestConfig Resolve(BacktestConfig config, string? data, string? timeframe, string? strategy, string[] parameters,
        string? preset, double? cash, double? fees, double? slippage, string? output, double? risk = null)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        // The config's parameters belong to the config's strategy; another strategy on the command line starts from defaults.
        bool sameStrategy = strategy is null || string.Equals(strategy.Trim(), config.Strategy ?? BacktestConfig.DefaultStrategy, StringComparison.OrdinalIgnoreCase);
        if (sameStrategy) pairs.AddRange(StrategyRegistry.FromJson(config.Parameters));
        foreach (var assignment in parameters) pairs.Add(StrategyRegistry.ParseAssignment(assignment));
        var execution = config.Execution with
        {
            Preset = preset ?? config.Execution.Preset,
            InitialCash = cash ?? config.Execution.InitialCash,
            Fees = fees ?? config.Execution.Fees,
            Slippage = slippage ?? config.Execution.Slippage,
            Sizing = risk is null ? config.Execution.Sizing : SizingKind.RiskFraction,
            SizingValue = risk ?? config.Execution.SizingValue,
        };
        return config with
        {
            Data = data ?? config.Data,
            Timeframe = timeframe ?? config.Timeframe,
            Strategy = strategy ?? config.Strategy,
            Parameters = ToJson(pairs),
            Execution = execution,
            Out = output ?? config.Out,
        };
    }

    private static JsonElement ToJson(List<KeyValuePair<string, string>> pairs)
    {
        if (pairs.Count == 0) return default;
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in pairs) map[key] = value;
        return JsonSerializer.SerializeToElement(map);
    }
}
