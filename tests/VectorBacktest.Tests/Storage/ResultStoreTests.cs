using Microsoft.Data.Analysis;
using VectorBacktest.Storage;
using VectorBacktest.Tests.Data.Io;

namespace VectorBacktest.Tests.Storage;

public sealed class ResultStoreTests
{
    [Fact]
    public void A_run_round_trips_with_description_stats_trades_and_equity()
    {
        using var folder = new TempFolder();
        var store = ResultStore.Open(folder.File("r.duckdb"));
        var record = StoreTestRuns.Make("sma-cross", 10, sharpe: 1.25, totalReturn: 0.3, trades: 4, equity: 5, extraStat: "exposure [%]");
        var stats = new Dictionary<string, double>(record.Statistics) { ["omega"] = double.PositiveInfinity };
        long id = store.Record(record with { Statistics = stats });

        var run = store.GetRun(id)!;
        Assert.Equal(id, run.RunId);
        Assert.True(run.CreatedAt > DateTimeOffset.UtcNow.AddMinutes(-5));
        var d = record.Info;
        Assert.Equal(d.DataHash, run.Info.DataHash);
        Assert.Equal(d.DataSource, run.Info.DataSource);
        Assert.Equal(d.Strategy, run.Info.Strategy);
        Assert.Equal(d.ParametersJson, run.Info.ParametersJson);
        Assert.Equal(d.ExecutionConfigJson, run.Info.ExecutionConfigJson);
        Assert.Equal(d.LibraryVersion, run.Info.LibraryVersion);
        Assert.Equal(d.StartTime, run.Info.StartTime);
        Assert.Equal(d.EndTime, run.Info.EndTime);
        Assert.Equal(1.25, run.Statistics["Sharpe"]);
        Assert.Equal(0.3, run.Statistic("TotalReturn"));
        Assert.Equal(10, run.Statistics["exposure [%]"]);
        Assert.True(double.IsNaN(run.Statistics["omega"]));
        Assert.Equal(4, run.TradeCount);
        Assert.Equal(5, run.EquityCount);

        // The core statistics are typed columns too.
        var core = store.Query($"SELECT sharpe, total_return, max_drawdown, win_rate FROM stats WHERE run_id = {id}");
        Assert.Equal(1.25, core.Columns["sharpe"][0]);
        Assert.Equal(0.3, core.Columns["total_return"][0]);
        Assert.Equal(-1.0, (double)core.Columns["max_drawdown"][0]!, 12);
        Assert.Null(core.Columns["win_rate"][0]);

        var trades = store.GetTrades(id);
        Assert.Equal(["entry_time", "side", "pnl", "is_open", "entry_bar", "exit_at"], trades.Columns.Select(c => c.Name));
        Assert.Equal(4, trades.Rows.Count);
        Assert.Equal(1_700_000_060_000L, trades.Columns["entry_time"][1]);
        Assert.Equal("short", trades.Columns["side"][1]);
        Assert.Equal(-15.0, trades.Columns["pnl"][0]);
        Assert.True(double.IsNaN((double)trades.Columns["pnl"][1]!));
        Assert.Equal(true, trades.Columns["is_open"][3]);
        Assert.Equal(30L, trades.Columns["entry_bar"][3]);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_060_000L).UtcDateTime, trades.Columns["exit_at"][0]);
        Assert.Null(trades.Columns["exit_at"][2]);

        var equity = store.GetEquity(id);
        Assert.Equal(5, equity.Rows.Count);
        for (int i = 0; i < 5; i++)
            Assert.Equal(10_000 + i * 10 * 0.5, equity.Columns["equity"][i]);
        Assert.Null(store.GetRun(id + 1000));
    }

    [Fact]
    public void Runs_without_trades_share_tables_with_runs_that_add_columns()
    {
        using var folder = new TempFolder();
        var store = ResultStore.Open(folder.File("r.duckdb"));
        long plain = store.Record(StoreTestRuns.Make("a", 1, 0.5, 0.1));
        long withTrades = store.Record(StoreTestRuns.Make("a", 2, 0.5, 0.1, trades: 3));
        var narrow = StoreTestRuns.Equity(2, 3);
        long intoDouble = store.Record(StoreTestRuns.Make("a", 3, 0.5, 0.1) with { Equity = narrow });
        Assert.Equal(0, store.GetTrades(plain).Rows.Count);
        Assert.Equal(3, store.GetTrades(withTrades).Rows.Count);
        Assert.Equal(2, store.GetEquity(intoDouble).Rows.Count);
    }

    [Fact]
    public void ListRuns_filters_sorts_and_limits()
    {
        using var folder = new TempFolder();
        var store = ResultStore.Open(folder.File("r.duckdb"));
        var ids = store.RecordSweep(
        [
            StoreTestRuns.Make("sma", 1, sharpe: 0.5, totalReturn: 0.4, extraStat: "custom"),
            StoreTestRuns.Make("sma", 2, sharpe: 2.0, totalReturn: -0.1, extraStat: "custom"),
            StoreTestRuns.Make("rsi", 3, sharpe: 1.0, totalReturn: 0.2),
            StoreTestRuns.Make("sma", 4, sharpe: double.NaN, totalReturn: 0.1, extraStat: "custom"),
        ]);
        Assert.Equal(4, ids.Distinct().Count());

        Assert.Equal(ids.Reverse(), store.ListRuns().Select(r => r.RunId));
        Assert.Equal([ids[1], ids[0], ids[3]], store.ListRuns(new RunFilter { Strategy = "sma", SortBy = "sharpe" }).Select(r => r.RunId));
        Assert.Equal([ids[0], ids[1]], store.ListRuns(new RunFilter { Strategy = "sma", SortBy = "Sharpe", Descending = false, Limit = 2 }).Select(r => r.RunId));
        Assert.Equal([ids[0], ids[2], ids[3], ids[1]], store.ListRuns(new RunFilter { SortBy = "TotalReturn" }).Select(r => r.RunId));
        Assert.Equal([ids[3], ids[1], ids[0], ids[2]], store.ListRuns(new RunFilter { SortBy = "custom" }).Select(r => r.RunId));
        Assert.Empty(store.ListRuns(new RunFilter { Since = DateTimeOffset.UtcNow.AddHours(1) }));
        Assert.Equal(4, store.ListRuns(new RunFilter { Since = DateTimeOffset.UtcNow.AddHours(-1) }).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => store.ListRuns(new RunFilter { Limit = 0 }));
    }

    [Fact]
    public void Compare_puts_statistics_side_by_side()
    {
        using var folder = new TempFolder();
        var store = ResultStore.Open(folder.File("r.duckdb"));
        long a = store.Record(StoreTestRuns.Make("sma", 1, sharpe: 0.5, totalReturn: 0.4, extraStat: "custom"));
        long b = store.Record(StoreTestRuns.Make("rsi", 2, sharpe: 2.0, totalReturn: -0.1));
        var comparison = store.Compare([b, a]);
        Assert.Equal([b, a], comparison.Runs.Select(r => r.RunId));
        Assert.Equal(["total_return", "sharpe", "max_drawdown", "custom"], comparison.Statistics);
        Assert.Equal(-0.1, comparison.Value(0, 0));
        Assert.Equal(0.4, comparison.Value(0, 1));
        Assert.Equal(2.0, comparison.Value(1, 0));
        Assert.True(double.IsNaN(comparison.Value(3, 0)));
        Assert.Equal(1.0, comparison.Value(3, 1));
        var missing = Assert.Throws<ArgumentException>(() => store.Compare([a, 999]));
        Assert.Contains("999", missing.Message);
        Assert.Throws<ArgumentException>(() => store.Compare([]));
    }

    [Fact]
    public async Task Parquet_export_reads_back_and_imports_into_another_store()
    {
        using var folder = new TempFolder();
        var store = ResultStore.Open(folder.File("r.duckdb"));
        var ids = store.RecordSweep(
        [
            StoreTestRuns.Make("sma", 1, 0.5, 0.4, trades: 3, equity: 4),
            StoreTestRuns.Make("sma", 2, 1.5, 0.2, trades: 2, equity: 6),
            StoreTestRuns.Make("rsi", 3, 2.5, 0.1, trades: 5, equity: 7),
        ]);
        var files = store.ExportParquet(folder.File("export"), [ids[0], ids[2]]);
        Assert.Equal(5, files.Count);
        Assert.All(files, f => Assert.True(File.Exists(f), f));
        Assert.Empty(Directory.GetFiles(folder.File("export"), "*.tmp"));

        DataFrame Read(string table) => store.Query($"SELECT * FROM read_parquet('{folder.File("export")}/{table}.parquet')");
        Assert.Equal([ids[0], ids[2]], Read("runs").Columns["run_id"].Cast<long>());
        Assert.Equal("rsi", Read("runs").Columns["strategy"][1]);
        Assert.Equal(2.5, Read("stats").Columns["sharpe"][1]);
        Assert.Equal(8, Read("trades").Rows.Count);
        Assert.Equal(11, Read("equity").Rows.Count);

        // Parquet.Net reads the same file (the interchange format, not only DuckDB's own).
        await using (var stream = File.OpenRead(Path.Combine(folder.File("export"), "equity.parquet")))
        {
            await using var parquet = await Parquet.ParquetReader.CreateAsync(stream);
            Assert.Equal(11, parquet.Metadata!.NumRows);
        }

        var other = ResultStore.Open(folder.File("other.duckdb"));
        other.Record(StoreTestRuns.Make("pre-existing", 9, 0.1, 0.1));
        var imported = other.ImportParquet(folder.File("export"));
        Assert.Equal(2, imported.Count);
        var first = other.GetRun(imported[0])!;
        var original = store.GetRun(ids[0])!;
        Assert.Equal(original.Info, first.Info);
        Assert.Equal(original.CreatedAt, first.CreatedAt);
        Assert.Equal(original.Statistics, first.Statistics);
        Assert.Equal(3, first.TradeCount);
        Assert.Equal(4, first.EquityCount);
        Assert.Equal(store.GetEquity(ids[2]).Columns["equity"].Cast<double>(), other.GetEquity(imported[1]).Columns["equity"].Cast<double>());
        Assert.Equal(3, other.ListRuns().Count);
    }

    [Fact]
    public void Reopening_keeps_data_and_applies_the_schema_once()
    {
        using var folder = new TempFolder();
        var path = folder.File("r.duckdb");
        long id = ResultStore.Open(path).Record(StoreTestRuns.Make("sma", 1, 0.5, 0.4, trades: 2));
        var reopened = ResultStore.Open(path);
        Assert.Equal("sma", reopened.GetRun(id)!.Info.Strategy);
        long next = reopened.Record(StoreTestRuns.Make("sma", 2, 0.5, 0.4));
        Assert.True(next > id);
        var versions = reopened.Query("SELECT version FROM schema_version");
        Assert.Equal([(long)ResultStore.SchemaVersion], versions.Columns["version"].Cast<long>());
    }

    [Fact]
    public void A_store_from_a_newer_schema_is_refused()
    {
        using var folder = new TempFolder();
        var path = folder.File("r.duckdb");
        var store = ResultStore.Open(path);
        store.Query($"INSERT INTO schema_version VALUES ({ResultStore.SchemaVersion + 1}, now()::TIMESTAMP) RETURNING version");
        var e = Assert.Throws<IOException>(() => ResultStore.Open(path));
        Assert.Contains("newer", e.Message);
    }

    [Fact]
    public void Invalid_runs_are_rejected_with_the_run_index()
    {
        using var folder = new TempFolder();
        var store = ResultStore.Open(folder.File("r.duckdb"));
        var good = StoreTestRuns.Make("sma", 1, 0.5, 0.4);
        var badJson = good with { Info = good.Info with { ParametersJson = "{fast:" } };
        var e = Assert.Throws<ArgumentException>(() => store.RecordSweep([good, badJson]));
        Assert.Contains("Run 1", e.Message);
        Assert.Contains("ParametersJson", e.Message);
        Assert.Throws<ArgumentException>(() => store.Record(good with { Info = good.Info with { Strategy = " " } }));
        Assert.Throws<ArgumentException>(() => store.Record(good with { Statistics = new Dictionary<string, double> { ["sharpe"] = 1, ["Sharpe"] = 2 } }));
        Assert.Equal(0, StoreTestRuns.Count(store, "runs"));
        Assert.Throws<DirectoryNotFoundException>(() => ResultStore.Open(folder.File("missing/r.duckdb")));
    }

    [Fact]
    public void A_sweep_of_thousands_of_runs_is_recorded_in_one_call()
    {
        using var folder = new TempFolder();
        var store = ResultStore.Open(folder.File("r.duckdb"));
        var runs = new RunRecord[3000];
        for (int i = 0; i < runs.Length; i++)
            runs[i] = StoreTestRuns.Make("grid", i, sharpe: i % 97 * 0.01, totalReturn: i * 0.001);
        var ids = store.RecordSweep(runs);
        Assert.Equal(3000, ids.Distinct().Count());
        Assert.Equal(3000, StoreTestRuns.Count(store, "stats"));
        Assert.Equal(9000, StoreTestRuns.Count(store, "stat_values"));
        var best = store.ListRuns(new RunFilter { SortBy = "sharpe", Limit = 1 })[0];
        Assert.Equal(0.96, best.Statistic("sharpe"), 12);
    }
}
