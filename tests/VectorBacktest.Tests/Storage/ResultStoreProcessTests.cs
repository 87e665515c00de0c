using System.Diagnostics;
using DuckDB.NET.Data;
using VectorBacktest.Storage;
using VectorBacktest.Tests.Data.Io;

namespace VectorBacktest.Tests.Storage;

/// <summary>
/// Two real processes (<c>dotnet vbt.dll runs import</c>) writing one store file: DuckDB admits one process at a
/// time, so the second must wait (or give up cleanly after its timeout) and the store must stay whole.
/// </summary>
public sealed class ResultStoreProcessTests
{
    private static readonly TimeSpan ProcessLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public void A_second_process_waits_for_the_lock_or_gives_up_cleanly_after_its_timeout()
    {
        using var folder = new TempFolder();
        var export = ExportRuns(folder, 3);
        var target = folder.File("target.duckdb");
        ResultStore.Open(target);

        VbtProcess patient, impatient;
        using (var holder = new DuckDBConnection("Data Source=" + target))
        {
            holder.Open();
            patient = VbtProcess.Start("runs", "import", export, "--store", target, "--lock-timeout", "60");
            impatient = VbtProcess.Start("runs", "import", export, "--store", target, "--lock-timeout", "0.5");
            // Deterministic overlap: release only once the patient process reports that it is waiting.
            Assert.True(patient.WaitForError("waiting:", ProcessLimit), "no wait message; stderr: " + patient.Error);
            Assert.Equal(1, impatient.Exit(ProcessLimit));
            Assert.Contains("busy", impatient.Error);
        }
        Assert.Equal(0, patient.Exit(ProcessLimit));
        Assert.Contains("imported 3 run(s)", patient.Output);

        var store = ResultStore.Open(target);
        Assert.Equal(3, store.ListRuns().Count);
        Assert.Equal(3 * 4, StoreTestRuns.Count(store, "equity"));
    }

    [Fact]
    public void Two_processes_writing_at_once_both_succeed_and_the_store_stays_whole()
    {
        using var folder = new TempFolder();
        var export = ExportRuns(folder, 50);
        var target = folder.File("target.duckdb");
        var first = VbtProcess.Start("runs", "import", export, "--store", target);
        var second = VbtProcess.Start("runs", "import", export, "--store", target);
        Assert.Equal(0, first.Exit(ProcessLimit));
        Assert.Equal(0, second.Exit(ProcessLimit));

        var store = ResultStore.Open(target);
        var runs = store.ListRuns(new RunFilter { Limit = 1000 });
        Assert.Equal(100, runs.Count);
        Assert.Equal(100, runs.Select(r => r.RunId).Distinct().Count());
        Assert.Equal(100, StoreTestRuns.Count(store, "stats"));
        Assert.Equal(100 * 3, StoreTestRuns.Count(store, "stat_values"));
        Assert.Equal(100 * 2, StoreTestRuns.Count(store, "trades"));
        Assert.Equal(100 * 4, StoreTestRuns.Count(store, "equity"));
    }

    private static string ExportRuns(TempFolder folder, int count)
    {
        var source = ResultStore.Open(folder.File("source.duckdb"));
        var runs = new RunRecord[count];
        for (int i = 0; i < count; i++)
            runs[i] = StoreTestRuns.Make("grid", i + 1, sharpe: i * 0.1, totalReturn: i * 0.01, trades: 2, equity: 4);
        source.RecordSweep(runs);
        var export = folder.File("export");
        source.ExportParquet(export);
        return export;
    }
}
