using Apache.Arrow;
using Microsoft.Data.Analysis;

namespace VectorBacktest.Results;

// Result tables as data frames made of managed copies. DataFrame.FromArrowRecordBatch would wrap the batch's buffers, whose
// string columns live in Arrow's native memory and must outlive the frame; a copy has no such tie (a result table is small).
internal static class ResultFrames
{
    public static DataFrame From(RecordBatch batch)
    {
        var columns = new DataFrameColumn[batch.ColumnCount];
        for (int c = 0; c < columns.Length; c++)
        {
            string name = batch.Schema.GetFieldByIndex(c).Name;
            columns[c] = batch.Column(c) switch
            {
                DoubleArray a => new DoubleDataFrameColumn(name, Values(a.Length, a.GetValue)),
                Int32Array a => new Int32DataFrameColumn(name, Values(a.Length, a.GetValue)),
                Int64Array a => new Int64DataFrameColumn(name, Values(a.Length, a.GetValue)),
                BooleanArray a => new BooleanDataFrameColumn(name, Values(a.Length, a.GetValue)),
                StringArray a => new StringDataFrameColumn(name, Values(a.Length, i => a.GetString(i))),
                TimestampArray a => new PrimitiveDataFrameColumn<DateTime>(name, Values(a.Length, i => a.GetTimestamp(i)?.UtcDateTime)),
                var other => throw new NotSupportedException($"Column '{name}' has the Arrow type {other.Data.DataType.Name}, which has no data-frame column here."),
            };
        }
        return new DataFrame(columns);
    }

    private static T[] Values<T>(int length, Func<int, T> value)
    {
        var values = new T[length];
        for (int i = 0; i < length; i++) values[i] = value(i);
        return values;
    }
}
