namespace VectorBacktest.Data.Validation;

/// <summary>One change made by <see cref="ValidationMode.Repair"/>.</summary>
/// <param name="Row">1-based data row of the input (header excluded) that the change concerns.</param>
/// <param name="Column">The column that caused it, or null when the whole row is concerned.</param>
/// <param name="Action">What was done.</param>
/// <param name="Detail">Why, in words, with the offending values.</param>
public sealed record ValidationChange(long Row, string? Column, RepairAction Action, string Detail)
{
    /// <summary>One line: <c>row 12, column 'close': DroppedInvalidRow (close 5 is outside [low 6, high 7].)</c>.</summary>
    public override string ToString() =>
        Column is null ? $"row {Row}: {Action} ({Detail})" : $"row {Row}, column '{Column}': {Action} ({Detail})";
}
