using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace VectorBacktest.Analysis;

/// <summary>numpy's default ("linear", Hyndman–Fan type 7) percentile.</summary>
internal static class Percentiles
{
    /// <summary>
    /// <c>h = (m−1)·p</c>, <c>i = ⌊h⌋</c>, <c>g = h − i</c>; the percentile of ascending values. NaN when empty.
    /// </summary>
    public static double Linear(ReadOnlySpan<double> sorted, double p)
    {
        int m = sorted.Length;
        if (m == 0) return double.NaN;
        int i = Index(m, p, out double g);
        return i >= m - 1 ? sorted[m - 1] : Lerp(sorted[i], sorted[i + 1], g);
    }

    /// <summary>i = ⌊(m − 1)·p⌋ and its fraction g.</summary>
    public static int Index(int m, double p, out double g)
    {
        double h = (m - 1) * p;
        int i = (int)Math.Floor(h);
        g = h - i;
        return i;
    }

    /// <summary>numpy's two-sided lerp, <c>lo + d·g</c> when g &lt; 0.5 else <c>hi − d·(1 − g)</c>, kept for bit-identical results.</summary>
    public static double Lerp(double lo, double hi, double g)
    {
        double d = hi - lo;
        return g < 0.5 ? lo + d * g : hi - d * (1 - g);
    }
}

/// <summary>
/// Order statistics of NaN-free values without a full sort: a pooled copy that introselect (three-way quickselect,
/// falling back to a sort when the recursion degenerates) partially orders on demand. Each selected rank becomes a
/// partition boundary that later selections start from, so the few tail ranks a risk summary needs (1 %, 5 %, 95 %)
/// cost a handful of linear passes instead of an O(n log n) sort.
/// </summary>
internal ref struct OrderStatistics
{
    private const int MaxBoundaries = 16;
    private double[]? _rented;
    private readonly Span<double> _values;
    private readonly Span<int> _boundaries;
    private int _boundaryCount;

    public OrderStatistics(ReadOnlySpan<double> finiteValues, Span<int> boundaryScratch)
    {
        _rented = ArrayPool<double>.Shared.Rent(Math.Max(finiteValues.Length, 1));
        _values = _rented.AsSpan(0, finiteValues.Length);
        finiteValues.CopyTo(_values);
        _boundaries = boundaryScratch[..MaxBoundaries];
        _boundaryCount = 0;
    }

    /// <summary>Number of values.</summary>
    public readonly int Count => _values.Length;

    /// <summary>The k-th smallest value (0-based).</summary>
    public double Rank(int k)
    {
        Bounds(k, out int lo, out int hi, out bool known);
        if (!known)
        {
            Select(_values, lo, hi, k);
            if (_boundaryCount < MaxBoundaries) _boundaries[_boundaryCount++] = k;
        }
        return _values[k];
    }

    /// <summary>numpy's linear percentile (NaN when empty).</summary>
    public double Percentile(double p)
    {
        int m = _values.Length;
        if (m == 0) return double.NaN;
        int i = Percentiles.Index(m, p, out double g);
        if (i >= m - 1) return Rank(m - 1);
        double lo = Rank(i);
        // The next rank is the minimum of the block right of i (up to the next boundary): one vectorised scan.
        Bounds(i + 1, out _, out int hi, out bool known);
        double next = known ? _values[i + 1] : TensorPrimitives.Min(_values[(i + 1)..hi]);
        return Percentiles.Lerp(lo, next, g);
    }

    /// <summary>Σ of the <paramref name="count"/> smallest values (summed in partition order, as numpy's CVaR does).</summary>
    public double SumOfSmallest(int count)
    {
        if (count == 0) return 0;
        Rank(count - 1);
        return TensorPrimitives.Sum(_values[..count]);
    }

    public void Dispose()
    {
        if (_rented is not null) ArrayPool<double>.Shared.Return(_rented);
        _rented = null;
    }

    /// <summary>The block [lo, hi) of unordered values that holds rank k, between the nearest known boundaries.</summary>
    private readonly void Bounds(int k, out int lo, out int hi, out bool known)
    {
        lo = 0;
        hi = _values.Length;
        known = false;
        for (int j = 0; j < _boundaryCount; j++)
        {
            int b = _boundaries[j];
            if (b == k) known = true;
            else if (b < k && b + 1 > lo) lo = b + 1;
            else if (b > k && b < hi) hi = b;
        }
    }

    /// <summary>Places the k-th smallest of a[lo..hi) at k with smaller-or-equal values left of it and larger-or-equal right.</summary>
    private static void Select(Span<double> a, int lo, int hi, int k)
    {
        int depth = 2 * BitOperations.Log2((uint)Math.Max(hi - lo, 1)) + 8;
        while (hi - lo > 24)
        {
            if (depth-- == 0) break;
            int mid = lo + (hi - lo) / 2;
            double x = a[lo], y = a[mid], z = a[hi - 1];
            double pivot = Math.Max(Math.Min(x, y), Math.Min(Math.Max(x, y), z));
            // Three-way partition: runs of equal values (flat equity gives many zero returns) stay cheap.
            int lt = lo, i = lo, gt = hi - 1;
            while (i <= gt)
            {
                double v = a[i];
                if (v < pivot)
                {
                    a[i++] = a[lt];
                    a[lt++] = v;
                }
                else if (v > pivot)
                {
                    a[i] = a[gt];
                    a[gt--] = v;
                }
                else i++;
            }
            if (k < lt) hi = lt;
            else if (k > gt) lo = gt + 1;
            else return;
        }
        a[lo..hi].Sort();
    }
}
