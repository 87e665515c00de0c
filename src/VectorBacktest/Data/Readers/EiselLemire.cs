using System.Numerics;

namespace VectorBacktest.Data.Readers;

/// <summary>
/// Decimal to binary64 conversion of at most 19 significant digits with the Eisel–Lemire algorithm
/// (D. Lemire, "Number Parsing at a Gigabyte per Second", Software: Practice and Experience 51(8), 2021; the layout
/// of the power-of-five table and the rounding steps follow the fast_float library). It is correctly rounded where it
/// answers and declines the rare inputs it cannot decide (subnormals, overflow, an ambiguous truncated product), which
/// the caller then hands to the runtime's parser.
/// </summary>
internal static class EiselLemire
{
    private const int SmallestPowerOfTen = -342;
    private const int LargestPowerOfTen = 308;

    /// <summary>For each q in [-342, 308], the 128 most significant bits of 5^q (high word at 2k, low word at 2k + 1).</summary>
    private static readonly ulong[] PowersOfFive = BuildPowersOfFive();

    /// <summary>Computes <c>±w × 10^q</c>. Returns false when the result needs the slow path.</summary>
    public static bool TryCompute(ulong w, int q, bool negative, out double value)
    {
        value = 0;
        if (w == 0 || q < SmallestPowerOfTen || q > LargestPowerOfTen) return false;
        int lz = BitOperations.LeadingZeroCount(w);
        w <<= lz;
        int index = 2 * (q - SmallestPowerOfTen);
        ulong high = Math.BigMul(w, PowersOfFive[index], out ulong low);
        if ((high & 0x1FF) == 0x1FF)
        {
            ulong high2 = Math.BigMul(w, PowersOfFive[index + 1], out _);
            low += high2;
            if (high2 > low) high++;
        }
        if (low == ulong.MaxValue && (q < -27 || q > 55)) return false;
        int upperBit = (int)(high >> 63);
        int shift = upperBit + 64 - 52 - 3;
        ulong mantissa = high >> shift;
        int power2 = ((152170 + 65536) * q >> 16) + 63 + upperBit - lz + 1023;
        if (power2 <= 0) return false;
        if (low <= 1 && q >= -4 && q <= 23 && (mantissa & 3) == 1 && mantissa << shift == high)
            mantissa &= ~1UL;
        mantissa += mantissa & 1;
        mantissa >>= 1;
        if (mantissa >= 2UL << 52)
        {
            mantissa = 1UL << 52;
            power2++;
        }
        mantissa &= ~(1UL << 52);
        if (power2 >= 0x7FF) return false;
        value = BitConverter.UInt64BitsToDouble(mantissa | (ulong)power2 << 52 | (negative ? 1UL << 63 : 0));
        return true;
    }

    private static ulong[] BuildPowersOfFive()
    {
        var table = new ulong[2 * (LargestPowerOfTen - SmallestPowerOfTen + 1)];
        var two128 = BigInteger.One << 128;
        var two127 = BigInteger.One << 127;
        var mask64 = (BigInteger.One << 64) - 1;
        for (int q = SmallestPowerOfTen; q <= LargestPowerOfTen; q++)
        {
            BigInteger c;
            if (q < 0)
            {
                // Reciprocal, rounded up so that the truncated product never undershoots.
                var power5 = BigInteger.Pow(5, -q);
                int z = (int)power5.GetBitLength();
                int b = q >= -27 ? z + 127 : 2 * z + 128;
                c = (BigInteger.One << b) / power5 + 1;
                while (c >= two128) c >>= 1;
            }
            else
            {
                c = BigInteger.Pow(5, q);
                while (c < two127) c <<= 1;
                while (c >= two128) c >>= 1;
            }
            int k = 2 * (q - SmallestPowerOfTen);
            table[k] = (ulong)(c >> 64);
            table[k + 1] = (ulong)(c & mask64);
        }
        return table;
    }
}
