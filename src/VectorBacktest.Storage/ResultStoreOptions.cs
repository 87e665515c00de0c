namespace VectorBacktest.Storage;

/// <summary>How a <see cref="ResultStore"/> waits for a store file that another process is using.</summary>
public sealed record ResultStoreOptions
{
    /// <summary>
    /// How long an operation keeps retrying while another process holds the store file (DuckDB allows one process
    /// at a time) or while a write conflicts; then it throws <see cref="ResultStoreBusyException"/>. Default 30 s.
    /// </summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Called once per operation, on the operation's thread, when it starts waiting (the argument says for what); null for silence.</summary>
    public Action<string>? Waiting { get; init; }
}
