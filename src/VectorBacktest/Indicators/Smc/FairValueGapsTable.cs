namespace VectorBacktest.Indicators.Smc;

/// <summary>
/// Fair value gaps as per-bar columns named after the reference's (<c>FVG</c>, <c>Top</c>, <c>Bottom</c>,
/// <c>MitigatedIndex</c>) plus the bar of each gap and a per-bar mitigation count; produced by
/// <see cref="FairValueGaps.ToTable"/>, which documents on which row a gap is placed.
/// </summary>
public sealed class FairValueGapsTable
{
    internal FairValueGapsTable(int barCount)
    {
        FVG = new double[barCount];
        Top = new double[barCount];
        Bottom = new double[barCount];
        MitigatedIndex = new double[barCount];
        GapIndex = new double[barCount];
        Mitigations = new double[barCount];
    }

    /// <summary>+1 bullish, −1 bearish, NaN none (reference column <c>FVG</c>, float64).</summary>
    public double[] FVG { get; }

    /// <summary>Upper edge, NaN none (reference column <c>Top</c>).</summary>
    public double[] Top { get; }

    /// <summary>Lower edge, NaN none (reference column <c>Bottom</c>).</summary>
    public double[] Bottom { get; }

    /// <summary>
    /// Reference mode: first touching bar, 0 = not mitigated, NaN on rows without a gap (reference column
    /// <c>MitigatedIndex</c>). Causal mode: all NaN (a mitigation is never written back; see <see cref="Mitigations"/>).
    /// </summary>
    public double[] MitigatedIndex { get; }

    /// <summary>Bar of the gap as a float, NaN none; equals the row in reference mode.</summary>
    public double[] GapIndex { get; }

    /// <summary>Number of gaps mitigated on this bar (an event of the bar, known at its close); 0 when none.</summary>
    public double[] Mitigations { get; }
}
