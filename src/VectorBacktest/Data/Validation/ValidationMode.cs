namespace VectorBacktest.Data.Validation;

/// <summary>What a reader does with bad rows.</summary>
public enum ValidationMode
{
    /// <summary>Throw a <see cref="BarDataException"/> at the first bad row, naming the file, row and column (default).</summary>
    Strict,

    /// <summary>
    /// Drop rows with invalid values and exact duplicate rows, sort unsorted rows (stably), and list every change in
    /// the <see cref="ValidationReport"/>. Never invents or fills a price; two rows with the same timestamp but
    /// different values are still an error.
    /// </summary>
    Repair,
}
