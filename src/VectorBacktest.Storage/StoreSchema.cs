using System.Text;
using DuckDB.NET.Data;

namespace VectorBacktest.Storage;

/// <summary>The store's tables and the migrations that create them; the <c>schema_version</c> table records which ran.</summary>
/// <remarks>
/// A migration is appended, never edited: version <c>n</c> is <c>Migrations[n - 1]</c>. Opening a store applies the
/// missing ones in one transaction; a store whose version is newer than this library is refused rather than guessed at.
/// </remarks>
internal static class StoreSchema
{
    public static int CurrentVersion => Migrations.Length;

    private static readonly string[] Migrations =
    [
        Version1(),
    ];

    private static string Version1()
    {
        var sql = new StringBuilder();
        sql.AppendLine("CREATE SEQUENCE run_id_seq START 1;");
        sql.AppendLine("""
            CREATE TABLE runs (
                run_id BIGINT PRIMARY KEY,
                created_at TIMESTAMP NOT NULL,
                data_hash VARCHAR NOT NULL,
                data_source VARCHAR NOT NULL,
                data VARCHAR NOT NULL,
                strategy VARCHAR NOT NULL,
                parameters VARCHAR NOT NULL,
                execution_config VARCHAR NOT NULL,
                library_version VARCHAR NOT NULL,
                start_time TIMESTAMP NOT NULL,
                end_time TIMESTAMP NOT NULL);
            """);
        sql.Append("CREATE TABLE stats (run_id BIGINT NOT NULL");
        foreach (var name in CoreStatistics.Names)
            sql.Append(", ").Append(name).Append(" DOUBLE");
        sql.AppendLine(");");
        // No keys on the per-run tables: an index makes every sweep append pay for an ART insert per row (several times
        // slower, a larger file), and the writer already guarantees one stats row per run and unique names per run.
        sql.AppendLine("CREATE TABLE stat_values (run_id BIGINT NOT NULL, name VARCHAR NOT NULL, value DOUBLE);");
        sql.AppendLine("CREATE TABLE trades (run_id BIGINT NOT NULL, seq BIGINT NOT NULL);");
        sql.AppendLine("CREATE TABLE equity (run_id BIGINT NOT NULL, seq BIGINT NOT NULL);");
        return sql.ToString();
    }

    /// <summary>Brings the store up to <see cref="CurrentVersion"/>; returns the version found before.</summary>
    /// <exception cref="IOException">The store was written by a newer library version.</exception>
    public static int Migrate(DuckDBConnection connection, string path)
    {
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL);");
        int found = ReadVersion(connection);
        if (found > CurrentVersion)
            throw new IOException(
                $"Result store '{path}' has schema version {found}, newer than this library supports ({CurrentVersion}); upgrade VectorBacktest to open it.");
        if (found == CurrentVersion)
            return found;
        StoreConnection.InTransaction(connection, c =>
        {
            // Re-read inside the transaction: another process may have migrated between the check and here.
            for (int v = ReadVersion(c) + 1; v <= CurrentVersion; v++)
            {
                Execute(c, Migrations[v - 1]);
                using var insert = c.CreateCommand();
                insert.CommandText = "INSERT INTO schema_version VALUES ($v, now()::TIMESTAMP);";
                insert.Parameters.Add(new DuckDBParameter("v", v));
                insert.ExecuteNonQuery();
            }
            return 0;
        });
        return found;
    }

    public static int ReadVersion(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(version), 0) FROM schema_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
