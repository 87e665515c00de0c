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
    /// Parses a decimal number (<c>[+-]digits[.digits][e[+-]digits]</c>, also <c>NaN</c>/<c>Infinity</c>),
    /// correctly rounded like <see cref="double.Parse(string)"/>.
    /// </summary>
    /// <remarks>
    /// Prices typed by hand take Clinger's fast path: a mantissa of at most 2^53 and a power of ten of at most 10^22
    /// are both exact doubles, and one IEEE multiplication or division of exact operands is correctly rounded.
    /// Up to 19 significant digits (which covers the 17 of round-trip output) take <see cref="EiselLemire"/>.
    /// The rest (longer mantissas, subnormals, special values, odd syntax) goes to the runtime's parser.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseDouble(ReadOnlySpan<byte> s, out double value)
    {
        int i = 0;
        bool negative = false;
        if (s.Length > 0 && (s[0] == (byte)'-' || s[0] == (byte)'+'))
        {
            negative = s[0] == (byte)'-';
            i = 1;
        }
        ulong mantissa = 0;
        int significant = 0, exponent = 0, digits = 0;
        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) break;
            digits++;
            if (mantissa != 0 || d != 0) significant++;
            mantissa = mantissa * 10 + d;
        }
        if (i < s.Length && s[i] == (byte)'.')
        {
            for (i++; i < s.Length; i++)
            {
                uint d = (uint)(s[i] - '0');
                if (d > 9) break;
                digits++;
                if (mantissa != 0 || d != 0) significant++;
                mantissa = mantissa * 10 + d;
                exponent--;
            }
        }
        if (i < s.Length && (s[i] | 0x20) == (byte)'e' && digits > 0)
        {
            i++;
            bool negativeExponent = false;
            if (i < s.Length && (s[i] == (byte)'-' || s[i] == (byte)'+'))
            {
                negativeExponent = s[i] == (byte)'-';
                i++;
            }
            int start = i, e = 0;
            for (; i < s.Length && (uint)(s[i] - '0') <= 9; i++)
                if (e < 100_000) e = e * 10 + (s[i] - '0');
            if (i == start) return Slow(s, out value);
            exponent += negativeExponent ? -e : e;
        }
        if (i != s.Length || digits == 0 || significant > 19) return Slow(s, out value);
        if (mantissa <= 1UL << 53 && exponent >= -22 && exponent <= 22)
        {
            double m = mantissa;
            value = exponent < 0 ? m / ExactPowersOfTen[-exponent] : m * ExactPowersOfTen[exponent];
            if (negative) value = -value;
            return true;
        }
        return EiselLemire.TryCompute(mantissa, exponent, negative, out value) || Slow(s, out value);
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
