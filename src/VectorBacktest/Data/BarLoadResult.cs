using VectorBacktest.Data.Validation;

namespace VectorBacktest.Data;

/// <summary>A series read from a file, with what validation found and changed.</summary>
/// <param name="Series">The bars.</param>
/// <param name="Report">Changes made in repair mode (none in strict mode) and the gaps of <paramref name="Series"/>.</param>
public sealed record BarLoadResult(BarSeries Series, ValidationReport Report)
{
    internal static BarLoadResult Create(BarSeries series, string source, ValidationMode mode, long rowsRead, List<ValidationChange>? changes) =>
        new(series, new ValidationReport(source, mode, rowsRead, series.Length, series.Timeframe,
            changes is null ? [] : changes.ToArray(), GapFinder.Find(series)));
}
