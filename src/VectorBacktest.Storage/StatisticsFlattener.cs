using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace VectorBacktest.Storage;

/// <summary>
/// Turns a statistics object graph (records of numbers, nested records) into snake_case name/value pairs:
/// <c>Performance.MaxDrawdown</c> under prefix "" becomes <c>max_drawdown</c>, <c>Trades.WinRate</c> under "trades."
/// becomes <c>trades.win_rate</c>; time spans become days (<c>_days</c> suffix). Texts, times, flags and lists are skipped.
/// </summary>
internal static class StatisticsFlattener
{
    private const int MaxDepth = 4;

    // A sweep maps thousands of results of the same few types: look their properties up once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, (PropertyInfo Property, string Name)[]> Properties = new();

    /// <summary>Adds the numeric members of <paramref name="value"/>; a name already present keeps its first value.</summary>
    public static void Add(Dictionary<string, double> into, object? value, string prefix, Func<string, bool>? skip = null, int depth = 0)
    {
        if (value is null || depth > MaxDepth)
            return;
        foreach (var (property, snake) in Properties.GetOrAdd(value.GetType(), static t => t
                     .GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.GetIndexParameters().Length == 0)
                     .Select(p => (p, SnakeCase(p.Name))).ToArray()))
        {
            if (skip?.Invoke(property.Name) == true)
                continue;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var name = prefix + snake;
            if (type == typeof(double) || type == typeof(float) || type == typeof(int) || type == typeof(long)
                || type == typeof(short) || type == typeof(decimal))
            {
                if (property.GetValue(value) is { } number)
                    into.TryAdd(name, Convert.ToDouble(number, CultureInfo.InvariantCulture));
            }
            else if (type == typeof(TimeSpan))
            {
                if (property.GetValue(value) is TimeSpan span)
                    into.TryAdd(name + "_days", span.TotalDays);
            }
            else if (!type.IsPrimitive && !type.IsEnum && type != typeof(string) && type != typeof(DateTime)
                     && type != typeof(DateTimeOffset) && !typeof(IEnumerable).IsAssignableFrom(type))
            {
                Add(into, property.GetValue(value), name + ".", null, depth + 1);
            }
        }
    }

    /// <summary><c>MaxDrawdown</c> → <c>max_drawdown</c>, <c>ValueAtRisk95</c> → <c>value_at_risk_95</c>, <c>TotalPnL</c> → <c>total_pnl</c>.</summary>
    public static string SnakeCase(string name)
    {
        name = name.Replace("PnL", "Pnl", StringComparison.Ordinal);
        var text = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (i > 0 && (char.IsUpper(c) || (char.IsDigit(c) && !char.IsDigit(name[i - 1])))
                && (!char.IsUpper(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                text.Append('_');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
