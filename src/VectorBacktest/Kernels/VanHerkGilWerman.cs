using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VectorBacktest.Kernels;

/// <summary>A commutative, associative pick of two values (max or min) for the block algorithm.</summary>
internal interface IExtremeOperator
{
    /// <summary>The picked value; the inputs are never NaN, the sign of a zero result is unspecified.</summary>
    static abstract double Pick(double a, double b);

    /// <summary>True when <paramref name="candidate"/> is strictly better than <paramref name="current"/>.</summary>
    static abstract bool Better(double candidate, double current);
}

internal readonly struct MaxOperator : IExtremeOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Pick(double a, double b) =>
        Vector128.IsHardwareAccelerated
            ? Vector128.MaxNative(Vector128.CreateScalarUnsafe(a), Vector128.CreateScalarUnsafe(b)).ToScalar()
            : Math.Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Better(double candidate, double current) => candidate > current;
}

internal readonly struct MinOperator : IExtremeOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Pick(double a, double b) =>
        Vector128.IsHardwareAccelerated
            ? Vector128.MinNative(Vector128.CreateScalarUnsafe(a), Vector128.CreateScalarUnsafe(b)).ToScalar()
            : Math.Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Better(double candidate, double current) => candidate < current;
}

/// <summary>
/// Rolling extremes by the van Herk / Gil–Werman block algorithm: O(1) work per bar for any window. The series
/// is cut into blocks of <c>window</c> bars; a window ending at <c>i</c> in block <c>k</c> is the suffix of block
/// <c>k − 1</c> from <c>i − window + 1</c> plus the prefix of block <c>k</c> up to <c>i</c>. Each suffix extreme
/// of block <c>k − 1</c> is parked in the output slot of the window that starts there (<c>p + window − 1</c>,
/// inside block <c>k</c>), and the prefix sweep combines it in place, so no scratch memory is needed. Inputs
/// must hold no NaN (callers split at NaN with <see cref="CleanRuns"/>).
/// </summary>
internal static class VanHerkGilWerman
{
    public static void Values<TOp>(ReadOnlySpan<double> x, int w, Span<double> y) where TOp : IExtremeOperator
    {
        int n = x.Length;
        if (n < w)
        {
            y.Fill(double.NaN);
            return;
        }
        if (w == 1)
        {
            x.CopyTo(y);
            return;
        }
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double yr = ref MemoryMarshal.GetReference(y);
        y[..(w - 1)].Fill(double.NaN);
        double g = xr;
        for (int i = 1; i < w; i++) g = TOp.Pick(g, Unsafe.Add(ref xr, i));
        Unsafe.Add(ref yr, w - 1) = g;

        for (int k = w, fullEnd; k < n; k = fullEnd >= n ? n : fullEnd + 1)
        {
            // The window that is exactly block k ends at fullEnd (n when block k is the partial last one).
            fullEnd = n - k <= w - 1 ? n : k + w - 1;
            int stop = Math.Min(n, fullEnd);
            // Suffix extremes of block k − 1 from start p, parked in the slot of the window that starts there
            // (i = p + w − 1); the last block may be partial, so starts whose window passes n are only folded in.
            double h = Unsafe.Add(ref xr, k - 1);
            int p = k - 1;
            for (; p > n - w; p--) h = TOp.Pick(h, Unsafe.Add(ref xr, p));
            for (; p > k - w; p--)
            {
                h = TOp.Pick(h, Unsafe.Add(ref xr, p));
                Unsafe.Add(ref yr, p + w - 1) = h;
            }
            g = Unsafe.Add(ref xr, k);
            for (int i = k; i < stop; i++)
            {
                g = TOp.Pick(g, Unsafe.Add(ref xr, i));
                Unsafe.Add(ref yr, i) = TOp.Pick(Unsafe.Add(ref yr, i), g);
            }
            if (fullEnd < n) Unsafe.Add(ref yr, fullEnd) = TOp.Pick(g, Unsafe.Add(ref xr, fullEnd));
        }
    }

    /// <summary>
    /// The index variant: <c>y[i]</c> = <paramref name="offset"/> + the index of the extreme of the window ending
    /// at <c>i</c>, the latest one on ties, or −1 in the warm-up.
    /// </summary>
    public static void Indices<TOp>(ReadOnlySpan<double> x, int w, Span<int> y, int offset) where TOp : IExtremeOperator
    {
        int n = x.Length;
        if (n < w)
        {
            y.Fill(-1);
            return;
        }
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref int yr = ref MemoryMarshal.GetReference(y);
        y[..(w - 1)].Fill(-1);
        int g = 0;
        for (int i = 1; i < w; i++) g = TOp.Better(Unsafe.Add(ref xr, g), Unsafe.Add(ref xr, i)) ? g : i;
        Unsafe.Add(ref yr, w - 1) = g + offset;

        for (int k = w, fullEnd; k < n; k = fullEnd >= n ? n : fullEnd + 1)
        {
            // The window that is exactly block k ends at fullEnd (n when block k is the partial last one).
            fullEnd = n - k <= w - 1 ? n : k + w - 1;
            int stop = Math.Min(n, fullEnd);
            // Suffix: a strictly better value is needed to move to an earlier index, so ties keep the later one.
            int h = k - 1;
            int p = k - 1;
            for (; p > n - w; p--) h = TOp.Better(Unsafe.Add(ref xr, p), Unsafe.Add(ref xr, h)) ? p : h;
            for (; p > k - w; p--)
            {
                h = TOp.Better(Unsafe.Add(ref xr, p), Unsafe.Add(ref xr, h)) ? p : h;
                Unsafe.Add(ref yr, p + w - 1) = h;
            }
            g = k;
            for (int i = k; i < stop; i++)
            {
                g = TOp.Better(Unsafe.Add(ref xr, g), Unsafe.Add(ref xr, i)) ? g : i;
                int suffix = Unsafe.Add(ref yr, i);
                Unsafe.Add(ref yr, i) = (TOp.Better(Unsafe.Add(ref xr, suffix), Unsafe.Add(ref xr, g)) ? suffix : g) + offset;
            }
            if (fullEnd < n)
            {
                g = TOp.Better(Unsafe.Add(ref xr, g), Unsafe.Add(ref xr, fullEnd)) ? g : fullEnd;
                Unsafe.Add(ref yr, fullEnd) = g + offset;
            }
        }
    }
}
