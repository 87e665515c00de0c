using System.Globalization;
using VectorBacktest.Data;

namespace VectorBacktest.Strategies;

/// <summary>
/// One documented parameter of a strategy: its name, type, default, allowed range and meaning. Parameter values travel
/// as invariant-culture text (<c>"10"</c>, <c>"0.5"</c>, <c>"true"</c>, <c>"4h"</c>), the form of <c>key=value</c>
/// command-line arguments and of <see cref="Results.RunDescription.Parameters"/>.
/// </summary>
public sealed record StrategyParameter
{
    private StrategyParameter(string name, StrategyParameterKind kind, string defaultValue, double minimum, double maximum, string description)
    {
        Name = name;
        Kind = kind;
        Default = defaultValue;
        Minimum = minimum;
        Maximum = maximum;
        Description = description;
    }

    /// <summary>The name used in <c>key=value</c> pairs and JSON (lower camelCase).</summary>
    public string Name { get; }
    /// <summary>The value's type.</summary>
    public StrategyParameterKind Kind { get; }
    /// <summary>The default value as text.</summary>
    public string Default { get; }
    /// <summary>Smallest allowed value (numbers: inclusive; timeframes: minutes); NaN for booleans.</summary>
    public double Minimum { get; }
    /// <summary>Largest allowed value (numbers: inclusive; timeframes: minutes); NaN for booleans.</summary>
    public double Maximum { get; }
    /// <summary>What the parameter does, with its unit.</summary>
    public string Description { get; }

    /// <summary>The allowed range as text, e.g. <c>[1, 500]</c>, <c>true|false</c>, <c>1m..1w</c>.</summary>
    public string Range => Kind switch
    {
        StrategyParameterKind.Boolean => "true|false",
        StrategyParameterKind.Timeframe => $"{new Data.Timeframe((long)Minimum)}..{new Data.Timeframe((long)Maximum)}",
        _ => $"[{Minimum.ToString(CultureInfo.InvariantCulture)}, {Maximum.ToString(CultureInfo.InvariantCulture)}]",
    };

    /// <summary>An integer parameter in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    /// <param name="name">Its name.</param>
    /// <param name="defaultValue">Its default, inside the range.</param>
    /// <param name="minimum">Smallest allowed value.</param>
    /// <param name="maximum">Largest allowed value.</param>
    /// <param name="description">Its meaning and unit.</param>
    public static StrategyParameter Integer(string name, int defaultValue, int minimum, int maximum, string description) =>
        new(name, StrategyParameterKind.Integer, defaultValue.ToString(CultureInfo.InvariantCulture), minimum, maximum, description);

    /// <summary>A real parameter in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    /// <param name="name">Its name.</param>
    /// <param name="defaultValue">Its default, inside the range.</param>
    /// <param name="minimum">Smallest allowed value.</param>
    /// <param name="maximum">Largest allowed value.</param>
    /// <param name="description">Its meaning and unit.</param>
    public static StrategyParameter Number(string name, double defaultValue, double minimum, double maximum, string description) =>
        new(name, StrategyParameterKind.Number, defaultValue.ToString("R", CultureInfo.InvariantCulture), minimum, maximum, description);

    /// <summary>A boolean parameter.</summary>
    /// <param name="name">Its name.</param>
    /// <param name="defaultValue">Its default.</param>
    /// <param name="description">Its meaning.</param>
    public static StrategyParameter Boolean(string name, bool defaultValue, string description) =>
        new(name, StrategyParameterKind.Boolean, defaultValue ? "true" : "false", double.NaN, double.NaN, description);

    /// <summary>A timeframe parameter between <paramref name="minimum"/> and <paramref name="maximum"/>.</summary>
    /// <param name="name">Its name.</param>
    /// <param name="defaultValue">Its default.</param>
    /// <param name="minimum">Shortest allowed timeframe.</param>
    /// <param name="maximum">Longest allowed timeframe.</param>
    /// <param name="description">Its meaning.</param>
    public static StrategyParameter Timeframe(string name, Timeframe defaultValue, Timeframe minimum, Timeframe maximum, string description) =>
        new(name, StrategyParameterKind.Timeframe, defaultValue.ToString(), minimum.Minutes, maximum.Minutes, description);

    /// <summary>Parses and range-checks <paramref name="text"/>; returns the value in canonical text form.</summary>
    /// <param name="text">The value (invariant culture).</param>
    /// <param name="strategy">The strategy's name, for the message.</param>
    /// <exception cref="ArgumentException">The text is not a value of <see cref="Kind"/> (the message names the
    /// parameter and the expected form).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside <see cref="Range"/>.</exception>
    public string Canonicalize(string text, string strategy)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        switch (Kind)
        {
            case StrategyParameterKind.Integer:
                if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int i))
                    throw Malformed(text, strategy, "a whole number");
                CheckRange(i, strategy);
                return i.ToString(CultureInfo.InvariantCulture);
            case StrategyParameterKind.Number:
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || !double.IsFinite(d))
                    throw Malformed(text, strategy, "a finite number");
                CheckRange(d, strategy);
                return d.ToString("R", CultureInfo.InvariantCulture);
            case StrategyParameterKind.Boolean:
                if (!bool.TryParse(text, out bool b)) throw Malformed(text, strategy, "true or false");
                return b ? "true" : "false";
            default:
                if (!Data.Timeframe.TryParse(text, out var tf)) throw Malformed(text, strategy, "a timeframe such as 15m, 1h, 4h, 1d");
                if (tf.Minutes < Minimum || tf.Minutes > Maximum)
                    throw new ArgumentOutOfRangeException(Name, text, $"Parameter '{Name}' of strategy '{strategy}' must be in {Range}; got {text}.");
                return tf.ToString();
        }
    }

    /// <summary>Checks a typed value against <see cref="Range"/> (for strategy constructors).</summary>
    /// <param name="value">The value.</param>
    /// <param name="strategy">The strategy's name, for the message.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside the range or not finite.</exception>
    public void CheckRange(double value, string strategy)
    {
        if (!(value >= Minimum && value <= Maximum))
            throw new ArgumentOutOfRangeException(Name, value,
                $"Parameter '{Name}' of strategy '{strategy}' must be in {Range}; got {value.ToString(CultureInfo.InvariantCulture)}.");
    }

    private ArgumentException Malformed(string text, string strategy, string expected) =>
        new($"Parameter '{Name}' of strategy '{strategy}' must be {expected}; got '{text}'.", Name);
}
