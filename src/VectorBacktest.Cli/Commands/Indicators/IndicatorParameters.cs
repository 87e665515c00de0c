using System.Globalization;

namespace VectorBacktest.Cli.Commands.Indicators;

/// <summary>
/// The <c>--param key=value</c> pairs of one indicator call. Each getter names the parameter and its allowed
/// range in its error; <see cref="ThrowIfUnused"/> rejects keys the indicator did not ask for.
/// </summary>
internal sealed class IndicatorParameters
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);

    public IndicatorParameters(IEnumerable<string> pairs)
    {
        foreach (var pair in pairs)
        {
            int eq = pair.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"--param '{pair}' is not key=value.");
            var key = pair[..eq].Trim();
            if (!_values.TryAdd(key, pair[(eq + 1)..].Trim()))
                throw new ArgumentException($"--param {key} is given twice.");
        }
    }

    public int Int(string key, int fallback, int min = 1, int max = int.MaxValue)
    {
        if (!TryGet(key, out var text)) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) || v < min || v > max)
            throw new ArgumentException($"--param {key}={text}: expected a whole number in [{min}, {(max == int.MaxValue ? "∞" : max)}].");
        return v;
    }

    public double Double(string key, double fallback, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        if (!TryGet(key, out var text)) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) || v < min || v > max)
            throw new ArgumentException($"--param {key}={text}: expected a number in [{min}, {max}].");
        return v;
    }

    public bool Bool(string key, bool fallback)
    {
        if (!TryGet(key, out var text)) return fallback;
        return text.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => throw new ArgumentException($"--param {key}={text}: expected True or False."),
        };
    }

    public string? Text(string key, string? fallback) => TryGet(key, out var text) ? text : fallback;

    /// <summary>Throws when a key was given that the indicator never asked for (call it after reading every parameter).</summary>
    public void ThrowIfUnused(string indicator)
    {
        foreach (var key in _values.Keys)
            if (!_read.Contains(key))
                throw new ArgumentException(
                    $"'{indicator}' has no parameter '{key}'; it takes: {(_read.Count == 0 ? "none" : string.Join(", ", _read))}.");
    }

    private bool TryGet(string key, out string text)
    {
        _read.Add(key);
        return _values.TryGetValue(key, out text!);
    }
}
