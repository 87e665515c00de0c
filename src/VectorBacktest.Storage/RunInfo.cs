namespace VectorBacktest.Storage;

/// <summary>
/// The store's flat form of a run's description (one row of the <c>runs</c> table): everything needed to reproduce
/// the run (the data it read, the strategy and its parameters, the execution configuration, the library version)
/// plus its wall-clock span. <see cref="RunRecord.From"/> fills it from a <see cref="VectorBacktest.Results.RunDescription"/>.
/// </summary>
/// <remarks>
/// <see cref="ParametersJson"/>, <see cref="ExecutionConfigJson"/> and <see cref="DataJson"/> are JSON documents (any shape); the store
/// validates them when a run is recorded and keeps them verbatim, so SQL can read them with DuckDB's JSON functions.
/// </remarks>
public sealed record RunInfo
{
    /// <summary>Content hash of the input bars (any stable digest, e.g. hex SHA-256). Required, non-empty.</summary>
    public required string DataHash { get; init; }

    /// <summary>Where the data came from (file path, URL, "synthetic:seed=1"); empty when unknown.</summary>
    public string DataSource { get; init; } = "";

    /// <summary>Further facts about the data (symbol, timeframe, bar count, first and last bar) as a JSON document; <c>{}</c> when none.</summary>
    public string DataJson { get; init; } = "{}";

    /// <summary>Strategy name as the user selects it (e.g. "sma-cross"). Required, non-empty.</summary>
    public required string Strategy { get; init; }

    /// <summary>Strategy parameters as a JSON document; <c>{}</c> when the strategy takes none.</summary>
    public string ParametersJson { get; init; } = "{}";

    /// <summary>Execution configuration (fills, fees, slippage, sizing, cash) as a JSON document; <c>{}</c> when default.</summary>
    public string ExecutionConfigJson { get; init; } = "{}";

    /// <summary>Version of the library that produced the run (informational version string).</summary>
    public string LibraryVersion { get; init; } = LibraryVersionOf(typeof(RunInfo));

    /// <summary>Wall-clock time (UTC) at which the run started.</summary>
    public DateTimeOffset StartTime { get; init; }

    /// <summary>Wall-clock time (UTC) at which the run finished.</summary>
    public DateTimeOffset EndTime { get; init; }

    /// <summary>The informational version of the assembly that holds <paramref name="type"/> (assembly version when it has none).</summary>
    /// <param name="type">Any type of the assembly whose version is wanted.</param>
    /// <returns>The version string, e.g. "0.1.0+abc123".</returns>
    public static string LibraryVersionOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var assembly = type.Assembly;
        var informational = (System.Reflection.AssemblyInformationalVersionAttribute?)Attribute.GetCustomAttribute(
            assembly, typeof(System.Reflection.AssemblyInformationalVersionAttribute));
        return informational?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "unknown";
    }
}
