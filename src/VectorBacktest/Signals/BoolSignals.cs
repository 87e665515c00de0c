using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using VectorBacktest.Kernels;

namespace VectorBacktest.Signals;

/// <summary>
/// Combinators over boolean signal columns (one <see cref="bool"/> per bar; true = the condition holds at that
/// bar's close). Crossings of numeric series are in <see cref="Crossings"/>; a packed form is
/// <see cref="BitColumn"/>.
/// </summary>
/// <remarks>
/// Inputs are bools as .NET writes them (byte 0 or 1). The element-wise operations run on bytes, vectorised;
/// destinations may be one of the inputs (in place) but must not partially overlap them.
/// </remarks>
public static class BoolSignals
{
    /// <summary><c>output[i] = a[i] &amp;&amp; b[i]</c>.</summary>
    /// <param name="a">First column.</param>
    /// <param name="b">Second column, same length.</param>
    /// <param name="output">Destination, same length.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void And(ReadOnlySpan<bool> a, ReadOnlySpan<bool> b, Span<bool> output)
    {
        KernelGuard.SameLength(a.Length, b.Length);
        KernelGuard.SameLength(a.Length, output.Length);
        TensorPrimitives.BitwiseAnd(Bytes(a), Bytes(b), Bytes(output));
    }

    /// <summary><c>output[i] = a[i] || b[i]</c>.</summary>
    /// <param name="a">First column.</param>
    /// <param name="b">Second column, same length.</param>
    /// <param name="output">Destination, same length.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Or(ReadOnlySpan<bool> a, ReadOnlySpan<bool> b, Span<bool> output)
    {
        KernelGuard.SameLength(a.Length, b.Length);
        KernelGuard.SameLength(a.Length, output.Length);
        TensorPrimitives.BitwiseOr(Bytes(a), Bytes(b), Bytes(output));
    }

    /// <summary><c>output[i] = a[i] &amp;&amp; !b[i]</c> (for example "entry and not in a blackout window").</summary>
    /// <param name="a">First column.</param>
    /// <param name="b">Column to exclude, same length.</param>
    /// <param name="output">Destination, same length.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void AndNot(ReadOnlySpan<bool> a, ReadOnlySpan<bool> b, Span<bool> output)
    {
        KernelGuard.SameLength(a.Length, b.Length);
        KernelGuard.SameLength(a.Length, output.Length);
        var ab = Bytes(a);
        var bb = Bytes(b);
        var ob = Bytes(output);
        ref byte ar = ref MemoryMarshal.GetReference(ab);
        ref byte br = ref MemoryMarshal.GetReference(bb);
        ref byte or = ref MemoryMarshal.GetReference(ob);
        int n = ab.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<byte>.Count; i += Vector256<byte>.Count)
                Vector256.AndNot(Vector256.LoadUnsafe(ref ar, (nuint)i), Vector256.LoadUnsafe(ref br, (nuint)i)).StoreUnsafe(ref or, (nuint)i);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= n - Vector128<byte>.Count; i += Vector128<byte>.Count)
                Vector128.AndNot(Vector128.LoadUnsafe(ref ar, (nuint)i), Vector128.LoadUnsafe(ref br, (nuint)i)).StoreUnsafe(ref or, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref or, i) = (byte)(Unsafe.Add(ref ar, i) & ~Unsafe.Add(ref br, i));
    }

    /// <summary><c>output[i] = !a[i]</c>.</summary>
    /// <param name="a">The column.</param>
    /// <param name="output">Destination, same length.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Not(ReadOnlySpan<bool> a, Span<bool> output)
    {
        KernelGuard.SameLength(a.Length, output.Length);
        TensorPrimitives.Xor(Bytes(a), (byte)1, Bytes(output));
    }

    /// <summary>
    /// Rising edge: <c>output[i] = a[i] &amp;&amp; !a[i−1]</c>, with bar 0 an edge when <c>a[0]</c> is true. Turns a
    /// state ("fast above slow") into events ("fast just went above slow").
    /// </summary>
    /// <param name="a">The column.</param>
    /// <param name="output">Destination, same length; must not be <paramref name="a"/> itself.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void RisingEdge(ReadOnlySpan<bool> a, Span<bool> output)
    {
        KernelGuard.SameLength(a.Length, output.Length);
        if (a.Length == 0) return;
        output[0] = a[0];
        AndNot(a[1..], a[..^1], output[1..]);
    }

    /// <summary>
    /// True where <paramref name="a"/> has held on this bar and each of the <paramref name="bars"/> − 1 bars before
    /// it (<paramref name="bars"/> consecutive trues ending at <c>i</c>); so the first <c>bars − 1</c> outputs are false.
    /// </summary>
    /// <param name="a">The column.</param>
    /// <param name="bars">Required run length, ≥ 1 (1 copies <paramref name="a"/>).</param>
    /// <param name="output">Destination, same length; may be <paramref name="a"/> itself.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bars"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void HeldFor(ReadOnlySpan<bool> a, int bars, Span<bool> output)
    {
        KernelGuard.AtLeast(bars, 1);
        KernelGuard.SameLength(a.Length, output.Length);
        var ab = Bytes(a);
        var ob = Bytes(output);
        int run = 0;
        for (int i = 0; i < ab.Length; i++)
        {
            run = (run + 1) & -ab[i];
            ob[i] = (byte)(run >= bars ? 1 : 0);
        }
    }

    /// <summary>
    /// The first true of <paramref name="condition"/> since the last true of <paramref name="reset"/>: for example the
    /// first entry signal after an exit, dropping repeats while already in. Armed at the start; a bar where
    /// <paramref name="reset"/> is true re-arms before <paramref name="condition"/> is looked at, and a reported bar
    /// disarms.
    /// </summary>
    /// <param name="condition">The events to thin out.</param>
    /// <param name="reset">The events that re-arm, same length.</param>
    /// <param name="output">Destination, same length; must not overlap the inputs.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void FirstTrueSince(ReadOnlySpan<bool> condition, ReadOnlySpan<bool> reset, Span<bool> output)
    {
        KernelGuard.SameLength(condition.Length, reset.Length);
        KernelGuard.SameLength(condition.Length, output.Length);
        bool armed = true;
        int i = 0;
        while (i < condition.Length)
        {
            // Jump between events instead of walking every bar: while armed only condition matters, while
            // disarmed only reset does.
            int next = armed ? IndexOfNextTrue(condition, i) : IndexOfNextTrue(reset, i);
            int end = next < 0 ? condition.Length : next;
            output[i..end].Clear();
            if (next < 0) return;
            if (armed)
            {
                output[next] = true;
                armed = false;
                i = next + 1;
            }
            else
            {
                armed = true;
                i = next;
            }
        }
    }

    /// <summary>The index of the first true at or after <paramref name="start"/>, or −1 when there is none. Vectorised.</summary>
    /// <param name="a">The column.</param>
    /// <param name="start">First index to look at, in [0, <c>a.Length</c>].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is outside [0, <c>a.Length</c>].</exception>
    public static int IndexOfNextTrue(ReadOnlySpan<bool> a, int start)
    {
        if ((uint)start > (uint)a.Length) KernelGuard.ThrowOutOfRange(nameof(start), start, $"in [0, {a.Length}]");
        int k = Bytes(a)[start..].IndexOfAnyExcept((byte)0);
        return k < 0 ? -1 : start + k;
    }

    /// <summary>The number of trues.</summary>
    /// <param name="a">The column.</param>
    public static int Count(ReadOnlySpan<bool> a) => a.Length - Bytes(a).Count((byte)0);

    /// <summary>Returns <c>a AND b</c> as a new array.</summary>
    /// <param name="a">First column.</param>
    /// <param name="b">Second column, same length.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static bool[] And(ReadOnlySpan<bool> a, ReadOnlySpan<bool> b)
    {
        var output = new bool[a.Length];
        And(a, b, output);
        return output;
    }

    /// <summary>Returns <c>a OR b</c> as a new array.</summary>
    /// <param name="a">First column.</param>
    /// <param name="b">Second column, same length.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static bool[] Or(ReadOnlySpan<bool> a, ReadOnlySpan<bool> b)
    {
        var output = new bool[a.Length];
        Or(a, b, output);
        return output;
    }

    /// <summary>Returns <c>NOT a</c> as a new array.</summary>
    /// <param name="a">The column.</param>
    public static bool[] Not(ReadOnlySpan<bool> a)
    {
        var output = new bool[a.Length];
        Not(a, output);
        return output;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> Bytes(ReadOnlySpan<bool> s) => MemoryMarshal.AsBytes(s);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Span<byte> Bytes(Span<bool> s) => MemoryMarshal.AsBytes(s);
}
