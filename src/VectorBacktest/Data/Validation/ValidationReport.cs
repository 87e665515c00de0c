using System.Text;

namespace VectorBacktest.Data.Validation;

/// <summary>
/// What a reader found and changed: every change made in <see cref="ValidationMode.Repair"/> (none in
/// <see cref="ValidationMode.Strict"/>, which throws instead) and every gap of the resulting series (in both
/// modes; gaps are reported, never filled).
/// </summary>
public sealed class ValidationReport
{
    /// <summary>Creates a report.</summary>
    /// <param name="source">The file path or a description of the input.</param>
    /// <param name="mode">The mode the input was read in.</param>
    /// <param name="rowsRead">Data rows read (blank lines excluded).</param>
    /// <param name="barCount">Bars in the resulting series.</param>
    /// <param name="timeframe">The timeframe the gaps were measured with.</param>
    /// <param name="changes">Changes made, in row order of discovery.</param>
    /// <param name="gaps">Gaps of the resulting series, in time order.</param>
    public ValidationReport(string source, ValidationMode mode, long rowsRead, int barCount, Timeframe timeframe,
        IReadOnlyList<ValidationChange> changes, IReadOnlyList<BarGap> gaps)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(gaps);
        Source = source;
        Mode = mode;
        RowsRead = rowsRead;
        BarCount = barCount;
        Timeframe = timeframe;
        Changes = changes;
        Gaps = gaps;
        long missing = 0;
        foreach (var g in gaps) missing += g.MissingBars;
        MissingBars = missing;
    }

    /// <summary>The file path or a description of the input.</summary>
    public string Source { get; }

    /// <summary>The mode the input was read in.</summary>
    public ValidationMode Mode { get; }

    /// <summary>Data rows read (blank lines excluded), before any row was dropped.</summary>
    public long RowsRead { get; }

    /// <summary>Bars in the resulting series.</summary>
    public int BarCount { get; }

    /// <summary>The timeframe the gaps were measured with (the series' timeframe).</summary>
    public Timeframe Timeframe { get; }

    /// <summary>Every change made by repair mode; empty in strict mode and for clean input.</summary>
    public IReadOnlyList<ValidationChange> Changes { get; }

    /// <summary>Gaps of the resulting series: after-time, before-time and the number of missing bars.</summary>
    public IReadOnlyList<BarGap> Gaps { get; }

    /// <summary>Total number of missing bars over all <see cref="Gaps"/>.</summary>
    public long MissingBars { get; }

    /// <summary>True when no row was changed (gaps may still exist).</summary>
    public bool IsUnchanged => Changes.Count == 0;

    /// <summary>A readable multi-line summary listing every change and every gap.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append($"{Source}: {RowsRead} row(s) read, {BarCount} bar(s) at {Timeframe}, {Changes.Count} change(s), ")
          .Append($"{Gaps.Count} gap(s) with {MissingBars} missing bar(s)").AppendLine();
        foreach (var c in Changes) sb.Append("  ").Append(c).AppendLine();
        foreach (var g in Gaps) sb.Append("  gap: ").Append(g).AppendLine();
        return sb.ToString();
    }
}
