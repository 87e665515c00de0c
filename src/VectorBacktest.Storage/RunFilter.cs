namespace VectorBacktest.Storage;

/// <summary>Which runs <see cref="ResultStore.ListRuns"/> returns and in which order.</summary>
public sealed record RunFilter
{
    /// <summary>Only runs of this strategy (exact name), or null for all.</summary>
    public string? Strategy { get; init; }

    /// <summary>Only runs recorded at or after this time, or null for all.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Order by this statistic (any recorded name), runs without it last; null orders by run id, newest first.</summary>
    public string? SortBy { get; init; }

    /// <summary>Sort descending (largest first, the default) or ascending.</summary>
    public bool Descending { get; init; } = true;

    /// <summary>At most this many runs (positive); the default is 50.</summary>
    public int Limit { get; init; } = 50;
}
