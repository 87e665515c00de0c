namespace VectorBacktest.Storage;

/// <summary>The store file stayed locked by another process (or kept conflicting) for longer than <see cref="ResultStoreOptions.LockTimeout"/>.</summary>
public sealed class ResultStoreBusyException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The store file.</param>
    /// <param name="waited">How long the operation waited.</param>
    /// <param name="inner">The last lock or conflict error DuckDB reported.</param>
    public ResultStoreBusyException(string path, TimeSpan waited, Exception inner)
        : base($"Result store '{path}' is busy (locked by another process or conflicting writes) after waiting {waited.TotalSeconds:0.#} s: {inner.Message}", inner)
    {
        Path = path;
    }

    /// <summary>The store file.</summary>
    public string Path { get; }
}
