namespace VectorBacktest.Indicators.Smc;

/// <summary>
/// Liquidity groups as per-bar columns named after the reference's (<c>Liquidity</c>, <c>Level</c>, <c>End</c>,
/// <c>Swept</c>) plus the anchor bar and a per-bar sweep count; produced by <see cref="Smc.Liquidity.ToTable"/>,
/// which documents on which row a group is placed. Rows without a group are NaN.
/// </summary>
public sealed class LiquidityTable
{
    internal LiquidityTable(int barCount)
    {
        Liquidity = SmcEventColumns.NewEmpty(barCount);
        Level = SmcEventColumns.NewEmpty(barCount);
        End = SmcEventColumns.NewEmpty(barCount);
        Swept = SmcEventColumns.NewEmpty(barCount);
        AnchorIndex = SmcEventColumns.NewEmpty(barCount);
        Sweeps = new double[barCount];
    }

    /// <summary>+1 equal highs, −1 equal lows (a float32 column in the reference).</summary>
    public double[] Liquidity { get; }

    /// <summary>Mean level of the members (a float32 value).</summary>
    public double[] Level { get; }

    /// <summary>Bar of the last member.</summary>
    public double[] End { get; }

    /// <summary>Reference mode: sweep bar, 0 = not swept. Causal mode: all NaN (see <see cref="Sweeps"/>).</summary>
    public double[] Swept { get; }

    /// <summary>Bar of the group's anchor; equals the row in reference mode.</summary>
    public double[] AnchorIndex { get; }

    /// <summary>Number of reported groups swept on this bar (an event of the bar); 0 when none.</summary>
    public double[] Sweeps { get; }
}
