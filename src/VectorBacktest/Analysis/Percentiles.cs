using System.Buffers;

namespace VectorBacktest.Analysis;

/// <summary>numpy's default ("linear", Hyndman–Fan type 7) percentile of sorted values.</summary>
internal static class Percentiles
{
    /// <summary>
    /// <c>h = (m−1)·p</c>, <c>i = ⌊h⌋</c>, <c>g = h − i</c>, <c>d = x[i+1] − x[i]</c>; <c>x[i] + d·g</c> when g &lt; 0.5,
    /// else <c>x[i+1] − d·(1 − g)</c>: numpy's two-sided lerp, kept for bit-identical results. NaN when empty.
    /// </summary>
    public static double Linear(ReadOnlySpan<double> sorted, double p)
    {
        int m = sorted.Length;
        if (m == 0) return double.NaN;
        if (m == 1) return sorted[0];
        double h = (m - 1) * p;
        int i = (int)Math.Floor(h);
        if (i >= m - 1) return sorted[m - 1];
        double g = h - i, lo = sorted[i], hi = sorted[i + 1], d = hi - lo;
        return g < 0.5 ? lo + d * g : hi - d * (1 - g);
    }
}

/// <summary>An ascending copy of NaN-free values in a pooled buffer.</summary>
internal ref struct SortedValues
{
    private double[]? _rented;

    public SortedValues(ReadOnlySpan<double> values)
    {
        _rented = ArrayPool<double>.Shared.Rent(Math.Max(values.Length, 1));
        var span = _rented.AsSpan(0, values.Length);
        values.CopyTo(span);
        span.Sort();
        Values = span;
    }

    public ReadOnlySpan<double> Values { get; }

    public void Dispose()
    {
        if (_rented is not null) ArrayPool<double>.Shared.Return(_rented);
        _rented = null;
    }
}
