namespace VectorBacktest.Data;

/// <summary>
/// Bad bar data: names the source (a file path or a description), the 1-based data row (the header
/// is not counted; 0 when the problem is not tied to one row) and the column.
/// </summary>
public sealed class BarDataException : FormatException
{
    /// <summary>Creates the exception; the message is composed from the location and the problem.</summary>
    public BarDataException(string source, long row, string? column, string problem, Exception? inner = null)
        : base(Compose(source, row, column, problem), inner)
    {
        Source = source;
        Row = row;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file path or a description of the input.</summary>
    public new string Source { get; }

    /// <summary>1-based data row (header excluded); 0 when the problem concerns the whole input.</summary>
    public long Row { get; }

    /// <summary>The column name, or null when the problem concerns a whole row or the input.</summary>
    public string? Column { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Compose(string source, long row, string? column, string problem)
    {
        var where = source;
        if (row > 0) where += $", row {row}";
        if (column is not null) where += $", column '{column}'";
        return $"{where}: {problem}";
    }
}
