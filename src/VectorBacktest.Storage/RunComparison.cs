namespace VectorBacktest.Storage;

/// <summary>Statistics of several runs side by side: one row per statistic, one column per run.</summary>
public sealed class RunComparison
{
    private readonly double[,] _values;

    internal RunComparison(IReadOnlyList<StoredRun> runs, IReadOnlyList<string> statistics, double[,] values)
    {
        Runs = runs;
        Statistics = statistics;
        _values = values;
    }

    /// <summary>The compared runs, in the order they were asked for.</summary>
    public IReadOnlyList<StoredRun> Runs { get; }

    /// <summary>Names of the statistics: the core statistics first (in <see cref="CoreStatistics.Names"/> order), then the rest by name.</summary>
    public IReadOnlyList<string> Statistics { get; }

    /// <summary>The value of statistic <paramref name="statistic"/> (index into <see cref="Statistics"/>) for run <paramref name="run"/> (index into <see cref="Runs"/>); NaN when that run lacks it.</summary>
    /// <param name="statistic">Row index.</param>
    /// <param name="run">Column index.</param>
    /// <returns>The value or NaN.</returns>
    /// <exception cref="IndexOutOfRangeException">An index is out of range.</exception>
    public double Value(int statistic, int run) => _values[statistic, run];
}
