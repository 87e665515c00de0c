using System.Collections;
using Apache.Arrow;
using VectorBacktest.Storage;
using VectorBacktest.Tests.Data.Io;

namespace VectorBacktest.Tests.Storage;

public sealed class ResultStoreTransactionTests
{
    [Fact]
    public void A_failure_while_appending_rows_leaves_no_partial_run()
    {
        using var folder = new TempFolder();
        var store = ResultStore.Open(folder.File("r.duckdb"));
        long kept = store.Record(StoreTestRuns.Make("before", 1, 0.5, 0.1, trades: 2, equity: 3));

        // Run 2's trades hold a UInt64 beyond BIGINT: the failure happens after runs 0 and 1 (and their trades and
        // equity) were already appended in the same transaction.
        var tooLarge = new RecordBatch.Builder()
            .Append("volume", false, new UInt64Array.Builder().Append(1).Append(ulong.MaxValue).Build())
            .Build();
        var sweep = new[]
        {
            StoreTestRuns.Make("sweep", 2, 0.5, 0.1, trades: 3, equity: 4),
            StoreTestRuns.Make("sweep", 3, 0.5, 0.1, trades: 3, equity: 4),
            StoreTestRuns.Make("sweep", 4, 0.5, 0.1) with { Trades = tooLarge },
        };
        Assert.Throws<OverflowException>(() => store.RecordSweep(sweep));

        AssertOnly(store, kept, trades: 2, equity: 3);
        Assert.DoesNotContain("volume", store.GetTrades(kept).Columns.Select(c => c.Name));
        // The store is still writable after the rolled-back transaction.
        long after = store.Record(StoreTestRuns.Make("after", 5, 0.5, 0.1, trades: 1));
        Assert.Equal(2, store.ListRuns().Count);
        Assert.Equal(1, store.GetRun(after)!.TradeCount);
    }

    [Fact]
    public void An_exception_from_the_run_list_mid_sweep_records_nothing()
    {
        using var folder = new TempFolder();
        var store = ResultStore.Open(folder.File("r.duckdb"));
        long kept = store.Record(StoreTestRuns.Make("before", 1, 0.5, 0.1, trades: 2, equity: 3));
        var runs = new FailingList(
            [StoreTestRuns.Make("sweep", 2, 0.5, 0.1, trades: 3, equity: 4) with { Equity = Renamed(StoreTestRuns.Equity(4, 2)) }],
            failAt: 1);
        var e = Assert.Throws<InvalidOperationException>(() => store.RecordSweep(runs));
        Assert.Equal("injected", e.Message);
        AssertOnly(store, kept, trades: 2, equity: 3);
        Assert.DoesNotContain("nav", store.Query("SELECT * FROM equity LIMIT 0").Columns.Select(c => c.Name));
    }

    [Fact]
    public void Threads_of_one_process_record_concurrently_without_losing_runs()
    {
        using var folder = new TempFolder();
        var store = ResultStore.Open(folder.File("r.duckdb"));
        var ids = new System.Collections.Concurrent.ConcurrentBag<long>();
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
        {
            // Each thread's first run adds its own trade column: concurrent schema changes must be retried, not lost.
            var extra = new RecordBatch.Builder().Append("thread_" + t, false, new Int32Array.Builder().Append(t).Build()).Build();
            ids.Add(store.Record(StoreTestRuns.Make("t" + t, t, 0.1, 0.1) with { Trades = extra }));
            for (int i = 1; i < 8; i++)
                ids.Add(store.Record(StoreTestRuns.Make("t" + t, 100 * t + i, 0.1, 0.1, equity: 2)));
        });
        Assert.Equal(32, ids.Distinct().Count());
        Assert.Equal(32, StoreTestRuns.Count(store, "runs"));
        Assert.Equal(4, StoreTestRuns.Count(store, "trades"));
        Assert.Equal(28 * 2, StoreTestRuns.Count(store, "equity"));
    }

    private static void AssertOnly(ResultStore store, long kept, int trades, int equity)
    {
        Assert.Equal([kept], store.ListRuns().Select(r => r.RunId));
        Assert.Equal(1, StoreTestRuns.Count(store, "runs"));
        Assert.Equal(1, StoreTestRuns.Count(store, "stats"));
        Assert.Equal(3, StoreTestRuns.Count(store, "stat_values"));
        Assert.Equal(trades, StoreTestRuns.Count(store, "trades"));
        Assert.Equal(equity, StoreTestRuns.Count(store, "equity"));
    }

    private static RecordBatch Renamed(RecordBatch batch) => new RecordBatch.Builder()
        .Append("time", false, batch.Column(0)).Append("nav", false, batch.Column(1)).Build();

    /// <summary>A run list whose element <c>failAt</c> throws, as a producer failing mid-sweep would.</summary>
    private sealed class FailingList(RunRecord[] runs, int failAt) : IReadOnlyList<RunRecord>
    {
        public RunRecord this[int index] => index == failAt ? throw new InvalidOperationException("injected") : runs[index];
        public int Count => runs.Length + 1;
        public IEnumerator<RunRecord> GetEnumerator()
        {
            for (int i = 0; i < Count; i++)
                yield return this[i];
        }
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
