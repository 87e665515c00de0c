namespace VectorBacktest.Data;

/// <summary>
/// A close column on a <see cref="Universe"/> index with missing bars filled from the last present close, and a
/// mask that says which values were filled. Produced only on request, by <see cref="Universe.ForwardFillClose"/>.
/// </summary>
public sealed class ForwardFilledClose
{
    private readonly double[] _values;
    private readonly bool[] _filled;

    internal ForwardFilledClose(double[] values, bool[] filled)
    {
        _values = values;
        _filled = filled;
    }

    /// <summary>The close of each bar; at a missing bar, the close of the newest present bar before it; NaN before the first present bar.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>True where <see cref="Values"/> was carried forward (the symbol had no bar there).</summary>
    public ReadOnlySpan<bool> Filled => _filled;
}
