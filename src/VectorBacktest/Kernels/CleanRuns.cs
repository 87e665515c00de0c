using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VectorBacktest.Kernels;

/// <summary>Which values break a series into the runs a rolling kernel sees separately.</summary>
internal enum RunBreak
{
    /// <summary>Only NaN breaks a run (extremes handle ±∞ exactly).</summary>
    NaN,

    /// <summary>NaN and ±∞ break a run (running sums would turn ∞ − ∞ into NaN for later windows).</summary>
    NonFinite,
}

/// <summary>A rolling kernel applied to one run of clean values: it writes its own warm-up.</summary>
internal interface IRunKernel<TOut>
{
    /// <summary>Computes <paramref name="output"/> from a run that holds no breaking value.</summary>
    void Run(ReadOnlySpan<double> input, Span<TOut> output, int offset);
}

/// <summary>
/// Splits a series at breaking values (NaN, or NaN and ±∞) and runs a window kernel on each clean run, so that
/// "a window holding a breaking value gives the fill value" holds without the kernel ever seeing one: the
/// breaking bar itself and the next <c>window − 1</c> bars get the fill through the kernel's own warm-up.
/// </summary>
internal static class CleanRuns
{
    public static void Apply<TKernel, TOut>(ReadOnlySpan<double> input, Span<TOut> output, RunBreak breaks, TOut fill, ref TKernel kernel)
        where TKernel : struct, IRunKernel<TOut>
    {
        int start = 0;
        while (start < input.Length)
        {
            int bad = breaks == RunBreak.NaN ? IndexOfNaN(input[start..]) : IndexOfNonFinite(input[start..]);
            int end = bad < 0 ? input.Length : start + bad;
            if (end > start) kernel.Run(input[start..end], output[start..end], start);
            if (bad < 0) return;
            output[end] = fill;
            start = end + 1;
        }
    }

    /// <summary>Index of the first NaN, or −1.</summary>
    public static int IndexOfNaN(ReadOnlySpan<double> x)
    {
        ref double r = ref MemoryMarshal.GetReference(x);
        int n = x.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var v = Vector256.LoadUnsafe(ref r, (nuint)i);
                uint bits = (~Vector256.Equals(v, v)).ExtractMostSignificantBits();
                if (bits != 0) return i + BitOperations.TrailingZeroCount(bits);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= n - Vector128<double>.Count; i += Vector128<double>.Count)
            {
                var v = Vector128.LoadUnsafe(ref r, (nuint)i);
                uint bits = (~Vector128.Equals(v, v)).ExtractMostSignificantBits();
                if (bits != 0) return i + BitOperations.TrailingZeroCount(bits);
            }
        }
        for (; i < n; i++)
            if (double.IsNaN(Unsafe.Add(ref r, i))) return i;
        return -1;
    }

    /// <summary>Index of the first NaN or ±∞, or −1 (x − x is 0 exactly for finite x and NaN otherwise).</summary>
    public static int IndexOfNonFinite(ReadOnlySpan<double> x)
    {
        ref double r = ref MemoryMarshal.GetReference(x);
        int n = x.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var v = Vector256.LoadUnsafe(ref r, (nuint)i);
                uint bits = (~Vector256.Equals(v - v, Vector256<double>.Zero)).ExtractMostSignificantBits();
                if (bits != 0) return i + BitOperations.TrailingZeroCount(bits);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= n - Vector128<double>.Count; i += Vector128<double>.Count)
            {
                var v = Vector128.LoadUnsafe(ref r, (nuint)i);
                uint bits = (~Vector128.Equals(v - v, Vector128<double>.Zero)).ExtractMostSignificantBits();
                if (bits != 0) return i + BitOperations.TrailingZeroCount(bits);
            }
        }
        for (; i < n; i++)
            if (!double.IsFinite(Unsafe.Add(ref r, i))) return i;
        return -1;
    }
}
