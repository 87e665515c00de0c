using System.Reflection;

namespace VectorBacktest.Results;

/// <summary>
/// Everything that determines a run's outcome, so it can be reproduced and compared: the data (with its hash), the
/// strategy and its parameters, the execution settings and the library version, plus when the run happened.
/// </summary>
/// <remarks>Parameters are kept as invariant-culture text (<c>"fast" → "10"</c>) in the strategy's parameter order,
/// the form the strategy registry parses.</remarks>
public sealed record RunDescription
{
    /// <summary>The bars the run simulated.</summary>
    public required DataDescription Data { get; init; }

    /// <summary>The strategy's registry name (e.g. <c>fvg-retracement</c>).</summary>
    public required string Strategy { get; init; }

    /// <summary>Every strategy parameter (defaults included) as invariant text, in the strategy's order.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; }

    /// <summary>Cash, costs, timing, sizing, exits and preset.</summary>
    public required ExecutionSettings Execution { get; init; }

    /// <summary>The library's informational version (<see cref="CurrentLibraryVersion"/> by default).</summary>
    public string LibraryVersion { get; init; } = CurrentLibraryVersion;

    /// <summary>When the run started (UTC).</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the run finished (UTC).</summary>
    public DateTimeOffset FinishedAt { get; init; }

    /// <summary>The informational version of this VectorBacktest assembly (e.g. <c>0.1.0+abc123</c>).</summary>
    public static string CurrentLibraryVersion { get; } =
        typeof(RunDescription).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(RunDescription).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>Value equality, comparing <see cref="Parameters"/> element by element.</summary>
    /// <param name="other">The other description.</param>
    public bool Equals(RunDescription? other) =>
        other is not null && Data == other.Data && Strategy == other.Strategy && Parameters.SequenceEqual(other.Parameters)
        && Execution == other.Execution && LibraryVersion == other.LibraryVersion && StartedAt == other.StartedAt
        && FinishedAt == other.FinishedAt;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Data, Strategy, Parameters.Count, Execution, LibraryVersion, StartedAt, FinishedAt);

    /// <summary>The value of parameter <paramref name="name"/>, or null.</summary>
    /// <param name="name">The parameter's name (case-insensitive).</param>
    public string? Parameter(string name)
    {
        foreach (var (key, value) in Parameters)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return value;
        return null;
    }
}
