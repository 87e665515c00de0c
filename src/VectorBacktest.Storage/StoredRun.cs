namespace VectorBacktest.Storage;

/// <summary>A run as the store holds it: the id the store gave it, when it was recorded, its description and statistics.</summary>
/// <param name="RunId">Id assigned by the store (positive, increasing in recording order within one store file).</param>
/// <param name="CreatedAt">UTC time at which the run was recorded.</param>
/// <param name="Info">The recorded description.</param>
/// <param name="Statistics">All recorded statistics by name; a statistic stored as NULL (NaN, infinity) reads back as NaN.</param>
/// <param name="TradeCount">Number of stored trade rows.</param>
/// <param name="EquityCount">Number of stored equity rows.</param>
public sealed record StoredRun(
    long RunId,
    DateTimeOffset CreatedAt,
    RunInfo Info,
    IReadOnlyDictionary<string, double> Statistics,
    long TradeCount,
    long EquityCount)
{
    /// <summary>The value of a statistic, or NaN when the run has no statistic of that name.</summary>
    /// <param name="name">Statistic name, matched exactly first, then ignoring case and underscores.</param>
    /// <returns>The value, or <see cref="double.NaN"/>.</returns>
    public double Statistic(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Statistics.TryGetValue(name, out var exact))
            return exact;
        var key = CoreStatistics.Normalize(name);
        foreach (var pair in Statistics)
            if (CoreStatistics.Normalize(pair.Key) == key)
                return pair.Value;
        return double.NaN;
    }
}
