namespace VectorBacktest.Indicators.Smc;

/// <summary>
/// The reference's order-block table as per-bar columns named after its own (<c>OB</c>, <c>Top</c>,
/// <c>Bottom</c>, <c>OBVolume</c>, <c>MitigatedIndex</c>, <c>Percentage</c>), each block on its candle's row; produced
/// by <see cref="OrderBlocks.ToTable"/> in <see cref="SmcMode.Reference"/> mode. Rows without a block are NaN.
/// </summary>
public sealed class OrderBlocksTable
{
    internal OrderBlocksTable(int barCount)
    {
        OB = New(barCount);
        Top = New(barCount);
        Bottom = New(barCount);
        OBVolume = New(barCount);
        MitigatedIndex = New(barCount);
        Percentage = New(barCount);
    }

    private OrderBlocksTable(OrderBlocksTable source)
    {
        OB = (double[])source.OB.Clone();
        Top = (double[])source.Top.Clone();
        Bottom = (double[])source.Bottom.Clone();
        OBVolume = (double[])source.OBVolume.Clone();
        MitigatedIndex = (double[])source.MitigatedIndex.Clone();
        Percentage = (double[])source.Percentage.Clone();
    }

    /// <summary>+1 bullish, −1 bearish (float64).</summary>
    public double[] OB { get; }

    /// <summary>Upper edge (a float32 value).</summary>
    public double[] Top { get; }

    /// <summary>Lower edge (a float32 value).</summary>
    public double[] Bottom { get; }

    /// <summary>Volume of the break bar and the two before it (a float32 value).</summary>
    public double[] OBVolume { get; }

    /// <summary>Mitigation bar as the reference writes it (bullish: the bar before the crossing), 0 = not mitigated (float64).</summary>
    public double[] MitigatedIndex { get; }

    /// <summary>Volume balance in percent (a float32 value).</summary>
    public double[] Percentage { get; }

    internal OrderBlocksTable Clone() => new(this);

    private static double[] New(int n)
    {
        var a = new double[n];
        Array.Fill(a, double.NaN);
        return a;
    }
}
