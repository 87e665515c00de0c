using System.Text.Json;
using Apache.Arrow;
using DuckDB.NET.Data;

namespace VectorBacktest.Storage;

/// <summary>Writes runs inside the caller's transaction: validates, extends the per-run tables, then appends every row.</summary>
internal static class RunWriter
{
    public static IReadOnlyList<long> Write(DuckDBConnection connection, IReadOnlyList<RunRecord> list)
    {
        // Phase 1: read each run once, validate it and add trade/equity columns. DDL must precede any open appender.
        var runs = new RunRecord[list.Count];
        var tradeBatches = new List<RecordBatch>();
        var equityBatches = new List<RecordBatch>();
        for (int i = 0; i < runs.Length; i++)
        {
            var run = runs[i] = list[i] ?? throw new ArgumentNullException("runs", $"Run {i} is null.");
            Validate(run, i);
            if (run.Trades is not null) tradeBatches.Add(run.Trades);
            if (run.Equity is not null) equityBatches.Add(run.Equity);
        }
        var tradeColumns = ArrowTableAppender.EnsureColumns(connection, "trades", tradeBatches, "runs");
        var equityColumns = ArrowTableAppender.EnsureColumns(connection, "equity", equityBatches, "runs");
        var ids = NextIds(connection, runs.Length);
        var createdAt = DateTime.UtcNow;

        // Phase 2: append. Appenders buffer rows and flush on close, all inside the transaction.
        var appenders = new List<DuckDBAppender>(5);
        try
        {
            var runRows = Open(connection, appenders, "runs");
            var statRows = Open(connection, appenders, "stats");
            var valueRows = Open(connection, appenders, "stat_values");
            var tradeRows = tradeBatches.Count > 0 ? Open(connection, appenders, "trades") : null;
            var equityRows = equityBatches.Count > 0 ? Open(connection, appenders, "equity") : null;
            var core = new double?[CoreStatistics.Names.Count];
            for (int i = 0; i < runs.Length; i++)
            {
                var run = runs[i];
                var d = run.Info;
                runRows.CreateRow()
                    .AppendValue(ids[i]).AppendValue(createdAt).AppendValue(d.DataHash).AppendValue(d.DataSource).AppendValue(d.DataJson)
                    .AppendValue(d.Strategy).AppendValue(d.ParametersJson).AppendValue(d.ExecutionConfigJson)
                    .AppendValue(d.LibraryVersion).AppendValue(d.StartTime.UtcDateTime).AppendValue(d.EndTime.UtcDateTime)
                    .EndRow();
                System.Array.Clear(core);
                foreach (var (name, value) in run.Statistics)
                {
                    double? stored = double.IsFinite(value) ? value : null;
                    valueRows.CreateRow().AppendValue(ids[i]).AppendValue(name).AppendValue(stored).EndRow();
                    int index = CoreStatistics.IndexOf(name);
                    if (index >= 0)
                        core[index] = stored;
                }
                var statRow = statRows.CreateRow().AppendValue(ids[i]);
                foreach (var value in core)
                    statRow.AppendValue(value);
                statRow.EndRow();
                if (run.Trades is not null)
                    ArrowTableAppender.Append(tradeRows!, tradeColumns, ids[i], run.Trades);
                if (run.Equity is not null)
                    ArrowTableAppender.Append(equityRows!, equityColumns, ids[i], run.Equity);
            }
            // Close (flush) explicitly so a flush error surfaces here, inside the transaction, and rolls it back.
            foreach (var appender in appenders)
                appender.Close();
        }
        finally
        {
            foreach (var appender in appenders)
            {
                try { appender.Dispose(); }
                catch (DuckDBException) { /* a half-built row cannot be flushed; the transaction is rolled back anyway */ }
            }
        }
        return ids;
    }

    private static DuckDBAppender Open(DuckDBConnection connection, List<DuckDBAppender> appenders, string table)
    {
        var appender = connection.CreateAppender(table);
        appenders.Add(appender);
        return appender;
    }

    private static long[] NextIds(DuckDBConnection connection, int count)
    {
        var ids = new long[count];
        if (count == 0)
            return ids;
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT nextval('run_id_seq') FROM range({count});";
        using var reader = command.ExecuteReader();
        int n = 0;
        while (reader.Read())
            ids[n++] = reader.GetInt64(0);
        System.Array.Sort(ids);
        return ids;
    }

    private static void Validate(RunRecord run, int index)
    {
        var d = run.Info ?? throw new ArgumentException($"Run {index} has no description.", "runs");
        if (string.IsNullOrWhiteSpace(d.DataHash))
            throw new ArgumentException($"Run {index}: {nameof(RunInfo.DataHash)} is empty; a run must name the data it used.", "runs");
        if (string.IsNullOrWhiteSpace(d.Strategy))
            throw new ArgumentException($"Run {index}: {nameof(RunInfo.Strategy)} is empty.", "runs");
        CheckJson(d.ParametersJson, nameof(RunInfo.ParametersJson), index);
        CheckJson(d.ExecutionConfigJson, nameof(RunInfo.ExecutionConfigJson), index);
        CheckJson(d.DataJson, nameof(RunInfo.DataJson), index);
        ArgumentNullException.ThrowIfNull(run.Statistics, "runs");
        var seen = new HashSet<int>();
        foreach (var name in run.Statistics.Keys)
        {
            int core = CoreStatistics.IndexOf(name);
            if (core >= 0 && !seen.Add(core))
                throw new ArgumentException($"Run {index}: two statistics map to the core column '{CoreStatistics.Names[core]}'.", "runs");
        }
    }

    private static void CheckJson(string? json, string property, int index)
    {
        if (json is null)
            throw new ArgumentException($"Run {index}: {property} is null; use \"{{}}\" for none.", "runs");
        try
        {
            using var _ = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"Run {index}: {property} is not valid JSON: {e.Message}", "runs", e);
        }
    }
}
