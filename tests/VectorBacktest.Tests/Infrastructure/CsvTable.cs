using System.Globalization;

namespace VectorBacktest.Tests.Infrastructure;

/// <summary>
/// A small, strict reader for the golden CSV files in <c>../shared/reference</c>: a header line, then rows of
/// comma-separated fields (no quoting is used there). Fields are kept as text; typed getters parse them with
/// the invariant culture, an empty field reading as NaN.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _index;

    private CsvTable(string[] header, List<string[]> rows)
    {
        Header = header;
        Rows = rows;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++) _index[header[i]] = i;
    }

    /// <summary>Column names in file order.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Data rows (header excluded).</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>Number of data rows.</summary>
    public int Count => Rows.Count;

    /// <summary>Reads a file.</summary>
    public static CsvTable Load(string path)
    {
        using var reader = new StreamReader(path);
        var header = (reader.ReadLine() ?? throw new InvalidDataException(path + " is empty")).Split(',');
        var rows = new List<string[]>();
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length == 0) continue;
            var fields = line.Split(',');
            if (fields.Length != header.Length)
                throw new InvalidDataException($"{path}, row {rows.Count + 1}: {fields.Length} fields, header has {header.Length}");
            rows.Add(fields);
        }
        return new CsvTable(header, rows);
    }

    /// <summary>True when the table has column <paramref name="name"/>.</summary>
    public bool Has(string name) => _index.ContainsKey(name);

    /// <summary>A column's text.</summary>
    public string[] Text(string name)
    {
        int c = _index[name];
        var result = new string[Rows.Count];
        for (int r = 0; r < result.Length; r++) result[r] = Rows[r][c];
        return result;
    }

    /// <summary>A column as doubles; empty fields and <c>nan</c> read as NaN.</summary>
    public double[] Doubles(string name)
    {
        int c = _index[name];
        var result = new double[Rows.Count];
        for (int r = 0; r < result.Length; r++)
        {
            var f = Rows[r][c];
            result[r] = f.Length == 0 || f.Equals("nan", StringComparison.OrdinalIgnoreCase)
                ? double.NaN
                : double.Parse(f, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        return result;
    }

    /// <summary>A column of ISO-8601 UTC timestamps as epoch milliseconds.</summary>
    public long[] EpochMs(string name)
    {
        var text = Text(name);
        var result = new long[text.Length];
        for (int r = 0; r < result.Length; r++)
            result[r] = DateTimeOffset.Parse(text[r], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds();
        return result;
    }
}
