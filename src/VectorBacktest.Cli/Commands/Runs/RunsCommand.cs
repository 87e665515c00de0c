using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using VectorBacktest.Storage;

namespace VectorBacktest.Cli.Commands.Runs;

/// <summary><c>vbt runs …</c>: list, show, compare, query, export and import the runs of a result store.</summary>
internal static class RunsCommand
{
    /// <summary>Environment variable naming the store file when <c>--store</c> is not given.</summary>
    public const string StoreVariable = "VBT_STORE";

    public static Command Create()
    {
        var runs = new Command("runs", "List, show, compare, query, export and import recorded backtest runs (DuckDB result store).");
        runs.Subcommands.Add(RunsListCommand.Create());
        runs.Subcommands.Add(RunsShowCommand.Create());
        runs.Subcommands.Add(RunsCompareCommand.Create());
        runs.Subcommands.Add(RunsExportCommand.Create());
        runs.Subcommands.Add(RunsImportCommand.Create());
        runs.Subcommands.Add(RunsQueryCommand.Create());
        return runs;
    }

    /// <summary>The <c>--store</c> option.</summary>
    public static Option<string?> StoreOption() => new("--store")
    {
        Description = $"Result store file; ${StoreVariable} or {ResultStore.DefaultFileName} in the current folder when omitted.",
    };

    /// <summary>The <c>--lock-timeout</c> option (seconds).</summary>
    public static Option<double> LockTimeoutOption() => new("--lock-timeout")
    {
        Description = "Seconds to wait while another process uses the store.",
        DefaultValueFactory = _ => 30,
    };

    /// <summary>The store path from <c>--store</c>, then <c>$VBT_STORE</c>, then the default file.</summary>
    public static string ResolvePath(string? option) =>
        !string.IsNullOrEmpty(option) ? option
        : Environment.GetEnvironmentVariable(StoreVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : ResultStore.DefaultFileName;

    /// <summary>Opens the store; a wait for another process is reported on standard error.</summary>
    /// <exception cref="FileNotFoundException">The store does not exist and <paramref name="create"/> is false.</exception>
    public static ResultStore Open(string? option, double lockTimeoutSeconds, bool create = false)
    {
        if (!(lockTimeoutSeconds >= 0))
            throw new ArgumentOutOfRangeException("--lock-timeout", lockTimeoutSeconds, "The lock timeout must be zero or more seconds.");
        var path = ResolvePath(option);
        if (!create && !File.Exists(path))
            throw new FileNotFoundException($"Result store '{Path.GetFullPath(path)}' does not exist (record a run with vbt backtest --store, or pass --store).", path);
        return ResultStore.Open(path, new ResultStoreOptions
        {
            LockTimeout = TimeSpan.FromSeconds(lockTimeoutSeconds),
            Waiting = message => Console.Error.WriteLine("waiting: " + message),
        });
    }

    /// <summary>A statistic for a table cell: 6 significant digits, "-" for missing.</summary>
    public static string Format(double value) =>
        double.IsNaN(value) ? "-" : value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>A UTC time for a table cell.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A statistic for a narrow table cell: 4 significant digits, "-" for missing.</summary>
    public static string Short(double value) =>
        double.IsNaN(value) ? "-" : value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>A parameters JSON object as <c>key=value key=value</c> (the JSON itself when it is not an object).</summary>
    public static string Parameters(string json)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
                return json;
            var parts = new List<string>();
            foreach (var property in document.RootElement.EnumerateObject())
                parts.Add(property.Name + "=" + (property.Value.ValueKind == System.Text.Json.JsonValueKind.String
                    ? property.Value.GetString() : property.Value.GetRawText()));
            return string.Join(' ', parts);
        }
        catch (System.Text.Json.JsonException)
        {
            return json;
        }
    }

    /// <summary>Shortens long text (parameters JSON) for a table cell.</summary>
    public static string Clip(string text, int max) => Markup.Escape(text.Length <= max ? text : text[..(max - 1)] + "…");
}
