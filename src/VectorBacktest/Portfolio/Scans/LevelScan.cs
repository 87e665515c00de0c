using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VectorBacktest.Portfolio.Scans;

/// <summary>
/// Finds the next bar whose range reaches a lower or an upper price level, so a position with fixed exit levels
/// jumps straight to the bar where it may exit.
/// </summary>
internal static class LevelScan
{
    /// <summary>
    /// First index <c>i</c> in [<paramref name="from"/>, <paramref name="to"/>) with <c>low[i] &lt;= lower</c> or
    /// <c>high[i] &gt;= upper</c>, or −1. NaN prices never match; pass −∞ / +∞ for an absent level.
    /// </summary>
    public static int FirstReached(ReadOnlySpan<double> low, ReadOnlySpan<double> high, int from, int to, double lower, double upper)
    {
        if ((uint)to > (uint)low.Length || (uint)to > (uint)high.Length) throw new ArgumentOutOfRangeException(nameof(to));
        ref double rl = ref MemoryMarshal.GetReference(low);
        ref double rh = ref MemoryMarshal.GetReference(high);
        int i = Math.Max(from, 0);
        if (Vector512.IsHardwareAccelerated && to - i >= Vector512<double>.Count)
        {
            var lo = Vector512.Create(lower);
            var up = Vector512.Create(upper);
            for (; i <= to - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var hit = Vector512.LessThanOrEqual(Vector512.LoadUnsafe(ref rl, (nuint)i), lo)
                        | Vector512.GreaterThanOrEqual(Vector512.LoadUnsafe(ref rh, (nuint)i), up);
                ulong bits = hit.ExtractMostSignificantBits();
                if (bits != 0) return i + BitOperations.TrailingZeroCount(bits);
            }
        }
        if (Vector256.IsHardwareAccelerated && to - i >= Vector256<double>.Count)
        {
            var lo = Vector256.Create(lower);
            var up = Vector256.Create(upper);
            for (; i <= to - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var hit = Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref rl, (nuint)i), lo)
                        | Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref rh, (nuint)i), up);
                uint bits = hit.ExtractMostSignificantBits();
                if (bits != 0) return i + BitOperations.TrailingZeroCount(bits);
            }
        }
        if (Vector128.IsHardwareAccelerated && to - i >= Vector128<double>.Count)
        {
            var lo = Vector128.Create(lower);
            var up = Vector128.Create(upper);
            for (; i <= to - Vector128<double>.Count; i += Vector128<double>.Count)
            {
                var hit = Vector128.LessThanOrEqual(Vector128.LoadUnsafe(ref rl, (nuint)i), lo)
                        | Vector128.GreaterThanOrEqual(Vector128.LoadUnsafe(ref rh, (nuint)i), up);
                uint bits = hit.ExtractMostSignificantBits();
                if (bits != 0) return i + BitOperations.TrailingZeroCount(bits);
            }
        }
        for (; i < to; i++)
            if (low[i] <= lower || high[i] >= upper) return i;
        return -1;
    }
}
