namespace VectorBacktest.Data.Readers;

/// <summary>How the time column of a CSV file is written; decided on the first data row and kept for the whole file.</summary>
internal enum CsvTimeFormat
{
    Unknown,
    Iso8601,
    EpochSeconds,
    EpochMilliseconds,
    EpochMicroseconds,
    EpochNanoseconds,
}

internal static class CsvTimeFormats
{
    /// <summary>
    /// The unit of an integer epoch timestamp, from its magnitude: below 10^11 seconds, below 10^14 milliseconds,
    /// below 10^17 microseconds, else nanoseconds. Each range covers 1973-03-03 to 5138-11-16 in its unit, so
    /// any realistic market timestamp falls in exactly one.
    /// </summary>
    public static CsvTimeFormat EpochUnitOf(long value)
    {
        ulong magnitude = value < 0 ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        return magnitude < 100_000_000_000UL ? CsvTimeFormat.EpochSeconds
            : magnitude < 100_000_000_000_000UL ? CsvTimeFormat.EpochMilliseconds
            : magnitude < 100_000_000_000_000_000UL ? CsvTimeFormat.EpochMicroseconds
            : CsvTimeFormat.EpochNanoseconds;
    }

    /// <summary>An epoch value in <paramref name="unit"/> as epoch milliseconds (finer units are floored).</summary>
    public static long ToMilliseconds(long value, CsvTimeFormat unit) => unit switch
    {
        CsvTimeFormat.EpochSeconds => value * 1000L,
        CsvTimeFormat.EpochMicroseconds => Math.DivRem(value, 1000L, out long r) - (r < 0 ? 1 : 0),
        CsvTimeFormat.EpochNanoseconds => Math.DivRem(value, 1_000_000L, out long r) - (r < 0 ? 1 : 0),
        _ => value,
    };

    public static string Describe(CsvTimeFormat unit) => unit switch
    {
        CsvTimeFormat.EpochSeconds => "seconds",
        CsvTimeFormat.EpochMilliseconds => "milliseconds",
        CsvTimeFormat.EpochMicroseconds => "microseconds",
        CsvTimeFormat.EpochNanoseconds => "nanoseconds",
        _ => "ISO-8601",
    };
}
