using DuckDB.NET.Data;

namespace VectorBacktest.Storage;

/// <summary>Loads runs (description, statistics, row counts) by id, in the order asked for; unknown ids are skipped.</summary>
internal static class RunReader
{
    public static IReadOnlyList<StoredRun> Load(DuckDBConnection connection, IReadOnlyList<long> ids)
    {
        if (ids.Count == 0)
            return [];
        var list = ResultStore.IdList(ids);
        var stats = new Dictionary<long, Dictionary<string, double>>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT run_id, name, value FROM stat_values WHERE run_id IN ({list}) ORDER BY run_id, name;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                if (!stats.TryGetValue(id, out var map))
                    stats[id] = map = new Dictionary<string, double>(StringComparer.Ordinal);
                map[reader.GetString(1)] = reader.IsDBNull(2) ? double.NaN : reader.GetDouble(2);
            }
        }
        var found = new Dictionary<long, StoredRun>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""
                SELECT r.run_id, r.created_at, r.data_hash, r.data_source, r.data, r.strategy, r.parameters, r.execution_config,
                       r.library_version, r.start_time, r.end_time, coalesce(t.n, 0), coalesce(e.n, 0)
                FROM runs r
                LEFT JOIN (SELECT run_id, count(*) AS n FROM trades WHERE run_id IN ({list}) GROUP BY run_id) t ON t.run_id = r.run_id
                LEFT JOIN (SELECT run_id, count(*) AS n FROM equity WHERE run_id IN ({list}) GROUP BY run_id) e ON e.run_id = r.run_id
                WHERE r.run_id IN ({list});
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                var description = new RunInfo
                {
                    DataHash = reader.GetString(2),
                    DataSource = reader.GetString(3),
                    DataJson = reader.GetString(4),
                    Strategy = reader.GetString(5),
                    ParametersJson = reader.GetString(6),
                    ExecutionConfigJson = reader.GetString(7),
                    LibraryVersion = reader.GetString(8),
                    StartTime = Utc(reader.GetDateTime(9)),
                    EndTime = Utc(reader.GetDateTime(10)),
                };
                found[id] = new StoredRun(id, Utc(reader.GetDateTime(1)), description,
                    stats.TryGetValue(id, out var map) ? map : new Dictionary<string, double>(),
                    reader.GetInt64(11), reader.GetInt64(12));
            }
        }
        var ordered = new List<StoredRun>(ids.Count);
        foreach (var id in ids)
            if (found.TryGetValue(id, out var run))
                ordered.Add(run);
        return ordered;
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
