using System.Runtime.CompilerServices;

namespace VectorBacktest.Data.Readers;

/// <summary>ISO-8601 timestamps to and from epoch milliseconds UTC, on UTF-8 bytes.</summary>
internal static class Utf8Timestamp
{
    private const long DayMs = 86_400_000L;

    /// <summary>
    /// Parses <c>yyyy-MM-dd</c>, optionally followed by <c>T</c> or a space, <c>HH:mm[:ss[.fraction]]</c> and a zone
    /// (<c>Z</c>, <c>±HH:mm</c>, <c>±HHmm</c>, <c>±HH</c>). No zone means UTC. Fractions finer than a millisecond
    /// are truncated.
    /// </summary>
    public static bool TryParseIso(ReadOnlySpan<byte> s, out long epochMs)
    {
        epochMs = 0;
        if (s.Length < 10 || s[4] != (byte)'-' || s[7] != (byte)'-') return false;
        if (!TwoDigits(s, 0, out int yearHigh) || !TwoDigits(s, 2, out int yearLow) || !TwoDigits(s, 5, out int month)
            || !TwoDigits(s, 8, out int day)) return false;
        int year = yearHigh * 100 + yearLow;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month)) return false;
        long timeOfDay = 0, offset = 0;
        int i = 10;
        if (i < s.Length)
        {
            if (s[i] != (byte)'T' && s[i] != (byte)'t' && s[i] != (byte)' ') return false;
            i++;
            if (s.Length < i + 5 || !TwoDigits(s, i, out int hour) || s[i + 2] != (byte)':' || !TwoDigits(s, i + 3, out int minute))
                return false;
            i += 5;
            int second = 0, millisecond = 0;
            if (i < s.Length && s[i] == (byte)':')
            {
                if (!TwoDigits(s, i + 1, out second)) return false;
                i += 3;
                if (i < s.Length && (s[i] == (byte)'.' || s[i] == (byte)','))
                {
                    int start = ++i;
                    for (; i < s.Length && (uint)(s[i] - '0') <= 9; i++)
                        if (i - start < 3) millisecond = millisecond * 10 + (s[i] - '0');
                    int n = i - start;
                    if (n == 0) return false;
                    for (; n < 3; n++) millisecond *= 10;
                }
            }
            if (hour > 23 || minute > 59 || second > 59) return false;
            timeOfDay = ((hour * 60L + minute) * 60L + second) * 1000L + millisecond;
            if (i < s.Length)
            {
                byte z = s[i];
                if (z == (byte)'Z' || z == (byte)'z') i++;
                else if (z == (byte)'+' || z == (byte)'-')
                {
                    if (!TwoDigits(s, i + 1, out int offsetHours)) return false;
                    i += 3;
                    int offsetMinutes = 0;
                    if (i < s.Length && s[i] == (byte)':') i++;
                    if (i < s.Length)
                    {
                        if (!TwoDigits(s, i, out offsetMinutes)) return false;
                        i += 2;
                    }
                    if (offsetHours > 23 || offsetMinutes > 59) return false;
                    offset = (offsetHours * 60L + offsetMinutes) * 60_000L * (z == (byte)'-' ? -1 : 1);
                }
                else return false;
            }
            if (i != s.Length) return false;
        }
        epochMs = DaysFromCivil(year, month, day) * DayMs + timeOfDay - offset;
        return true;
    }

    /// <summary>Length of <see cref="TryFormat"/>'s output: <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.</summary>
    public const int FormattedLength = 24;

    /// <summary>
    /// Writes <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> (always with milliseconds, always UTC) for years 0000–9999.
    /// Returns false when the destination is too short or the year is out of range.
    /// </summary>
    public static bool TryFormat(long epochMs, Span<byte> destination)
    {
        if (destination.Length < FormattedLength) return false;
        long days = Math.DivRem(epochMs, DayMs, out long ms);
        if (ms < 0) { ms += DayMs; days--; }
        CivilFromDays(days, out long year, out int month, out int day);
        if (year is < 0 or > 9999) return false;
        int msOfDay = (int)ms;
        Write2(destination, 0, (int)(year / 100));
        Write2(destination, 2, (int)(year % 100));
        destination[4] = (byte)'-';
        Write2(destination, 5, month);
        destination[7] = (byte)'-';
        Write2(destination, 8, day);
        destination[10] = (byte)'T';
        Write2(destination, 11, msOfDay / 3_600_000);
        destination[13] = (byte)':';
        Write2(destination, 14, msOfDay / 60_000 % 60);
        destination[16] = (byte)':';
        Write2(destination, 17, msOfDay / 1000 % 60);
        destination[19] = (byte)'.';
        int frac = msOfDay % 1000;
        destination[20] = (byte)('0' + frac / 100);
        Write2(destination, 21, frac % 100);
        destination[23] = (byte)'Z';
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write2(Span<byte> d, int at, int v)
    {
        d[at] = (byte)('0' + v / 10);
        d[at + 1] = (byte)('0' + v % 10);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TwoDigits(ReadOnlySpan<byte> s, int at, out int value)
    {
        value = 0;
        if ((uint)(at + 1) >= (uint)s.Length) return false;
        uint a = (uint)(s[at] - '0'), b = (uint)(s[at + 1] - '0');
        if (a > 9 || b > 9) return false;
        value = (int)(a * 10 + b);
        return true;
    }

    // Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian, day 0 = 1970-01-01).
    private static long DaysFromCivil(long y, int m, int d)
    {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    private static void CivilFromDays(long z, out long year, out int month, out int day)
    {
        z += 719468;
        long era = (z >= 0 ? z : z - 146096) / 146097;
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        day = (int)(doy - (153 * mp + 2) / 5 + 1);
        month = (int)(mp < 10 ? mp + 3 : mp - 9);
        year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    }
}
