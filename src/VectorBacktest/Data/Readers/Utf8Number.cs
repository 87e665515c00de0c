using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace VectorBacktest.Data.Readers;

/// <summary>Parses numbers straight from UTF-8 bytes, without a string per field.</summary>
internal static class Utf8Number
{
    private static readonly double[] ExactPowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// Parses the whole of <paramref name="s"/> as a number with <see cref="NumberStyles.Float"/> and the invariant
    /// culture, correctly rounded and bit-identical to <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out double)"/>.
    /// </summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> s, out double value) =>
        TryParsePrefix(s, out value, out int used) && used == s.Length || Slow(s, out value);

    /// <summary>
    /// Parses the decimal number at the start of <paramref name="s"/> (<c>[+-]digits[.digits][(e|E)[+-]digits]</c>) and
    /// tells how many bytes it used; the caller checks what follows. False when <paramref name="s"/> does not start
    /// with such a number.
    /// </summary>
    /// <remarks>
    /// Prices typed by hand take Clinger's fast path: a mantissa of at most 2^53 and a power of ten of at most 10^22
    /// are both exact doubles, and one IEEE multiplication or division of exact operands is correctly rounded.
    /// Up to 19 significant digits (which covers the 17 of round-trip output) take <see cref="EiselLemire"/>.
    /// The rest (longer mantissas, subnormals, overflow) goes to the runtime's parser. Digits are read eight at a
    /// time where the field is long enough.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParsePrefix(ReadOnlySpan<byte> s, out double value, out int used)
    {
        value = 0;
        used = 0;
        int i = 0;
        bool negative = false;
        if (s.Length > 0 && (s[0] == (byte)'-' || s[0] == (byte)'+'))
        {
            negative = s[0] == (byte)'-';
            i = 1;
        }
        int digitsStart = i;
        while (i < s.Length && s[i] == (byte)'0') i++;
        ulong mantissa = 0;
        int significant = 0, exponent = 0;
        int integerStart = i;
        i = ReadDigits(s, i, ref mantissa);
        significant = i - integerStart;
        bool anyDigit = i > digitsStart;
        if (i < s.Length && s[i] == (byte)'.')
        {
            i++;
            int fractionStart = i;
            if (significant == 0)
                while (i < s.Length && s[i] == (byte)'0') i++;
            int significantStart = i;
            i = ReadDigits(s, i, ref mantissa);
            significant += i - significantStart;
            exponent = -(i - fractionStart);
            anyDigit |= i > fractionStart;
        }
        if (!anyDigit) return false;
        if (i < s.Length && (s[i] | 0x20) == (byte)'e')
        {
            int j = i + 1;
            bool negativeExponent = false;
            if (j < s.Length && (s[j] == (byte)'-' || s[j] == (byte)'+'))
            {
                negativeExponent = s[j] == (byte)'-';
                j++;
            }
            int start = j, e = 0;
            for (; j < s.Length && (uint)(s[j] - '0') <= 9; j++)
                if (e < 100_000) e = e * 10 + (s[j] - '0');
            if (j == start) return false;
            exponent += negativeExponent ? -e : e;
            i = j;
        }
        used = i;
        if (significant > 19) return Slow(s[..i], out value);
        if (mantissa == 0)
        {
            value = negative ? -0.0 : 0.0;
            return true;
        }
        if (mantissa <= 1UL << 53 && exponent >= -22 && exponent <= 22)
        {
            double m = mantissa;
            value = exponent < 0 ? m / ExactPowersOfTen[-exponent] : m * ExactPowersOfTen[exponent];
            if (negative) value = -value;
            return true;
        }
        return EiselLemire.TryCompute(mantissa, exponent, negative, out value) || Slow(s[..i], out value);
    }

    /// <summary>Accumulates decimal digits from <paramref name="i"/> (eight at a time while it can); returns where they end.
    /// Past 19 digits the mantissa wraps, which the caller detects from the digit count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ReadDigits(ReadOnlySpan<byte> s, int i, ref ulong mantissa)
    {
        while (i + 8 <= s.Length)
        {
            ulong chunk = BinaryPrimitives.ReadUInt64LittleEndian(s[i..]);
            if (!AllDigits(chunk)) break;
            mantissa = mantissa * 100_000_000 + EightDigits(chunk);
            i += 8;
        }
        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) break;
            mantissa = mantissa * 10 + d;
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AllDigits(ulong chunk) =>
        ((chunk & 0xF0F0F0F0F0F0F0F0) | (((chunk + 0x0606060606060606) & 0xF0F0F0F0F0F0F0F0) >> 4)) == 0x3333333333333333;

    // Eight ASCII digits (first digit in the lowest byte) to their value, in three multiply-and-shift steps.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong EightDigits(ulong chunk)
    {
        chunk -= 0x3030303030303030;
        chunk = (chunk * 10 + (chunk >> 8)) & 0x00FF00FF00FF00FF;
        chunk = (chunk * 100 + (chunk >> 16)) & 0x0000FFFF0000FFFF;
        return (chunk * 10000 + (chunk >> 32)) & 0xFFFFFFFF;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool Slow(ReadOnlySpan<byte> s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses an optionally signed decimal integer that fits in a <see cref="long"/>.</summary>
    public static bool TryParseInt64(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (s.Length > 0 && (s[0] == (byte)'-' || s[0] == (byte)'+'))
        {
            negative = s[0] == (byte)'-';
            i = 1;
        }
        if (i == s.Length || s.Length - i > 19) return false;
        ulong v = 0;
        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) return false;
            v = v * 10 + d;
        }
        if (v > long.MaxValue) return false;
        value = negative ? -(long)v : (long)v;
        return true;
    }
}
