using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Analysis;

namespace VectorBacktest.Storage;

/// <summary>Reads a whole query result into a <see cref="DataFrame"/>, one typed column per result column.</summary>
internal static class DataFrameReader
{
    public static DataFrame Read(DbDataReader reader)
    {
        int count = reader.FieldCount;
        var columns = new DataFrameColumn[count];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int c = 0; c < count; c++)
        {
            // DataFrame needs unique column names; SQL does not (SELECT a.x, b.x).
            var name = reader.GetName(c);
            for (int k = 2; !names.Add(name); k++)
                name = reader.GetName(c) + "_" + k.ToString(CultureInfo.InvariantCulture);
            var type = reader.GetFieldType(c);
            columns[c] = type == typeof(double) || type == typeof(float) ? new DoubleDataFrameColumn(name)
                : type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(sbyte)
                  || type == typeof(byte) || type == typeof(ushort) || type == typeof(uint) ? new Int64DataFrameColumn(name)
                : type == typeof(bool) ? new BooleanDataFrameColumn(name)
                : type == typeof(DateTime) ? new DateTimeDataFrameColumn(name)
                : type == typeof(decimal) ? new DecimalDataFrameColumn(name)
                : new StringDataFrameColumn(name);
        }
        while (reader.Read())
        {
            for (int c = 0; c < count; c++)
            {
                bool isNull = reader.IsDBNull(c);
                switch (columns[c])
                {
                    case DoubleDataFrameColumn d: d.Append(isNull ? null : Convert.ToDouble(reader.GetValue(c), CultureInfo.InvariantCulture)); break;
                    case Int64DataFrameColumn l: l.Append(isNull ? null : Convert.ToInt64(reader.GetValue(c), CultureInfo.InvariantCulture)); break;
                    case BooleanDataFrameColumn b: b.Append(isNull ? null : reader.GetBoolean(c)); break;
                    case DateTimeDataFrameColumn t: t.Append(isNull ? null : reader.GetDateTime(c)); break;
                    case DecimalDataFrameColumn m: m.Append(isNull ? null : reader.GetDecimal(c)); break;
                    case StringDataFrameColumn s: s.Append(isNull ? null : Convert.ToString(reader.GetValue(c), CultureInfo.InvariantCulture)); break;
                }
            }
        }
        return new DataFrame(columns);
    }
}
