namespace VectorBacktest.Indicators.Smc;

/// <summary>
/// Structure breaks as per-bar columns named after the reference's (<c>BOS</c>, <c>CHOCH</c>, <c>Level</c>,
/// <c>BrokenIndex</c>) plus the broken swing's bar; produced by <see cref="StructureBreaks.ToTable"/>, which
/// documents on which row an event is placed. Empty fields are NaN.
/// </summary>
public sealed class StructureBreaksTable
{
    internal StructureBreaksTable(int barCount)
    {
        Bos = new double[barCount];
        Choch = new double[barCount];
        Level = new double[barCount];
        BrokenIndex = new double[barCount];
        SwingIndex = new double[barCount];
    }

    /// <summary>+1 bullish / -1 bearish break of structure (reference column <c>BOS</c>, float64).</summary>
    public double[] Bos { get; }

    /// <summary>+1 bullish / -1 bearish change of character (reference column <c>CHOCH</c>, float64).</summary>
    public double[] Choch { get; }

    /// <summary>The broken level, a float32 value widened to double (reference column <c>Level</c>, float32).</summary>
    public double[] Level { get; }

    /// <summary>The break bar as a float (reference column <c>BrokenIndex</c>, float64).</summary>
    public double[] BrokenIndex { get; }

    /// <summary>The broken swing's bar as a float; equals the row in reference mode.</summary>
    public double[] SwingIndex { get; }
}
