namespace VectorBacktest.Data.Validation;

/// <summary>A change that <see cref="ValidationMode.Repair"/> made to the input rows.</summary>
public enum RepairAction
{
    /// <summary>The row was dropped: a field was missing or unparsable, or its values break a bar invariant.</summary>
    DroppedInvalidRow,

    /// <summary>The row was dropped: an earlier row has the same timestamp and the same values.</summary>
    DroppedDuplicateRow,

    /// <summary>The row was out of time order; the rows were sorted by time (stably), which moved it.</summary>
    MovedUnsortedRow,
}
