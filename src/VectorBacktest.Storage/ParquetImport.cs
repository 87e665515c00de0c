using DuckDB.NET.Data;

namespace VectorBacktest.Storage;

/// <summary>Reads a folder written by <see cref="ResultStore.ExportParquet"/> into the store under new run ids.</summary>
internal static class ParquetImport
{
    public static IReadOnlyList<long> Import(DuckDBConnection connection, string folder)
    {
        string Source(string table) => $"read_parquet({ResultStore.Literal(Path.Combine(folder, table + ".parquet"))})";
        StoreSchema.Execute(connection, "DROP TABLE IF EXISTS temp.import_ids;");
        StoreSchema.Execute(connection,
            $"CREATE TEMP TABLE import_ids AS SELECT run_id AS old_id, nextval('run_id_seq') AS new_id FROM (SELECT run_id FROM {Source("runs")} ORDER BY run_id);");
        foreach (var table in new[] { "runs", "stats", "stat_values", "trades", "equity" })
        {
            if (!File.Exists(Path.Combine(folder, table + ".parquet")))
                continue;
            if (table is "trades" or "equity")
                AddMissingColumns(connection, table, Source(table));
            StoreSchema.Execute(connection,
                $"INSERT INTO {table} BY NAME SELECT m.new_id AS run_id, x.* EXCLUDE (run_id) FROM {Source(table)} x JOIN import_ids m ON x.run_id = m.old_id;");
        }
        var ids = new List<long>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT new_id FROM import_ids ORDER BY old_id;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                ids.Add(reader.GetInt64(0));
        }
        StoreSchema.Execute(connection, "DROP TABLE temp.import_ids;");
        return ids;
    }

    private static void AddMissingColumns(DuckDBConnection connection, string table, string source)
    {
        var columns = new List<(string Name, string Type)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"DESCRIBE SELECT * FROM {source};";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                columns.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, type) in columns)
            StoreSchema.Execute(connection, $"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {ArrowTableAppender.Quote(name)} {type};");
    }
}
