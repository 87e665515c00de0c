using System.Globalization;
using System.Numerics;
using System.Text;

namespace VectorBacktest.Cli.Commands.Indicators;

/// <summary>Per-bar output columns of one indicator, written as CSV exactly as pandas' <c>to_csv</c> writes them.</summary>
internal sealed class IndicatorTable
{
    private readonly List<(string Name, ColumnKind Kind, double[] Values)> _columns = [];

    public IndicatorTable(int length) => Length = length;

    public int Length { get; }

    public IReadOnlyList<(string Name, ColumnKind Kind, double[] Values)> Columns => _columns;

    public IndicatorTable Add(string name, ColumnKind kind, double[] values)
    {
        if (values.Length != Length)
            throw new InvalidOperationException($"Column '{name}' has {values.Length} rows, the table {Length}.");
        _columns.Add((name, kind, values));
        return this;
    }

    public IndicatorTable Add(string name, int[] values)
    {
        var d = new double[values.Length];
        for (int i = 0; i < d.Length; i++) d[i] = values[i];
        return Add(name, ColumnKind.Integer, d);
    }

    /// <summary>Writes the header and one line per bar (LF line ends, no index column) to <paramref name="output"/>.</summary>
    public void WriteCsv(Stream output, IReadOnlyList<(string Name, long[] Values)>? leading = null)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var header = new List<string>();
        if (leading is not null) foreach (var c in leading) header.Add(c.Name);
        foreach (var c in _columns) header.Add(c.Name);
        writer.WriteLine(string.Join(',', header));
        var line = new StringBuilder();
        for (int i = 0; i < Length; i++)
        {
            line.Clear();
            if (leading is not null)
                foreach (var c in leading) line.Append(c.Values[i].ToString(CultureInfo.InvariantCulture)).Append(',');
            for (int c = 0; c < _columns.Count; c++)
            {
                if (c > 0) line.Append(',');
                line.Append(Format(_columns[c].Kind, _columns[c].Values[i]));
            }
            writer.WriteLine(line);
        }
    }

    /// <summary>Python's <c>repr</c> of a float64 or float32 value, or the integer's digits; NaN as an empty field.</summary>
    internal static string Format(ColumnKind kind, double value)
    {
        if (double.IsNaN(value)) return "";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        return kind switch
        {
            ColumnKind.Integer => ((long)value).ToString(CultureInfo.InvariantCulture),
            ColumnKind.Float32 => PythonRepr((float)value),
            _ => PythonRepr(value),
        };
    }

    // Python's repr: the shortest digits that round-trip, positional for 1e-4 <= |x| < 1e16 (with ".0" when
    // whole), else d.ddde±XX. .NET's shortest text has the same digits but switches notation at other magnitudes.
    private static string PythonRepr<T>(T value) where T : IFloatingPoint<T>, IFormattable
    {
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        double magnitude = Math.Abs(double.CreateTruncating(value));
        if (magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e16))
        {
            if (shortest.Contains('E'))
                shortest = decimal.Parse(shortest, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            return shortest.Contains('.') ? shortest : shortest + ".0";
        }
        var scientific = value.ToString("E" + (SignificantDigits(shortest) - 1), CultureInfo.InvariantCulture);
        int e = scientific.IndexOf('E');
        int exp = int.Parse(scientific.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return scientific[..e] + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
    }

    private static int SignificantDigits(string shortest)
    {
        int e = shortest.IndexOf('E');
        var digits = (e < 0 ? shortest : shortest[..e]).Replace("-", "").Replace(".", "").TrimStart('0');
        if (e < 0 && !shortest.Contains('.')) digits = digits.TrimEnd('0');
        return Math.Max(1, digits.Length);
    }
}
