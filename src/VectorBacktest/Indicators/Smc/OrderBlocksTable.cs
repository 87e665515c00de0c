namespace VectorBacktest.Indicators.Smc;

/// <summary>
/// Order blocks as per-bar columns named after the reference's (<c>OB</c>, <c>Top</c>, <c>Bottom</c>,
/// <c>OBVolume</c>, <c>MitigatedIndex</c>, <c>Percentage</c>) plus the candle bar and per-bar event counts; produced by
/// <see cref="OrderBlocks.ToTable"/>, which documents on which row a block is placed. Rows without a block are NaN.
/// </summary>
public sealed class OrderBlocksTable
{
    internal OrderBlocksTable(int barCount)
    {
        OB = SmcEventColumns.NewEmpty(barCount);
        Top = SmcEventColumns.NewEmpty(barCount);
        Bottom = SmcEventColumns.NewEmpty(barCount);
        OBVolume = SmcEventColumns.NewEmpty(barCount);
        MitigatedIndex = SmcEventColumns.NewEmpty(barCount);
        Percentage = SmcEventColumns.NewEmpty(barCount);
        BlockIndex = SmcEventColumns.NewEmpty(barCount);
        Mitigations = new double[barCount];
        Invalidations = new double[barCount];
    }

    private OrderBlocksTable(OrderBlocksTable source)
    {
        OB = (double[])source.OB.Clone();
        Top = (double[])source.Top.Clone();
        Bottom = (double[])source.Bottom.Clone();
        OBVolume = (double[])source.OBVolume.Clone();
        MitigatedIndex = (double[])source.MitigatedIndex.Clone();
        Percentage = (double[])source.Percentage.Clone();
        BlockIndex = (double[])source.BlockIndex.Clone();
        Mitigations = (double[])source.Mitigations.Clone();
        Invalidations = (double[])source.Invalidations.Clone();
    }

    /// <summary>+1 bullish, −1 bearish (float64).</summary>
    public double[] OB { get; }

    /// <summary>Upper edge (a float32 value).</summary>
    public double[] Top { get; }

    /// <summary>Lower edge (a float32 value).</summary>
    public double[] Bottom { get; }

    /// <summary>Volume of the break bar and the two before it (a float32 value).</summary>
    public double[] OBVolume { get; }

    /// <summary>
    /// Reference mode: mitigation bar as the reference writes it (bullish: the bar before the crossing), 0 = not
    /// mitigated (float64). Causal mode: all NaN (see <see cref="Mitigations"/>).
    /// </summary>
    public double[] MitigatedIndex { get; }

    /// <summary>Volume balance in percent (a float32 value).</summary>
    public double[] Percentage { get; }

    /// <summary>Bar of the order-block candle, NaN none; equals the row in reference mode.</summary>
    public double[] BlockIndex { get; }

    /// <summary>Number of blocks mitigated on this bar (the true crossing bar, an event of the bar); 0 when none.</summary>
    public double[] Mitigations { get; }

    /// <summary>Number of blocks invalidated on this bar (an event of the bar); 0 when none.</summary>
    public double[] Invalidations { get; }

    internal OrderBlocksTable Clone() => new(this);
}
