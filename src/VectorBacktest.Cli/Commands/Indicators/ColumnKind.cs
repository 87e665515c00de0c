namespace VectorBacktest.Cli.Commands.Indicators;

/// <summary>How a column's values are written: the storage type the reference uses for it.</summary>
internal enum ColumnKind
{
    /// <summary>float64: shortest round-trip text with a trailing <c>.0</c> for whole numbers (Python's repr); NaN empty.</summary>
    Float64,
    /// <summary>float32: the value rounded to float32 and written as float32's shortest round-trip text; NaN empty.</summary>
    Float32,
    /// <summary>A whole number without a decimal point.</summary>
    Integer,
}
