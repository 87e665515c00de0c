using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VectorBacktest.Analysis;

/// <summary>One element-wise map whose results <see cref="VectorReduce.Sum{TOp}"/> adds up.</summary>
internal interface IReduceOperator
{
    double Invoke(double x);
    Vector128<double> Invoke(Vector128<double> x);
    Vector256<double> Invoke(Vector256<double> x);
    Vector512<double> Invoke(Vector512<double> x);
}

/// <summary>
/// Σ op(x) over a span, dispatched on the widest accelerated vector size with a scalar tail. The operators are
/// structs so each instantiation inlines; adding a statistic is adding an operator, not a loop.
/// </summary>
internal static class VectorReduce
{
    public static double Sum<TOp>(ReadOnlySpan<double> x, TOp op) where TOp : struct, IReduceOperator
    {
        ref double r = ref MemoryMarshal.GetReference(x);
        int n = x.Length, i = 0;
        double total = 0;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<double>.Count)
        {
            var acc = Vector512<double>.Zero;
            for (; i <= n - Vector512<double>.Count; i += Vector512<double>.Count)
                acc += op.Invoke(Vector512.LoadUnsafe(ref r, (nuint)i));
            total = Vector512.Sum(acc);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<double>.Count)
        {
            var acc = Vector256<double>.Zero;
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
                acc += op.Invoke(Vector256.LoadUnsafe(ref r, (nuint)i));
            total = Vector256.Sum(acc);
        }
        else if (Vector128.IsHardwareAccelerated && n >= Vector128<double>.Count)
        {
            var acc = Vector128<double>.Zero;
            for (; i <= n - Vector128<double>.Count; i += Vector128<double>.Count)
                acc += op.Invoke(Vector128.LoadUnsafe(ref r, (nuint)i));
            total = Vector128.Sum(acc);
        }
        for (; i < n; i++) total += op.Invoke(Unsafe.Add(ref r, i));
        return total;
    }
}

/// <summary>(x − mean)².</summary>
internal readonly struct SquaredDeviation(double mean) : IReduceOperator
{
    public double Invoke(double x) { double d = x - mean; return d * d; }
    public Vector128<double> Invoke(Vector128<double> x) { var d = x - Vector128.Create(mean); return d * d; }
    public Vector256<double> Invoke(Vector256<double> x) { var d = x - Vector256.Create(mean); return d * d; }
    public Vector512<double> Invoke(Vector512<double> x) { var d = x - Vector512.Create(mean); return d * d; }
}

/// <summary>(x − mean)³.</summary>
internal readonly struct CubedDeviation(double mean) : IReduceOperator
{
    public double Invoke(double x) { double d = x - mean; return d * d * d; }
    public Vector128<double> Invoke(Vector128<double> x) { var d = x - Vector128.Create(mean); return d * d * d; }
    public Vector256<double> Invoke(Vector256<double> x) { var d = x - Vector256.Create(mean); return d * d * d; }
    public Vector512<double> Invoke(Vector512<double> x) { var d = x - Vector512.Create(mean); return d * d * d; }
}

/// <summary>(x − mean)⁴.</summary>
internal readonly struct FourthPowerDeviation(double mean) : IReduceOperator
{
    public double Invoke(double x) { double d = x - mean; d *= d; return d * d; }
    public Vector128<double> Invoke(Vector128<double> x) { var d = x - Vector128.Create(mean); d *= d; return d * d; }
    public Vector256<double> Invoke(Vector256<double> x) { var d = x - Vector256.Create(mean); d *= d; return d * d; }
    public Vector512<double> Invoke(Vector512<double> x) { var d = x - Vector512.Create(mean); d *= d; return d * d; }
}

/// <summary>min(x − threshold, 0)², the downside-deviation term.</summary>
internal readonly struct SquaredShortfall(double threshold) : IReduceOperator
{
    public double Invoke(double x) { double d = Math.Min(x - threshold, 0); return d * d; }
    public Vector128<double> Invoke(Vector128<double> x) { var d = Vector128.Min(x - Vector128.Create(threshold), Vector128<double>.Zero); return d * d; }
    public Vector256<double> Invoke(Vector256<double> x) { var d = Vector256.Min(x - Vector256.Create(threshold), Vector256<double>.Zero); return d * d; }
    public Vector512<double> Invoke(Vector512<double> x) { var d = Vector512.Min(x - Vector512.Create(threshold), Vector512<double>.Zero); return d * d; }
}

/// <summary>max(x − threshold, 0): the gains above a threshold (Omega's numerator).</summary>
internal readonly struct Excess(double threshold) : IReduceOperator
{
    public double Invoke(double x) => Math.Max(x - threshold, 0);
    public Vector128<double> Invoke(Vector128<double> x) => Vector128.Max(x - Vector128.Create(threshold), Vector128<double>.Zero);
    public Vector256<double> Invoke(Vector256<double> x) => Vector256.Max(x - Vector256.Create(threshold), Vector256<double>.Zero);
    public Vector512<double> Invoke(Vector512<double> x) => Vector512.Max(x - Vector512.Create(threshold), Vector512<double>.Zero);
}

/// <summary>max(threshold − x, 0): the shortfalls below a threshold (Omega's denominator).</summary>
internal readonly struct Shortfall(double threshold) : IReduceOperator
{
    public double Invoke(double x) => Math.Max(threshold - x, 0);
    public Vector128<double> Invoke(Vector128<double> x) => Vector128.Max(Vector128.Create(threshold) - x, Vector128<double>.Zero);
    public Vector256<double> Invoke(Vector256<double> x) => Vector256.Max(Vector256.Create(threshold) - x, Vector256<double>.Zero);
    public Vector512<double> Invoke(Vector512<double> x) => Vector512.Max(Vector512.Create(threshold) - x, Vector512<double>.Zero);
}
