using System.Text.Json;

namespace VectorBacktest.Strategies;

/// <summary>
/// The shipped strategies by name: <c>sma-crossover</c> (<see cref="SmaCrossover"/>), <c>fvg-retracement</c>
/// (<see cref="FairValueGapRetracement"/>), <c>liquidity-sweep</c> (<see cref="LiquiditySweepReversal"/>) and
/// <c>bos-continuation</c> (<see cref="BreakOfStructureContinuation"/>), with parameter parsing from <c>key=value</c>
/// strings and JSON objects.
/// </summary>
public static class StrategyRegistry
{
    /// <summary>Every registered strategy, in the order above.</summary>
    public static IReadOnlyList<StrategyDefinition> All { get; } =
    [
        SmaCrossover.Definition,
        FairValueGapRetracement.Definition,
        LiquiditySweepReversal.Definition,
        BreakOfStructureContinuation.Definition,
    ];

    /// <summary>The registered names.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(d => d.Name).ToArray();

    /// <summary>The definition named <paramref name="name"/> (case-insensitive).</summary>
    /// <param name="name">A registry name.</param>
    /// <exception cref="ArgumentException">No strategy has that name (the message lists the registered ones).</exception>
    public static StrategyDefinition Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var definition in All)
            if (string.Equals(definition.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)) return definition;
        throw new ArgumentException($"Unknown strategy '{name}'. Known strategies: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>Builds a strategy from (name, text) parameter pairs.</summary>
    /// <param name="name">The strategy's registry name.</param>
    /// <param name="parameters">Parameter values, or null for the defaults.</param>
    /// <exception cref="ArgumentException">An unknown strategy or parameter, a malformed value, or contradicting values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value outside its range.</exception>
    public static ISignalStrategy Create(string name, IEnumerable<KeyValuePair<string, string>>? parameters = null) =>
        Find(name).Create(parameters);

    /// <summary>Builds a strategy from <c>key=value</c> strings (e.g. <c>fast=10</c>).</summary>
    /// <param name="name">The strategy's registry name.</param>
    /// <param name="assignments">The assignments.</param>
    /// <exception cref="ArgumentException">A malformed assignment, an unknown strategy or parameter, or a malformed value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value outside its range.</exception>
    public static ISignalStrategy Create(string name, IEnumerable<string> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        return Create(name, assignments.Select(ParseAssignment).ToArray());
    }

    /// <summary>Builds a strategy from a JSON object of parameter values (numbers, booleans or strings).</summary>
    /// <param name="name">The strategy's registry name.</param>
    /// <param name="parameters">A JSON object such as <c>{"fast": 10, "slow": 30}</c>; <c>null</c> or undefined for the defaults.</param>
    /// <exception cref="ArgumentException">Not an object, a value that is an array/object, an unknown strategy or
    /// parameter, or a malformed value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value outside its range.</exception>
    public static ISignalStrategy Create(string name, JsonElement parameters) => Create(name, FromJson(parameters));

    /// <summary>Splits <c>key=value</c> into a pair.</summary>
    /// <param name="assignment">The text.</param>
    /// <exception cref="ArgumentException">No <c>=</c>, or an empty key.</exception>
    public static KeyValuePair<string, string> ParseAssignment(string assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        int eq = assignment.IndexOf('=');
        if (eq <= 0 || string.IsNullOrWhiteSpace(assignment[..eq]))
            throw new ArgumentException($"A strategy parameter must be written key=value; got '{assignment}'.", nameof(assignment));
        return new(assignment[..eq].Trim(), assignment[(eq + 1)..].Trim());
    }

    /// <summary>The (name, text) pairs of a JSON object of parameter values.</summary>
    /// <param name="parameters">A JSON object; null or undefined gives no pairs.</param>
    /// <exception cref="ArgumentException">Not an object, or a value that is an array, an object or null.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> FromJson(JsonElement parameters)
    {
        if (parameters.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) return [];
        if (parameters.ValueKind != JsonValueKind.Object)
            throw new ArgumentException($"Strategy parameters must be a JSON object; got {parameters.ValueKind}.", nameof(parameters));
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var property in parameters.EnumerateObject())
        {
            string text = property.Value.ValueKind switch
            {
                JsonValueKind.Number => property.Value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.String => property.Value.GetString()!,
                _ => throw new ArgumentException(
                    $"Strategy parameter '{property.Name}' must be a number, a boolean or a string; got {property.Value.ValueKind}.", nameof(parameters)),
            };
            pairs.Add(new(property.Name, text));
        }
        return pairs;
    }
}
