using VectorBacktest.Storage;
using VectorBacktest.Tests.Data.Io;

namespace VectorBacktest.Tests.Storage;

/// <summary><c>vbt runs …</c> end to end, as separate processes (started together: they also queue on the store's lock).</summary>
public sealed class RunsCommandTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public void List_show_compare_query_export_read_the_store_and_backtest_records_into_it()
    {
        using var folder = new TempFolder();
        var path = folder.File(ResultStore.DefaultFileName);
        var ids = ResultStore.Open(path).RecordSweep(
        [
            StoreTestRuns.Make("alpha", 1, sharpe: 1.0, totalReturn: 0.1),
            StoreTestRuns.Make("beta", 2, sharpe: 3.0, totalReturn: 0.3, trades: 2, equity: 3),
            StoreTestRuns.Make("gamma", 3, sharpe: 2.0, totalReturn: 0.2),
        ]);
        var other = Directory.CreateTempSubdirectory("vbt-cwd-").FullName;
        try
        {
            var list = VbtProcess.StartIn(folder.Path, null, "runs", "list", "--sort", "sharpe", "--limit", "2");
            var fromVariable = VbtProcess.StartIn(other, path, "runs", "list", "--strategy", "alpha");
            var show = VbtProcess.Start("runs", "show", ids[1].ToString(), "--store", path);
            var compare = VbtProcess.Start("runs", "compare", ids[0].ToString(), ids[2].ToString(), "--store", path);
            var export = VbtProcess.Start("runs", "export", "--out", folder.File("out"), "--store", path);
            var query = VbtProcess.Start("runs", "query", "SELECT strategy || '!' AS s FROM runs JOIN stats USING (run_id) WHERE sharpe > 1.5 ORDER BY sharpe", "--store", path);
            var badSql = VbtProcess.Start("runs", "query", "SELEC 1", "--store", path);
            var unknown = VbtProcess.Start("runs", "show", "999", "--store", path);
            var missing = VbtProcess.Start("runs", "list", "--store", folder.File("nowhere.duckdb"));
            var backtest = VbtProcess.Start("backtest", "--strategy", "sma-crossover", "--out", folder.File("bt"), "--store", folder.File("bt.duckdb"));

            Assert.Equal(0, list.Exit(Limit));
            Assert.Contains("beta", list.Output);
            Assert.Contains("gamma", list.Output);
            Assert.DoesNotContain("alpha", list.Output);
            Assert.True(list.Output.IndexOf("beta", StringComparison.Ordinal) < list.Output.IndexOf("gamma", StringComparison.Ordinal), list.Output);

            Assert.Equal(0, fromVariable.Exit(Limit));
            Assert.Contains("alpha", fromVariable.Output);
            Assert.DoesNotContain("beta", fromVariable.Output);

            Assert.Equal(0, show.Exit(Limit));
            Assert.Contains("sha256:abc2", show.Output);
            Assert.Contains("Sharpe", show.Output);
            Assert.Contains("2 / 3", show.Output);

            Assert.Equal(0, compare.Exit(Limit));
            Assert.Contains("alpha", compare.Output);
            Assert.Contains("gamma", compare.Output);
            Assert.Contains("total_return", compare.Output);

            Assert.Equal(0, export.Exit(Limit));
            Assert.True(File.Exists(folder.File("out/runs.parquet")));
            Assert.True(File.Exists(folder.File("out/equity.parquet")));

            Assert.Equal(0, query.Exit(Limit));
            Assert.True(query.Output.IndexOf("gamma!", StringComparison.Ordinal) is var g && g >= 0
                && g < query.Output.IndexOf("beta!", StringComparison.Ordinal), query.Output);
            Assert.DoesNotContain("alpha!", query.Output);
            Assert.Equal(2, badSql.Exit(Limit));
            Assert.Contains("SELEC", badSql.Error);

            Assert.Equal(2, unknown.Exit(Limit));
            Assert.Contains("999", unknown.Error);

            Assert.Equal(1, missing.Exit(Limit));
            Assert.Contains("does not exist", missing.Error);
            Assert.False(File.Exists(folder.File("nowhere.duckdb")));

            Assert.Equal(0, backtest.Exit(Limit));
            Assert.Contains("recorded run 1", backtest.Output);
            var recorded = Assert.Single(ResultStore.Open(folder.File("bt.duckdb")).ListRuns());
            Assert.Equal("sma-crossover", recorded.Info.Strategy);
            Assert.True(recorded.TradeCount > 0 && recorded.EquityCount > 0);
            Assert.False(double.IsNaN(recorded.Statistic("sharpe")));
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }
}
