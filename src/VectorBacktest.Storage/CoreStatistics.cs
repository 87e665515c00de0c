namespace VectorBacktest.Storage;

/// <summary>
/// The statistics that get a typed column of their own in the <c>stats</c> table (snake_case column names), so that
/// SQL over thousands of sweep runs needs no pivot. Every statistic, core or not, is also in <c>stat_values</c>.
/// </summary>
public static class CoreStatistics
{
    /// <summary>The core statistic column names: returns and drawdowns are fractions (0.1 = 10 %), ratios annualised over 365 days.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "total_return", "annual_return", "annual_volatility", "sharpe", "sortino", "calmar", "max_drawdown",
        "trade_count", "win_rate", "profit_factor", "expectancy", "end_equity",
    ];

    /// <summary>The key names are compared by: lower case without underscores, spaces, dashes or percent signs.</summary>
    /// <param name="name">A statistic name.</param>
    /// <returns>The comparison key ("TotalReturn" and "total_return" both give "totalreturn").</returns>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<char> buffer = name.Length <= 128 ? stackalloc char[name.Length] : new char[name.Length];
        int n = 0;
        foreach (var c in name)
            if (c is not ('_' or ' ' or '-' or '%' or '[' or ']'))
                buffer[n++] = char.ToLowerInvariant(c);
        return new string(buffer[..n]);
    }

    /// <summary>The index of the core statistic <paramref name="name"/> matches, or -1.</summary>
    internal static int IndexOf(string name) => Indexes.GetOrAdd(name, static n =>
    {
        var key = Normalize(n);
        for (int i = 0; i < Names.Count; i++)
            if (Normalize(Names[i]) == key)
                return i;
        return -1;
    });

    // A sweep records the same few statistic names for every run: match each name once. Bounded by the distinct names seen.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Indexes = new(StringComparer.Ordinal);
}
