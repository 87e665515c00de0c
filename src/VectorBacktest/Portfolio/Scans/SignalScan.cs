using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VectorBacktest.Portfolio.Scans;

/// <summary>
/// Finds the next bar carrying a signal, so the simulator's work is proportional to events rather than bars.
/// </summary>
internal static class SignalScan
{
    /// <summary>First index ≥ <paramref name="from"/> where <paramref name="column"/> is true, or −1 (an empty column has none).</summary>
    public static int NextTrue(ReadOnlySpan<bool> column, int from)
    {
        if (from >= column.Length) return -1;
        int k = MemoryMarshal.AsBytes(column.Slice(from)).IndexOfAnyExcept((byte)0);
        return k < 0 ? -1 : from + k;
    }

    /// <summary>First index ≥ <paramref name="from"/> where <paramref name="a"/> or <paramref name="b"/> is true, or −1.
    /// Either column may be empty; otherwise both have the same length.</summary>
    public static int NextTrueEither(ReadOnlySpan<bool> a, ReadOnlySpan<bool> b, int from)
    {
        if (b.IsEmpty) return NextTrue(a, from);
        if (a.IsEmpty) return NextTrue(b, from);
        ref byte ra = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(a));
        ref byte rb = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(b));
        int n = a.Length, i = from;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= n - Vector512<byte>.Count; i += Vector512<byte>.Count)
            {
                var any = Vector512.LoadUnsafe(ref ra, (nuint)i) | Vector512.LoadUnsafe(ref rb, (nuint)i);
                ulong zero = Vector512.Equals(any, Vector512<byte>.Zero).ExtractMostSignificantBits();
                if (zero != ulong.MaxValue) return i + BitOperations.TrailingZeroCount(~zero);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var any = Vector256.LoadUnsafe(ref ra, (nuint)i) | Vector256.LoadUnsafe(ref rb, (nuint)i);
                uint zero = Vector256.Equals(any, Vector256<byte>.Zero).ExtractMostSignificantBits();
                if (zero != uint.MaxValue) return i + BitOperations.TrailingZeroCount(~zero);
            }
        }
        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= n - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                var any = Vector128.LoadUnsafe(ref ra, (nuint)i) | Vector128.LoadUnsafe(ref rb, (nuint)i);
                uint zero = Vector128.Equals(any, Vector128<byte>.Zero).ExtractMostSignificantBits();
                if (zero != 0xFFFFu) return i + BitOperations.TrailingZeroCount(~zero);
            }
        }
        for (; i < n; i++)
            if ((Unsafe.Add(ref ra, i) | Unsafe.Add(ref rb, i)) != 0) return i;
        return -1;
    }
}
