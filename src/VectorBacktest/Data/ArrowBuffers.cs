using Apache.Arrow;
using Apache.Arrow.Types;
using CommunityToolkit.HighPerformance;

namespace VectorBacktest.Data;

/// <summary>Zero-copy wrapping of managed arrays as Arrow arrays.</summary>
internal static class ArrowBuffers
{
    public static readonly TimestampType UtcMilliseconds = new(TimeUnit.Millisecond, "UTC");

    public static DoubleArray Wrap(double[] values) =>
        new(new ArrowBuffer(values.AsMemory().Cast<double, byte>()), ArrowBuffer.Empty, values.Length, 0, 0);

    public static TimestampArray WrapTime(long[] epochMs) =>
        new(UtcMilliseconds, new ArrowBuffer(epochMs.AsMemory().Cast<long, byte>()), ArrowBuffer.Empty, epochMs.Length, 0, 0);

    /// <summary>The first <paramref name="length"/> values of a larger array (readers fill over-allocated columns).</summary>
    public static DoubleArray Wrap(double[] values, int length) =>
        new(new ArrowBuffer(values.AsMemory(0, length).Cast<double, byte>()), ArrowBuffer.Empty, length, 0, 0);

    /// <summary>The first <paramref name="length"/> times of a larger array.</summary>
    public static TimestampArray WrapTime(long[] epochMs, int length) =>
        new(UtcMilliseconds, new ArrowBuffer(epochMs.AsMemory(0, length).Cast<long, byte>()), ArrowBuffer.Empty, length, 0, 0);

    /// <summary>The values of a time column in epoch milliseconds; copies only when a unit conversion is needed.</summary>
    public static TimestampArray ToUtcMilliseconds(IArrowArray array, string source)
    {
        switch (array)
        {
            case TimestampArray ts when ts.Data.DataType is TimestampType { Unit: TimeUnit.Millisecond } && ts.NullCount == 0:
                return ts.Data.DataType is TimestampType { Timezone: "UTC" }
                    ? ts
                    : new TimestampArray(UtcMilliseconds, ts.ValueBuffer, ArrowBuffer.Empty, ts.Length, 0, ts.Offset);
            case TimestampArray ts:
            {
                var unit = ((TimestampType)ts.Data.DataType).Unit;
                var values = ts.Values;
                var ms = new long[ts.Length];
                for (int i = 0; i < ms.Length; i++)
                {
                    if (ts.IsNull(i)) throw new BarDataException(source, i + 1, BarColumns.Time, "the timestamp is missing.");
                    ms[i] = unit switch
                    {
                        TimeUnit.Second => values[i] * 1000L,
                        TimeUnit.Microsecond => FloorDiv(values[i], 1000L),
                        TimeUnit.Nanosecond => FloorDiv(values[i], 1_000_000L),
                        _ => values[i],
                    };
                }
                return WrapTime(ms);
            }
            case Int64Array i64:
            {
                for (int i = 0; i < i64.Length; i++)
                    if (i64.IsNull(i)) throw new BarDataException(source, i + 1, BarColumns.Time, "the timestamp is missing.");
                return new TimestampArray(UtcMilliseconds, i64.ValueBuffer, ArrowBuffer.Empty, i64.Length, 0, i64.Offset);
            }
            default:
                throw new BarDataException(source, 0, BarColumns.Time,
                    $"the time column has Arrow type {array.Data.DataType.Name}; expected timestamp or int64 epoch milliseconds.");
        }
    }

    /// <summary>The values of a price or volume column as float64; copies only when a conversion is needed.</summary>
    public static DoubleArray ToDouble(IArrowArray array, string source, string column)
    {
        if (array is DoubleArray d && d.NullCount == 0) return d;
        var result = new double[array.Length];
        for (int i = 0; i < result.Length; i++)
        {
            if (array.IsNull(i)) throw new BarDataException(source, i + 1, column, "the value is missing.");
            result[i] = array switch
            {
                DoubleArray a => a.Values[i],
                FloatArray a => a.Values[i],
                Int64Array a => a.Values[i],
                Int32Array a => a.Values[i],
                Decimal128Array a => (double)a.GetValue(i)!.Value,
                _ => throw new BarDataException(source, 0, column, $"the column has Arrow type {array.Data.DataType.Name}; expected a number."),
            };
        }
        return Wrap(result);
    }

    private static long FloorDiv(long a, long b)
    {
        long q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }
}
