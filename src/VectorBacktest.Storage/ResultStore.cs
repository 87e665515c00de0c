using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Microsoft.Data.Analysis;

namespace VectorBacktest.Storage;

/// <summary>
/// The results store: one embedded DuckDB file (default <c>results.duckdb</c>, no server) holding every recorded run's
/// description, statistics and, optionally, trades and equity, queryable with SQL.
/// </summary>
/// <remarks>
/// <para>Tables: <c>runs</c> (one row per run: description), <c>stats</c> (one row per run: the
/// <see cref="CoreStatistics.Names"/> as typed columns), <c>stat_values</c> (run_id, name, value: every statistic),
/// <c>trades</c> and <c>equity</c> (run_id, seq, then the producer's columns), <c>schema_version</c>. Times are UTC
/// TIMESTAMPs (microsecond precision).</para>
/// <para>Every write is one transaction: an exception while recording rolls back everything that operation wrote.
/// The store holds the file only for the duration of an operation; when another process holds it, the operation
/// waits and retries (see <see cref="ResultStoreOptions.LockTimeout"/>). One instance may be used from several threads.</para>
/// </remarks>
public sealed class ResultStore
{
    /// <summary>The store file used when none is given: <c>results.duckdb</c> in the current folder.</summary>
    public const string DefaultFileName = "results.duckdb";

    private readonly ResultStoreOptions _options;

    private ResultStore(string path, ResultStoreOptions options)
    {
        Path = path;
        _options = options;
    }

    /// <summary>The full path of the store file.</summary>
    public string Path { get; }

    /// <summary>The schema version this library writes (the store is migrated to it on open).</summary>
    public static int SchemaVersion => StoreSchema.CurrentVersion;

    /// <summary>Opens the store at <paramref name="path"/>, creating the file and migrating its schema as needed.</summary>
    /// <param name="path">Store file; null or empty for <see cref="DefaultFileName"/> in the current folder.</param>
    /// <param name="options">Lock waiting behaviour; null for the defaults.</param>
    /// <returns>The store.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="IOException">The file was written by a newer schema version, or is not a DuckDB database.</exception>
    /// <exception cref="ResultStoreBusyException">Another process held the file for longer than the lock timeout.</exception>
    public static ResultStore Open(string? path = null, ResultStoreOptions? options = null)
    {
        var full = System.IO.Path.GetFullPath(string.IsNullOrEmpty(path) ? DefaultFileName : path);
        var folder = System.IO.Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Folder of the result store '{full}' does not exist.");
        var store = new ResultStore(full, options ?? new ResultStoreOptions());
        store.Run(connection => StoreSchema.Migrate(connection, full));
        return store;
    }

    /// <summary>Records one run in one transaction.</summary>
    /// <param name="run">The run.</param>
    /// <returns>The id the store gave the run.</returns>
    /// <exception cref="ArgumentException">The run is incomplete (empty data hash or strategy), its JSON is malformed, or its
    /// trades/equity have an unsupported or conflicting column type; nothing is recorded.</exception>
    /// <exception cref="ResultStoreBusyException">Another process held the file for longer than the lock timeout.</exception>
    public long Record(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return RecordSweep([run])[0];
    }

    /// <summary>Records a backtest result (description, every statistic and, optionally, trades and equity) in one transaction.</summary>
    /// <param name="result">The result; see <see cref="RunRecord.From"/> for how it is stored.</param>
    /// <param name="includeTrades">Store the trades table.</param>
    /// <param name="includeEquity">Store the equity table (one row per bar).</param>
    /// <returns>The id the store gave the run.</returns>
    /// <exception cref="ResultStoreBusyException">Another process held the file for longer than the lock timeout.</exception>
    public long Record(VectorBacktest.Results.BacktestResult result, bool includeTrades = true, bool includeEquity = true) =>
        Record(RunRecord.From(result, includeTrades, includeEquity));

    /// <summary>
    /// Records many runs (a sweep) in one transaction through DuckDB appenders: either all of them are stored or, if
    /// anything fails, none.
    /// </summary>
    /// <param name="runs">The runs; enumerated once per attempt (an attempt is repeated when the store is busy).</param>
    /// <returns>The ids given to the runs, in the order of <paramref name="runs"/>.</returns>
    /// <exception cref="ArgumentException">A run is invalid (see <see cref="Record(RunRecord)"/>); the message names its index.</exception>
    /// <exception cref="ResultStoreBusyException">Another process held the file for longer than the lock timeout.</exception>
    public IReadOnlyList<long> RecordSweep(IReadOnlyList<RunRecord> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return Run(connection => StoreConnection.InTransaction(connection, c => RunWriter.Write(c, runs)));
    }

    /// <summary>Lists runs, filtered and sorted.</summary>
    /// <param name="filter">Strategy, time, sort statistic and limit; null for the 50 newest runs.</param>
    /// <returns>The runs with their statistics.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="RunFilter.Limit"/> is not positive.</exception>
    public IReadOnlyList<StoredRun> ListRuns(RunFilter? filter = null)
    {
        filter ??= new RunFilter();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(filter.Limit, nameof(filter) + "." + nameof(RunFilter.Limit));
        return Run(connection =>
        {
            using var command = connection.CreateCommand();
            var sql = new StringBuilder("SELECT r.run_id FROM runs r ");
            string order = "r.run_id";
            if (!string.IsNullOrEmpty(filter.SortBy))
            {
                int core = CoreStatistics.IndexOf(filter.SortBy);
                if (core >= 0)
                {
                    sql.Append("LEFT JOIN stats s ON s.run_id = r.run_id ");
                    order = "s." + CoreStatistics.Names[core];
                }
                else
                {
                    sql.Append("LEFT JOIN stat_values s ON s.run_id = r.run_id AND s.name = $sort ");
                    command.Parameters.Add(new DuckDBParameter("sort", filter.SortBy));
                    order = "s.value";
                }
            }
            sql.Append("WHERE true ");
            if (filter.Strategy is not null)
            {
                sql.Append("AND r.strategy = $strategy ");
                command.Parameters.Add(new DuckDBParameter("strategy", filter.Strategy));
            }
            if (filter.Since is { } since)
            {
                sql.Append("AND r.created_at >= $since ");
                command.Parameters.Add(new DuckDBParameter("since", since.UtcDateTime));
            }
            string direction = filter.Descending ? "DESC" : "ASC";
            sql.Append(CultureInfo.InvariantCulture, $"ORDER BY {order} {direction} NULLS LAST, r.run_id DESC LIMIT {filter.Limit};");
            command.CommandText = sql.ToString();
            var ids = new List<long>();
            using (var reader = command.ExecuteReader())
                while (reader.Read())
                    ids.Add(reader.GetInt64(0));
            return RunReader.Load(connection, ids);
        });
    }

    /// <summary>The run with id <paramref name="runId"/>, or null when the store has none.</summary>
    /// <param name="runId">Run id.</param>
    /// <returns>The run or null.</returns>
    public StoredRun? GetRun(long runId) =>
        Run(connection => RunReader.Load(connection, [runId])) is [var run] ? run : null;

    /// <summary>The stored trades of a run, in recorded order, without the <c>run_id</c> and <c>seq</c> columns (empty when none).</summary>
    /// <param name="runId">Run id.</param>
    /// <returns>One row per trade.</returns>
    public DataFrame GetTrades(long runId) => ReadRows("trades", runId);

    /// <summary>The stored equity curve of a run, in recorded order, without the <c>run_id</c> and <c>seq</c> columns (empty when none).</summary>
    /// <param name="runId">Run id.</param>
    /// <returns>One row per equity point.</returns>
    public DataFrame GetEquity(long runId) => ReadRows("equity", runId);

    /// <summary>Statistics of several runs side by side.</summary>
    /// <param name="runIds">The runs to compare (at least one), in the order of the output columns.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentException"><paramref name="runIds"/> is empty or names a run the store does not have.</exception>
    public RunComparison Compare(IReadOnlyList<long> runIds)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        if (runIds.Count == 0)
            throw new ArgumentException("Give at least one run id to compare.", nameof(runIds));
        var loaded = Run(connection => RunReader.Load(connection, runIds));
        var byId = loaded.ToDictionary(r => r.RunId);
        var runs = new List<StoredRun>(runIds.Count);
        foreach (var id in runIds)
            runs.Add(byId.TryGetValue(id, out var run) ? run
                : throw new ArgumentException($"Run {id} is not in the result store '{Path}'.", nameof(runIds)));
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var core in CoreStatistics.Names)
            if (runs.Any(r => HasStatistic(r, core)) && seen.Add(CoreStatistics.Normalize(core)))
                names.Add(core);
        foreach (var name in runs.SelectMany(r => r.Statistics.Keys).Order(StringComparer.Ordinal))
            if (seen.Add(CoreStatistics.Normalize(name)))
                names.Add(name);
        var values = new double[names.Count, runs.Count];
        for (int s = 0; s < names.Count; s++)
            for (int r = 0; r < runs.Count; r++)
                values[s, r] = runs[r].Statistic(names[s]);
        return new RunComparison(runs, names, values);
    }

    /// <summary>
    /// Writes the store's tables as Parquet files into <paramref name="folder"/>: <c>runs.parquet</c>,
    /// <c>stats.parquet</c>, <c>stat_values.parquet</c>, <c>trades.parquet</c>, <c>equity.parquet</c>, each written
    /// to a temporary name first and then renamed, so a reader never sees a half-written file.
    /// </summary>
    /// <param name="folder">Destination folder (created when missing); existing files of those names are replaced.</param>
    /// <param name="runIds">Only these runs, or null for all.</param>
    /// <returns>The paths written.</returns>
    public IReadOnlyList<string> ExportParquet(string folder, IReadOnlyList<long>? runIds = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var full = System.IO.Path.GetFullPath(folder);
        Directory.CreateDirectory(full);
        string where = runIds is null ? "" : " WHERE run_id IN (" + IdList(runIds) + ")";
        return Run(connection =>
        {
            var written = new List<string>();
            foreach (var (table, order) in ExportTables)
            {
                var target = System.IO.Path.Combine(full, table + ".parquet");
                var temp = target + ".tmp";
                StoreSchema.Execute(connection,
                    $"COPY (SELECT * FROM {table}{where} ORDER BY {order}) TO {Literal(temp)} (FORMAT PARQUET, COMPRESSION ZSTD);");
                File.Move(temp, target, overwrite: true);
                written.Add(target);
            }
            return written;
        });
    }

    /// <summary>
    /// Adds the runs of a folder written by <see cref="ExportParquet"/> (for example by another machine's sweep shard)
    /// to this store in one transaction. The runs get new ids; their creation times and contents are kept.
    /// </summary>
    /// <param name="folder">Folder holding at least <c>runs.parquet</c>; missing per-run files are treated as empty.</param>
    /// <returns>The new ids, in the order of the old ids.</returns>
    /// <exception cref="FileNotFoundException"><c>runs.parquet</c> is missing.</exception>
    public IReadOnlyList<long> ImportParquet(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var full = System.IO.Path.GetFullPath(folder);
        var runsFile = System.IO.Path.Combine(full, "runs.parquet");
        if (!File.Exists(runsFile))
            throw new FileNotFoundException($"No runs.parquet in '{full}' (write one with ExportParquet / vbt runs export).", runsFile);
        return Run(connection => StoreConnection.InTransaction(connection, c => ParquetImport.Import(c, full)));
    }

    /// <summary>Runs any SQL against the store and returns its result (the escape hatch; the tables are described on <see cref="ResultStore"/>).</summary>
    /// <param name="sql">One SQL statement.</param>
    /// <returns>The result rows as a data frame (numbers as double or long, times as DateTime, other types as text).</returns>
    /// <exception cref="ArgumentException"><paramref name="sql"/> is empty.</exception>
    /// <exception cref="DuckDB.NET.Data.DuckDBException">DuckDB rejected the statement.</exception>
    public DataFrame Query(string sql)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        return Run(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            return DataFrameReader.Read(reader);
        });
    }

    private static readonly (string Table, string Order)[] ExportTables =
    [
        ("runs", "run_id"), ("stats", "run_id"), ("stat_values", "run_id, name"), ("trades", "run_id, seq"), ("equity", "run_id, seq"),
    ];

    private static bool HasStatistic(StoredRun run, string core)
    {
        var key = CoreStatistics.Normalize(core);
        foreach (var name in run.Statistics.Keys)
            if (CoreStatistics.Normalize(name) == key)
                return true;
        return false;
    }

    private DataFrame ReadRows(string table, long runId) => Run(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * EXCLUDE (run_id, seq) FROM {table} WHERE run_id = $id ORDER BY seq;";
        command.Parameters.Add(new DuckDBParameter("id", runId));
        using var reader = command.ExecuteReader();
        return DataFrameReader.Read(reader);
    });

    private T Run<T>(Func<DuckDBConnection, T> work) => StoreConnection.Run(Path, _options, work);

    internal static string IdList(IReadOnlyList<long> ids) =>
        ids.Count == 0 ? "NULL" : string.Join(",", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));

    internal static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
