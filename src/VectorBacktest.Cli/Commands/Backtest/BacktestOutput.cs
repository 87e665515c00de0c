using System.Globalization;
using System.Text;
using System.Text.Json;
using Apache.Arrow;
using VectorBacktest.Data.Writers;
using VectorBacktest.Results;

namespace VectorBacktest.Cli.Commands.Backtest;

/// <summary>
/// Writes the files of <c>vbt backtest</c> into the output folder, each atomically: <c>trades.csv</c>, <c>orders.csv</c>,
/// <c>equity.csv</c> (the Arrow tables of <see cref="BacktestResult"/> as CSV; trades add <c>fees</c> and <c>is_open</c>),
/// <c>stats.json</c> (<see cref="BacktestStats"/>), and the lossless result (<see cref="BacktestResult.Save"/>).
/// </summary>
internal static class BacktestOutput
{
    /// <summary>CSV file names in the order they are written.</summary>
    public static readonly string[] CsvFiles = ["trades.csv", "orders.csv", "equity.csv"];

    /// <summary>The statistics file.</summary>
    public const string StatsFile = "stats.json";

    public static void Write(BacktestResult result, string folder)
    {
        WriteCsv(Path.Combine(folder, "trades.csv"), result.ToRecordBatch(ResultTable.Trades), TradeExtras(result));
        WriteCsv(Path.Combine(folder, "orders.csv"), result.ToRecordBatch(ResultTable.Orders), null);
        WriteCsv(Path.Combine(folder, "equity.csv"), result.ToRecordBatch(ResultTable.Equity), null);
        AtomicFile.Write(Path.Combine(folder, StatsFile), stream => JsonSerializer.Serialize(stream, result.Stats, ResultJson.Options));
        result.Save(folder);
    }

    private static (string Header, Func<int, string> Row) TradeExtras(BacktestResult result) =>
        ("fees,is_open", row =>
        {
            var t = result.Trades[row];
            return Number(t.Commission) + "," + (t.IsOpen ? "true" : "false");
        });

    private static void WriteCsv(string path, RecordBatch batch, (string Header, Func<int, string> Row)? extra)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            var fields = batch.Schema.FieldsList;
            for (int c = 0; c < fields.Count; c++)
            {
                if (c > 0) writer.Write(',');
                writer.Write(fields[c].Name);
            }
            if (extra is { } e) writer.Write("," + e.Header);
            writer.WriteLine();
            Span<char> buffer = stackalloc char[64];
            for (int row = 0; row < batch.Length; row++)
            {
                for (int c = 0; c < fields.Count; c++)
                {
                    if (c > 0) writer.Write(',');
                    WriteCell(writer, batch.Column(c), row, buffer);
                }
                if (extra is { } x) writer.Write("," + x.Row(row));
                writer.WriteLine();
            }
        });
    }

    // Times as ISO-8601 UTC, numbers in their shortest round-tripping invariant form, NaN as an empty cell; formatted
    // into a stack buffer, since the equity table has a row per bar.
    private static void WriteCell(StreamWriter writer, IArrowArray column, int row, Span<char> buffer)
    {
        int written;
        switch (column)
        {
            case DoubleArray a:
                double d = a.Values[row];
                if (double.IsNaN(d)) return;
                d.TryFormat(buffer, out written, default, CultureInfo.InvariantCulture);
                writer.Write(buffer[..written]);
                return;
            case TimestampArray a:
                writer.Write(buffer[..FormatTime(a.Values[row], buffer)]);
                return;
            case Int32Array a:
                a.Values[row].TryFormat(buffer, out written, default, CultureInfo.InvariantCulture);
                writer.Write(buffer[..written]);
                return;
            case BooleanArray a:
                writer.Write(a.GetValue(row) == true ? "true" : "false");
                return;
            case StringArray a:
                writer.Write(a.GetString(row));
                return;
            default:
                throw new InvalidOperationException($"No CSV form for Arrow type {column.Data.DataType.Name}.");
        }
    }

    // yyyy-MM-ddTHH:mm:ss[.fff]Z (as BarValidator.FormatTime, milliseconds only when present), by integer arithmetic:
    // a custom DateTime format string costs more than the rest of an equity row.
    internal static int FormatTime(long epochMs, Span<char> buffer)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(epochMs).UtcDateTime;
        time.Date.TryFormat(buffer, out int n, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        buffer[n++] = 'T';
        Two(buffer, ref n, time.Hour);
        buffer[n++] = ':';
        Two(buffer, ref n, time.Minute);
        buffer[n++] = ':';
        Two(buffer, ref n, time.Second);
        int ms = time.Millisecond;
        if (ms != 0)
        {
            buffer[n++] = '.';
            buffer[n++] = (char)('0' + ms / 100);
            if (ms % 100 != 0) buffer[n++] = (char)('0' + ms / 10 % 10);
            if (ms % 10 != 0) buffer[n++] = (char)('0' + ms % 10);
        }
        buffer[n++] = 'Z';
        return n;
    }

    private static void Two(Span<char> buffer, ref int n, int value)
    {
        buffer[n++] = (char)('0' + value / 10);
        buffer[n++] = (char)('0' + value % 10);
    }

    private static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);
}
