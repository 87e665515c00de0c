namespace VectorBacktest.Indicators.Smc;

/// <summary>
/// Swings as per-bar columns named after the reference's (<c>HighLow</c>, <c>Level</c>) plus the bar of the
/// extreme; produced by <see cref="Swings.ToTable"/>, which documents on which row a swing is placed.
/// </summary>
public sealed class SwingsTable
{
    internal SwingsTable(int barCount)
    {
        HighLow = new double[barCount];
        Level = new double[barCount];
        SwingIndex = new double[barCount];
    }

    /// <summary>+1 swing high, -1 swing low, NaN none (reference column <c>HighLow</c>, float64).</summary>
    public double[] HighLow { get; }

    /// <summary>Swing price: the bar's high for a high, low for a low; NaN none (reference column <c>Level</c>).</summary>
    public double[] Level { get; }

    /// <summary>Bar of the swing's extreme as a float (e.g. <c>153.0</c>); NaN none. Equals the row in reference mode.</summary>
    public double[] SwingIndex { get; }
}
