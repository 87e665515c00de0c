using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VectorBacktest.Kernels;

/// <summary>What the bar before a crossing must look like.</summary>
public enum CrossRule
{
    /// <summary>
    /// Strictly on the other side on both bars: above means <c>a[i] &gt; b[i]</c> and <c>a[i−1] &lt; b[i−1]</c>.
    /// A tie on either bar is no cross. This is backtesting.py's <c>crossover</c> and the rule of the benchmark
    /// workloads.
    /// </summary>
    Strict,

    /// <summary>
    /// A tie on the previous bar counts: above means <c>a[i] &gt; b[i]</c> and <c>a[i−1] ≤ b[i−1]</c>
    /// (Pine Script's <c>ta.crossover</c>). A series that touches and then leaves therefore crosses.
    /// </summary>
    FromTouch,
}

/// <summary>
/// Crossings of two series (or of a series and a level) as a boolean column: <c>output[i]</c> is true on the bar
/// where the cross is first seen, which is known at bar <c>i</c>'s close.
/// </summary>
/// <remarks>
/// <c>output[0]</c> is always false (no previous bar). NaN compares false, so no cross is reported on a bar
/// where either bar of the pair holds a NaN (warm-up included). Vectorised (512/256/128-bit with scalar
/// fallback); the result is identical on every path.
/// </remarks>
public static class Crossings
{
    /// <summary>Marks the bars where <paramref name="a"/> crosses above <paramref name="b"/>.</summary>
    /// <param name="a">The crossing series.</param>
    /// <param name="b">The series crossed; same length as <paramref name="a"/>.</param>
    /// <param name="output">Destination, same length.</param>
    /// <param name="rule">How the previous bar is compared (default <see cref="CrossRule.Strict"/>).</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Above(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<bool> output, CrossRule rule = CrossRule.Strict)
    {
        KernelGuard.SameLength(a.Length, b.Length);
        KernelGuard.SameLength(a.Length, output.Length);
        Core(new SeriesOperand(a), new SeriesOperand(b), output, rule);
    }

    /// <summary>Marks the bars where <paramref name="a"/> crosses below <paramref name="b"/> (the mirror of <see cref="Above(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{bool}, CrossRule)"/>).</summary>
    /// <param name="a">The crossing series.</param>
    /// <param name="b">The series crossed; same length as <paramref name="a"/>.</param>
    /// <param name="output">Destination, same length.</param>
    /// <param name="rule">How the previous bar is compared (default <see cref="CrossRule.Strict"/>).</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Below(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<bool> output, CrossRule rule = CrossRule.Strict) =>
        Above(b, a, output, rule);

    /// <summary>Marks the bars where <paramref name="a"/> crosses above the constant <paramref name="level"/>.</summary>
    /// <param name="a">The crossing series.</param>
    /// <param name="level">The level crossed.</param>
    /// <param name="output">Destination, same length as <paramref name="a"/>.</param>
    /// <param name="rule">How the previous bar is compared (default <see cref="CrossRule.Strict"/>).</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Above(ReadOnlySpan<double> a, double level, Span<bool> output, CrossRule rule = CrossRule.Strict)
    {
        KernelGuard.SameLength(a.Length, output.Length);
        Core(new SeriesOperand(a), new LevelOperand(level), output, rule);
    }

    /// <summary>Marks the bars where <paramref name="a"/> crosses below the constant <paramref name="level"/>.</summary>
    /// <param name="a">The crossing series.</param>
    /// <param name="level">The level crossed.</param>
    /// <param name="output">Destination, same length as <paramref name="a"/>.</param>
    /// <param name="rule">How the previous bar is compared (default <see cref="CrossRule.Strict"/>).</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Below(ReadOnlySpan<double> a, double level, Span<bool> output, CrossRule rule = CrossRule.Strict)
    {
        KernelGuard.SameLength(a.Length, output.Length);
        Core(new LevelOperand(level), new SeriesOperand(a), output, rule);
    }

    /// <summary>Returns the bars where <paramref name="a"/> crosses above <paramref name="b"/> as a new array.</summary>
    /// <inheritdoc cref="Above(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{bool}, CrossRule)"/>
    public static bool[] Above(ReadOnlySpan<double> a, ReadOnlySpan<double> b, CrossRule rule = CrossRule.Strict)
    {
        var output = new bool[a.Length];
        Above(a, b, output, rule);
        return output;
    }

    /// <summary>Returns the bars where <paramref name="a"/> crosses below <paramref name="b"/> as a new array.</summary>
    /// <inheritdoc cref="Below(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{bool}, CrossRule)"/>
    public static bool[] Below(ReadOnlySpan<double> a, ReadOnlySpan<double> b, CrossRule rule = CrossRule.Strict)
    {
        var output = new bool[a.Length];
        Below(a, b, output, rule);
        return output;
    }

    private interface IOperand
    {
        double At(int i);
        Vector128<double> At128(int i);
        Vector256<double> At256(int i);
        Vector512<double> At512(int i);
    }

    private readonly ref struct SeriesOperand(ReadOnlySpan<double> s) : IOperand
    {
        private readonly ReadOnlySpan<double> _s = s;
        public double At(int i) => Unsafe.Add(ref MemoryMarshal.GetReference(_s), i);
        public Vector128<double> At128(int i) => Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(_s), (nuint)i);
        public Vector256<double> At256(int i) => Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(_s), (nuint)i);
        public Vector512<double> At512(int i) => Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(_s), (nuint)i);
    }

    private readonly struct LevelOperand(double level) : IOperand
    {
        public double At(int i) => level;
        public Vector128<double> At128(int i) => Vector128.Create(level);
        public Vector256<double> At256(int i) => Vector256.Create(level);
        public Vector512<double> At512(int i) => Vector512.Create(level);
    }

    private static void Core<TA, TB>(TA a, TB b, Span<bool> output, CrossRule rule)
        where TA : IOperand, allows ref struct
        where TB : IOperand, allows ref struct
    {
        int n = output.Length;
        if (n == 0) return;
        output[0] = false;
        bool touch = rule == CrossRule.FromTouch;
        ref byte o = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(output));
        int i = 1;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= n - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var now = Vector512.GreaterThan(a.At512(i), b.At512(i));
                var before = touch ? Vector512.LessThanOrEqual(a.At512(i - 1), b.At512(i - 1)) : Vector512.LessThan(a.At512(i - 1), b.At512(i - 1));
                ulong bits = (now & before).ExtractMostSignificantBits();
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref o, i), Spread4((uint)bits & 0xF) | ((ulong)Spread4((uint)bits >> 4) << 32));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var now = Vector256.GreaterThan(a.At256(i), b.At256(i));
                var before = touch ? Vector256.LessThanOrEqual(a.At256(i - 1), b.At256(i - 1)) : Vector256.LessThan(a.At256(i - 1), b.At256(i - 1));
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref o, i), Spread4((now & before).ExtractMostSignificantBits()));
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= n - Vector128<double>.Count; i += Vector128<double>.Count)
            {
                var now = Vector128.GreaterThan(a.At128(i), b.At128(i));
                var before = touch ? Vector128.LessThanOrEqual(a.At128(i - 1), b.At128(i - 1)) : Vector128.LessThan(a.At128(i - 1), b.At128(i - 1));
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref o, i), (ushort)Spread4((now & before).ExtractMostSignificantBits()));
            }
        }
        for (; i < n; i++)
        {
            double ai = a.At(i), bi = b.At(i), ap = a.At(i - 1), bp = b.At(i - 1);
            Unsafe.Add(ref o, i) = (byte)(ai > bi && (touch ? ap <= bp : ap < bp) ? 1 : 0);
        }
    }

    // Bit k of a 4-bit mask to byte k (0 or 1): the multiplier's terms land every bit at 8k without carries.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Spread4(uint bits) => (bits * 0x00204081u) & 0x01010101u;
}
