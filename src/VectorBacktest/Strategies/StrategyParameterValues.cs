using System.Globalization;
using VectorBacktest.Data;

namespace VectorBacktest.Strategies;

/// <summary>
/// A complete, validated set of parameter values for one strategy: every declared parameter, given or defaulted, in
/// canonical invariant text, in declaration order. Built by <see cref="Resolve"/>.
/// </summary>
public sealed class StrategyParameterValues
{
    private readonly IReadOnlyList<StrategyParameter> _declared;
    private readonly string[] _values;

    private StrategyParameterValues(IReadOnlyList<StrategyParameter> declared, string[] values)
    {
        _declared = declared;
        _values = values;
    }

    /// <summary>The values as (name, text) pairs in declaration order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Pairs
    {
        get
        {
            var pairs = new KeyValuePair<string, string>[_values.Length];
            for (int i = 0; i < pairs.Length; i++) pairs[i] = new(_declared[i].Name, _values[i]);
            return pairs;
        }
    }

    /// <summary>Validates <paramref name="given"/> against <paramref name="declared"/> and fills in the defaults.</summary>
    /// <param name="strategy">The strategy's name, for messages.</param>
    /// <param name="declared">The strategy's parameters.</param>
    /// <param name="given">(name, text) pairs; names are case-insensitive; a later pair overrides an earlier one.</param>
    /// <exception cref="ArgumentException">An unknown name (the message lists the known ones) or a malformed value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value outside its range.</exception>
    public static StrategyParameterValues Resolve(string strategy, IReadOnlyList<StrategyParameter> declared,
        IEnumerable<KeyValuePair<string, string>>? given)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(declared);
        var values = new string[declared.Count];
        for (int i = 0; i < values.Length; i++) values[i] = declared[i].Default;
        if (given is not null)
        {
            foreach (var (name, text) in given)
            {
                int index = IndexOf(declared, name);
                if (index < 0)
                {
                    var known = new string[declared.Count];
                    for (int i = 0; i < known.Length; i++) known[i] = declared[i].Name;
                    throw new ArgumentException(
                        $"Strategy '{strategy}' has no parameter '{name}'. Its parameters: {(known.Length == 0 ? "none" : string.Join(", ", known))}.", nameof(given));
                }
                values[index] = declared[index].Canonicalize(text, strategy);
            }
        }
        return new StrategyParameterValues(declared, values);
    }

    /// <summary>Validates typed values (for strategy constructors): each is formatted as invariant text and resolved as
    /// by <see cref="Resolve"/>, so a constructor and the registry accept exactly the same values.</summary>
    /// <param name="strategy">The strategy's name, for messages.</param>
    /// <param name="declared">The strategy's parameters.</param>
    /// <param name="values">(name, value) pairs; values are <see cref="int"/>, <see cref="double"/>, <see cref="bool"/> or <see cref="Data.Timeframe"/>.</param>
    /// <exception cref="ArgumentException">An unknown name or a value of the wrong type.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value outside its range.</exception>
    public static StrategyParameterValues FromValues(string strategy, IReadOnlyList<StrategyParameter> declared, params (string Name, object Value)[] values)
    {
        var pairs = new KeyValuePair<string, string>[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            var (name, value) = values[i];
            string text = value switch
            {
                int v => v.ToString(CultureInfo.InvariantCulture),
                double v => v.ToString("R", CultureInfo.InvariantCulture),
                bool v => v ? "true" : "false",
                Data.Timeframe v => v.ToString(),
                _ => throw new ArgumentException($"Parameter '{name}' of strategy '{strategy}' has a value of unsupported type {value?.GetType().Name ?? "null"}.", nameof(values)),
            };
            pairs[i] = new(name, text);
        }
        return Resolve(strategy, declared, pairs);
    }

    /// <summary>An integer parameter's value.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <exception cref="KeyNotFoundException">No such parameter.</exception>
    public int Integer(string name) => int.Parse(Text(name, StrategyParameterKind.Integer), CultureInfo.InvariantCulture);

    /// <summary>A real parameter's value.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <exception cref="KeyNotFoundException">No such parameter.</exception>
    public double Number(string name) => double.Parse(Text(name, StrategyParameterKind.Number), CultureInfo.InvariantCulture);

    /// <summary>A boolean parameter's value.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <exception cref="KeyNotFoundException">No such parameter.</exception>
    public bool Boolean(string name) => Text(name, StrategyParameterKind.Boolean) == "true";

    /// <summary>A timeframe parameter's value.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <exception cref="KeyNotFoundException">No such parameter.</exception>
    public Timeframe Timeframe(string name) => Data.Timeframe.Parse(Text(name, StrategyParameterKind.Timeframe));

    private string Text(string name, StrategyParameterKind kind)
    {
        int index = IndexOf(_declared, name);
        if (index < 0 || _declared[index].Kind != kind) throw new KeyNotFoundException($"No {kind} parameter '{name}'.");
        return _values[index];
    }

    private static int IndexOf(IReadOnlyList<StrategyParameter> declared, string name)
    {
        for (int i = 0; i < declared.Count; i++)
            if (string.Equals(declared[i].Name, name?.Trim(), StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}
