using System.Text.Json;
using System.Text.Json.Serialization;
using VectorBacktest.Results;

namespace VectorBacktest.Cli.Commands.Backtest;

/// <summary>
/// A whole <c>vbt backtest</c> run as JSON (schema in the README, example in <c>data/backtest.example.json</c>): the data,
/// the timeframe to resample to, the strategy and its parameters, the execution settings and the output folder.
/// Property names are camelCase, enum values kebab-case; unknown properties are errors.
/// </summary>
internal sealed record BacktestConfig
{
    /// <summary>Bar file; relative paths in a config file are resolved against the file's folder. Null: the bundled sample.</summary>
    public string? Data { get; init; }

    /// <summary>Timeframe to resample the data to (e.g. <c>15m</c>); null: the data's own, or 15m for the bundled sample.</summary>
    public string? Timeframe { get; init; }

    /// <summary>Strategy registry name; null: <see cref="DefaultStrategy"/>.</summary>
    public string? Strategy { get; init; }

    /// <summary>Strategy parameters as a JSON object (numbers, booleans, strings); missing ones take their defaults.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonElement Parameters { get; init; }

    /// <summary>Execution settings (preset, cash, fees, slippage, timing, sizing, stops, ...).</summary>
    public ExecutionSettings Execution { get; init; } = new();

    /// <summary>Output folder; relative paths in a config file are resolved against the file's folder. Null: <see cref="DefaultOut"/>.</summary>
    public string? Out { get; init; }

    /// <summary>The strategy run when none is named.</summary>
    public const string DefaultStrategy = "fvg-retracement";

    /// <summary>The timeframe the bundled sample is resampled to when none is named.</summary>
    public const string DefaultSampleTimeframe = "15m";

    /// <summary>The output folder when none is named.</summary>
    public const string DefaultOut = "out/backtest";

    /// <summary>Reads a config file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">The file is not a valid config (the message names the file and the problem).</exception>
    public static BacktestConfig Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Config file '{path}' not found.", path);
        BacktestConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<BacktestConfig>(File.ReadAllText(path), ResultJson.Options);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"Config file '{path}' is not a valid backtest config: {e.Message}", nameof(path), e);
        }
        if (config is null) throw new ArgumentException($"Config file '{path}' is empty (null).", nameof(path));
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return config with
        {
            Data = config.Data is null ? null : Path.Combine(folder, config.Data),
            Out = config.Out is null ? null : Path.Combine(folder, config.Out),
            Parameters = config.Parameters.ValueKind == JsonValueKind.Undefined ? default : config.Parameters.Clone(),
        };
    }

    /// <summary>Writes this config as JSON (the format <see cref="Load"/> reads).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ResultJson.Options);
}
