using System.Globalization;
using System.Text;
using System.Text.Json;
using Apache.Arrow;
using VectorBacktest.Data;
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
            for (int row = 0; row < batch.Length; row++)
            {
                for (int c = 0; c < fields.Count; c++)
                {
                    if (c > 0) writer.Write(',');
                    writer.Write(Cell(batch.Column(c), row));
                }
                if (extra is { } x) writer.Write("," + x.Row(row));
                writer.WriteLine();
            }
        });
    }

    // Times as ISO-8601 UTC, numbers in their shortest round-tripping invariant form, NaN as an empty cell.
    private static string Cell(IArrowArray column, int row) => column switch
    {
        TimestampArray a => BarValidator.FormatTime(a.Values[row]),
        Int32Array a => a.Values[row].ToString(CultureInfo.InvariantCulture),
        DoubleArray a => Number(a.Values[row]),
        BooleanArray a => a.GetValue(row) == true ? "true" : "false",
        StringArray a => a.GetString(row),
        _ => throw new InvalidOperationException($"No CSV form for Arrow type {column.Data.DataType.Name}."),
    };

    private static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);
}
