using System.Buffers;
using System.Numerics.Tensors;

namespace VectorBacktest.Analysis;

/// <summary>
/// The non-NaN entries of a series (empyrical's <c>V</c>). When the series holds no NaN, which is the common
/// case and is detected with one vectorised sum, this is the series itself and nothing is copied; otherwise
/// the values are compacted into a pooled buffer that <see cref="Dispose"/> returns.
/// </summary>
internal ref struct FiniteValues
{
    private double[]? _rented;

    public FiniteValues(ReadOnlySpan<double> series)
    {
        _rented = null;
        Sum = TensorPrimitives.Sum(series);
        if (!double.IsNaN(Sum))
        {
            Values = series;
            return;
        }
        _rented = ArrayPool<double>.Shared.Rent(Math.Max(series.Length, 1));
        int k = 0;
        double sum = 0;
        foreach (double x in series)
        {
            if (double.IsNaN(x)) continue;
            _rented[k++] = x;
            sum += x;
        }
        Values = _rented.AsSpan(0, k);
        Sum = sum;
    }

    /// <summary>The non-NaN entries in their original order.</summary>
    public ReadOnlySpan<double> Values { get; }

    /// <summary>Σ of <see cref="Values"/>.</summary>
    public double Sum { get; }

    /// <summary>k, the number of non-NaN entries.</summary>
    public readonly int Count => Values.Length;

    /// <summary>Arithmetic mean of <see cref="Values"/>; NaN when there are none.</summary>
    public readonly double Mean => Count == 0 ? double.NaN : Sum / Count;

    public void Dispose()
    {
        if (_rented is not null) ArrayPool<double>.Shared.Return(_rented);
        _rented = null;
    }
}

/// <summary>Means and two-pass moments of NaN-free spans.</summary>
internal static class Moments
{
    public static double Mean(ReadOnlySpan<double> x) => x.Length == 0 ? double.NaN : TensorPrimitives.Sum(x) / x.Length;

    /// <summary>Sample standard deviation (ddof = 1, two-pass); NaN when fewer than two values.</summary>
    public static double SampleStd(ReadOnlySpan<double> x, double mean) =>
        x.Length < 2 ? double.NaN : Math.Sqrt(VectorReduce.Sum(x, new SquaredDeviation(mean)) / (x.Length - 1));

    /// <summary>Sample standard deviation (ddof = 1, two-pass); NaN when fewer than two values.</summary>
    public static double SampleStd(ReadOnlySpan<double> x) => SampleStd(x, Mean(x));
}
