using Apache.Arrow;
using Apache.Arrow.Types;
using DuckDB.NET.Data;

namespace VectorBacktest.Storage;

/// <summary>
/// Appends Arrow record batches to a per-run table (<c>trades</c>, <c>equity</c>) whose columns grow with the batches:
/// <c>run_id</c>, <c>seq</c> (0-based row within the run), then one column per batch column name.
/// </summary>
/// <remarks>
/// Integers of every width are stored as BIGINT and floats as DOUBLE, so producers that pick different widths for the
/// same column still share it; an integer batch column may go into an existing DOUBLE column, nothing else converts.
/// </remarks>
internal static class ArrowTableAppender
{
    private enum Kind { Null, Integer, UInt64, Float, Boolean, Text, Timestamp }

    /// <summary>Adds the columns <paramref name="batches"/> need that <paramref name="table"/> lacks; returns the table's columns.</summary>
    public static List<(string Name, string Type)> EnsureColumns(DuckDBConnection connection, string table, IEnumerable<RecordBatch> batches, string argument)
    {
        var columns = ReadColumns(connection, table);
        foreach (var batch in batches)
        {
            foreach (var field in batch.Schema.FieldsList)
            {
                if (field.Name is "run_id" or "seq")
                    throw new ArgumentException($"{table} column '{field.Name}' is reserved by the result store; rename it.", argument);
                var wanted = SqlType(field, table, argument);
                int existing = columns.FindIndex(c => string.Equals(c.Name, field.Name, StringComparison.OrdinalIgnoreCase));
                if (existing < 0)
                {
                    StoreSchema.Execute(connection, $"ALTER TABLE {table} ADD COLUMN {Quote(field.Name)} {wanted};");
                    columns.Add((field.Name, wanted));
                }
                else if (columns[existing].Type != wanted && !(columns[existing].Type == "DOUBLE" && wanted == "BIGINT"))
                {
                    throw new ArgumentException(
                        $"{table} column '{field.Name}' is {columns[existing].Type} in the store but {field.DataType.Name} ({wanted}) in the batch.", argument);
                }
            }
        }
        return columns;
    }

    /// <summary>Appends every row of <paramref name="batch"/> for run <paramref name="runId"/>; the table must have the batch's columns.</summary>
    public static void Append(DuckDBAppender appender, List<(string Name, string Type)> columns, long runId, RecordBatch batch)
    {
        var sources = new IArrowArray?[columns.Count];
        var kinds = new Kind[columns.Count];
        var toDouble = new bool[columns.Count];
        for (int c = 2; c < columns.Count; c++)
        {
            int index = batch.Schema.GetFieldIndex(columns[c].Name, StringComparer.OrdinalIgnoreCase);
            if (index < 0)
                continue;
            sources[c] = batch.Column(index);
            kinds[c] = KindOf(batch.Schema.GetFieldByIndex(index).DataType);
            toDouble[c] = columns[c].Type == "DOUBLE";
        }
        for (int row = 0; row < batch.Length; row++)
        {
            var r = appender.CreateRow().AppendValue(runId).AppendValue((long)row);
            for (int c = 2; c < columns.Count; c++)
            {
                var array = sources[c];
                if (array is null || array.IsNull(row))
                {
                    r.AppendNullValue();
                    continue;
                }
                switch (kinds[c])
                {
                    case Kind.Integer:
                        long l = ReadInteger(array, row);
                        if (toDouble[c]) r.AppendValue((double?)l); else r.AppendValue((long?)l);
                        break;
                    case Kind.UInt64:
                        ulong u = ((UInt64Array)array).GetValue(row)!.Value;
                        if (toDouble[c]) r.AppendValue((double?)u); else r.AppendValue((long?)checked((long)u));
                        break;
                    case Kind.Float:
                        double d = array is DoubleArray da ? da.GetValue(row)!.Value : ((FloatArray)array).GetValue(row)!.Value;
                        r.AppendValue((double?)d);
                        break;
                    case Kind.Boolean:
                        r.AppendValue(((BooleanArray)array).GetValue(row));
                        break;
                    case Kind.Text:
                        r.AppendValue(array is StringArray sa ? sa.GetString(row) : ((LargeStringArray)array).GetString(row));
                        break;
                    case Kind.Timestamp:
                        r.AppendValue(((TimestampArray)array).GetTimestamp(row)?.UtcDateTime);
                        break;
                    default:
                        r.AppendNullValue();
                        break;
                }
            }
            r.EndRow();
        }
    }

    private static List<(string Name, string Type)> ReadColumns(DuckDBConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $t ORDER BY ordinal_position;";
        command.Parameters.Add(new DuckDBParameter("t", table));
        using var reader = command.ExecuteReader();
        var columns = new List<(string, string)>();
        while (reader.Read())
            columns.Add((reader.GetString(0), reader.GetString(1)));
        return columns;
    }

    private static string SqlType(Field field, string table, string argument) => KindOf(field.DataType) switch
    {
        Kind.Integer or Kind.UInt64 => "BIGINT",
        Kind.Float => "DOUBLE",
        Kind.Boolean => "BOOLEAN",
        Kind.Text => "VARCHAR",
        Kind.Timestamp => "TIMESTAMP",
        _ => throw new ArgumentException(
            $"{table} column '{field.Name}' has Arrow type {field.DataType.Name}, which the result store does not store " +
            "(integers, float, double, boolean, string and timestamp are supported).", argument),
    };

    private static Kind KindOf(IArrowType type) => type.TypeId switch
    {
        ArrowTypeId.Int8 or ArrowTypeId.Int16 or ArrowTypeId.Int32 or ArrowTypeId.Int64
            or ArrowTypeId.UInt8 or ArrowTypeId.UInt16 or ArrowTypeId.UInt32 => Kind.Integer,
        ArrowTypeId.UInt64 => Kind.UInt64,
        ArrowTypeId.Float or ArrowTypeId.Double => Kind.Float,
        ArrowTypeId.Boolean => Kind.Boolean,
        ArrowTypeId.String or ArrowTypeId.LargeString => Kind.Text,
        ArrowTypeId.Timestamp => Kind.Timestamp,
        _ => Kind.Null,
    };

    private static long ReadInteger(IArrowArray array, int row) => array switch
    {
        Int64Array a => a.GetValue(row)!.Value,
        Int32Array a => a.GetValue(row)!.Value,
        Int16Array a => a.GetValue(row)!.Value,
        Int8Array a => a.GetValue(row)!.Value,
        UInt32Array a => a.GetValue(row)!.Value,
        UInt16Array a => a.GetValue(row)!.Value,
        UInt8Array a => a.GetValue(row)!.Value,
        _ => throw new InvalidOperationException("not an integer array: " + array.Data.DataType.Name),
    };

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
