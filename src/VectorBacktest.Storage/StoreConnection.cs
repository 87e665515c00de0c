using System.Diagnostics;
using DuckDB.NET.Data;

namespace VectorBacktest.Storage;

/// <summary>
/// Opens the store file for one operation and retries with backoff while another process holds it.
/// </summary>
/// <remarks>
/// DuckDB lets one process at a time open a database file for writing and fails fast ("Could not set lock on file")
/// otherwise. The store therefore keeps no connection between operations: each operation opens the file, does its
/// work in one transaction and closes it, and a second process waits by retrying the whole operation (open, work,
/// commit) with exponential backoff and jitter until <see cref="ResultStoreOptions.LockTimeout"/>. Because the work
/// runs in a transaction that is rolled back on any error, a retried or abandoned operation leaves nothing behind.
/// </remarks>
internal static class StoreConnection
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(400);

    public static T Run<T>(string path, ResultStoreOptions options, Func<DuckDBConnection, T> work)
    {
        var clock = Stopwatch.StartNew();
        var delay = FirstDelay;
        bool announced = false;
        while (true)
        {
            try
            {
                using var connection = OpenConnection(path);
                return work(connection);
            }
            catch (DuckDBException e) when (IsRetryable(e))
            {
                if (clock.Elapsed >= options.LockTimeout)
                    throw new ResultStoreBusyException(path, clock.Elapsed, e);
                if (!announced)
                {
                    announced = true;
                    options.Waiting?.Invoke(IsLock(e)
                        ? $"result store '{path}' is in use by another process; waiting up to {options.LockTimeout.TotalSeconds:0.#} s"
                        : $"write conflict on result store '{path}'; retrying for up to {options.LockTimeout.TotalSeconds:0.#} s");
                }
                var remaining = options.LockTimeout - clock.Elapsed;
                var jittered = delay * (0.5 + Random.Shared.NextDouble());
                Thread.Sleep(jittered < remaining ? jittered : remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
                delay = delay * 2 < MaxDelay ? delay * 2 : MaxDelay;
            }
        }
    }

    private static DuckDBConnection OpenConnection(string path)
    {
        var connection = new DuckDBConnection("Data Source=" + path);
        try
        {
            connection.Open();
            return connection;
        }
        catch (DuckDBException e) when (!IsRetryable(e))
        {
            connection.Dispose();
            throw new IOException($"Cannot open result store '{path}': {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static T InTransaction<T>(DuckDBConnection connection, Func<DuckDBConnection, T> work)
    {
        using var transaction = connection.BeginTransaction();
        try
        {
            var result = work(connection);
            transaction.Commit();
            return result;
        }
        catch
        {
            try
            {
                transaction.Rollback();
            }
            catch (DuckDBException)
            {
                // A failed commit has already ended the transaction; the original error is the one to report.
            }
            throw;
        }
    }

    private static bool IsLock(DuckDBException e) =>
        e.Message.Contains("Could not set lock", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("Conflicting lock", StringComparison.OrdinalIgnoreCase);

    private static bool IsRetryable(DuckDBException e) =>
        IsLock(e)
        || e.Message.Contains("Conflict on", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("write-write conflict", StringComparison.OrdinalIgnoreCase);
}
