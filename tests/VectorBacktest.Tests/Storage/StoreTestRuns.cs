using VectorBacktest.Data;
using Apache.Arrow;
using Apache.Arrow.Types;
using VectorBacktest.Storage;

namespace VectorBacktest.Tests.Storage;

/// <summary>Deterministic runs to record in tests.</summary>
internal static class StoreTestRuns
{
    public static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    public static RunRecord Make(string strategy, int fast, double sharpe, double totalReturn, int trades = 0, int equity = 0, string? extraStat = null) => new()
    {
        Info = new RunInfo
        {
            DataHash = "sha256:abc" + fast,
            DataSource = "data/btcusdt-synth-1m.parquet",
            Strategy = strategy,
            ParametersJson = $$"""{"fast":{{fast}},"slow":50}""",
            ExecutionConfigJson = """{"fees":0.001,"fill":"next-open"}""",
            LibraryVersion = "0.1.0-test",
            StartTime = Start,
            EndTime = Start.AddSeconds(2.5),
        },
        Statistics = extraStat is null
            ? new Dictionary<string, double> { ["Sharpe"] = sharpe, ["total_return"] = totalReturn, ["max_drawdown"] = -0.1 * fast }
            : new Dictionary<string, double> { ["Sharpe"] = sharpe, ["total_return"] = totalReturn, ["max_drawdown"] = -0.1 * fast, [extraStat] = fast },
        Trades = trades > 0 ? Trades(trades, fast) : null,
        Equity = equity > 0 ? Equity(equity, fast) : null,
    };

    public static RecordBatch Trades(int count, int seed)
    {
        var entry = new Int64Array.Builder();
        var side = new StringArray.Builder();
        var pnl = new DoubleArray.Builder();
        var open = new BooleanArray.Builder();
        var bar = new Int32Array.Builder();
        var exitAt = new TimestampArray.Builder(new TimestampType(TimeUnit.Millisecond, "UTC"));
        for (int i = 0; i < count; i++)
        {
            entry.Append(1_700_000_000_000L + i * 60_000L);
            side.Append(i % 2 == 0 ? "long" : "short");
            pnl.Append(i == 1 ? double.NaN : (i - 1.5) * seed);
            open.Append(i == count - 1);
            bar.Append(i * 10);
            if (i == 2) exitAt.AppendNull(); else exitAt.Append(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_060_000L + i * 60_000L));
        }
        return new RecordBatch.Builder()
            .Append("entry_time", false, entry.Build(ManagedMemoryAllocator.Instance))
            .Append("side", false, side.Build(ManagedMemoryAllocator.Instance))
            .Append("pnl", false, pnl.Build(ManagedMemoryAllocator.Instance))
            .Append("is_open", false, open.Build(ManagedMemoryAllocator.Instance))
            .Append("entry_bar", false, bar.Build(ManagedMemoryAllocator.Instance))
            .Append("exit_at", true, exitAt.Build(ManagedMemoryAllocator.Instance))
            .Build();
    }

    public static RecordBatch Equity(int count, int seed)
    {
        var time = new Int64Array.Builder();
        var value = new DoubleArray.Builder();
        for (int i = 0; i < count; i++)
        {
            time.Append(1_700_000_000_000L + i * 60_000L);
            value.Append(10_000 + i * seed * 0.5);
        }
        return new RecordBatch.Builder().Append("time", false, time.Build(ManagedMemoryAllocator.Instance)).Append("equity", false, value.Build(ManagedMemoryAllocator.Instance)).Build();
    }

    public static long Count(ResultStore store, string table) =>
        (long)store.Query($"SELECT count(*) AS n FROM {table}").Columns["n"][0]!;
}
