using System.Globalization;

namespace VectorBacktest.Data;

/// <summary>
/// A bar duration that is a whole number of minutes (1m, 5m, 15m, 1h, 4h, 1d, 1w, or any <c>Nm</c>).
/// Bars are labelled by their open time in UTC; a bar of timeframe <c>tf</c> opened at <c>t</c>
/// covers <c>[t, t + tf)</c> and closes at <c>t + tf</c>.
/// </summary>
/// <remarks>
/// Weekly bars are aligned to Monday 00:00 UTC (the exchange convention), every shorter timeframe to
/// the Unix epoch, so that 4h bars open at 00:00, 04:00, … UTC.
/// </remarks>
public readonly record struct Timeframe : IComparable<Timeframe>
{
    /// <summary>Milliseconds in one minute.</summary>
    public const long MinuteMs = 60_000L;

    /// <summary>Epoch milliseconds of Monday 1970-01-05 00:00 UTC, the origin of weekly bars.</summary>
    internal const long WeekOriginMs = 4L * 86_400_000L;

    /// <summary>Creates a timeframe of a whole, positive number of minutes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minutes"/> is not positive.</exception>
    public Timeframe(long minutes)
    {
        if (minutes <= 0)
            throw new ArgumentOutOfRangeException(nameof(minutes), minutes, "A timeframe is a whole, positive number of minutes.");
        Minutes = minutes;
    }

    /// <summary>Length of one bar in minutes.</summary>
    public long Minutes { get; }

    /// <summary>Length of one bar in milliseconds.</summary>
    public long Milliseconds => Minutes * MinuteMs;

    /// <summary>Length of one bar.</summary>
    public TimeSpan Duration => TimeSpan.FromMinutes(Minutes);

    /// <summary>One-minute bars.</summary>
    public static Timeframe M1 => new(1);
    /// <summary>Five-minute bars.</summary>
    public static Timeframe M5 => new(5);
    /// <summary>Fifteen-minute bars.</summary>
    public static Timeframe M15 => new(15);
    /// <summary>Hourly bars.</summary>
    public static Timeframe H1 => new(60);
    /// <summary>Four-hour bars.</summary>
    public static Timeframe H4 => new(240);
    /// <summary>Daily bars (UTC days).</summary>
    public static Timeframe D1 => new(1440);
    /// <summary>Weekly bars starting Monday 00:00 UTC.</summary>
    public static Timeframe W1 => new(10080);

    /// <summary>True for a whole number of weeks; such bars are aligned to Monday 00:00 UTC.</summary>
    public bool IsWeekly => Minutes % 10080 == 0;

    /// <summary>The open time (epoch ms, UTC) of the bar of this timeframe that contains <paramref name="timeMs"/>.</summary>
    public long BucketStart(long timeMs)
    {
        long size = Milliseconds;
        long origin = IsWeekly ? WeekOriginMs : 0L;
        long offset = timeMs - origin;
        long q = offset / size;
        if (offset % size < 0) q--;
        return origin + q * size;
    }

    /// <summary>
    /// Parses <c>1m</c>, <c>15m</c>, <c>1h</c>, <c>4h</c>, <c>1d</c>, <c>1w</c>, <c>90m</c>, and the pandas-style
    /// spellings <c>1min</c>, <c>1H</c>, <c>1D</c>, <c>1W</c> (case-insensitive, except that a lone upper-case
    /// <c>M</c> is rejected because it would mean months).
    /// </summary>
    /// <exception cref="FormatException">The text is not a whole number of minutes, hours, days or weeks.</exception>
    public static Timeframe Parse(string text)
    {
        if (TryParse(text, out var tf)) return tf;
        throw new FormatException($"'{text}' is not a timeframe: use a whole number followed by m, h, d or w (1m, 5m, 15m, 1h, 4h, 1d, 1w, 90m).");
    }

    /// <summary>Tries to parse a timeframe; see <see cref="Parse"/>.</summary>
    public static bool TryParse(string? text, out Timeframe timeframe)
    {
        timeframe = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        int i = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i == 0 || !long.TryParse(s.AsSpan(0, i), NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n <= 0) return false;
        var unit = s[i..];
        if (unit == "M") return false;
        long perUnit = unit.ToLowerInvariant() switch
        {
            "m" or "min" or "t" => 1,
            "h" => 60,
            "d" => 1440,
            "w" => 10080,
            _ => 0,
        };
        if (perUnit == 0 || n > long.MaxValue / perUnit / MinuteMs) return false;
        timeframe = new Timeframe(n * perUnit);
        return true;
    }

    /// <summary>The shortest canonical spelling: <c>1w</c>, <c>1d</c>, <c>4h</c>, <c>90m</c>.</summary>
    public override string ToString()
    {
        if (Minutes == 0) return "0m";
        if (Minutes % 10080 == 0) return $"{Minutes / 10080}w";
        if (Minutes % 1440 == 0) return $"{Minutes / 1440}d";
        if (Minutes % 60 == 0) return $"{Minutes / 60}h";
        return $"{Minutes}m";
    }

    /// <inheritdoc />
    public int CompareTo(Timeframe other) => Minutes.CompareTo(other.Minutes);

    /// <summary>
    /// The timeframe of a series: the most frequent positive step between consecutive timestamps
    /// (gaps do not change it), rounded to whole minutes. Null when fewer than two bars or the step is
    /// not a whole number of minutes.
    /// </summary>
    public static Timeframe? Infer(ReadOnlySpan<long> timeMs)
    {
        if (timeMs.Length < 2) return null;
        var counts = new Dictionary<long, int>();
        int limit = Math.Min(timeMs.Length, 10_001);
        for (int k = 1; k < limit; k++)
        {
            long d = timeMs[k] - timeMs[k - 1];
            if (d <= 0) continue;
            counts[d] = counts.GetValueOrDefault(d) + 1;
        }
        long best = 0; int bestCount = 0;
        foreach (var (step, count) in counts)
            if (count > bestCount || (count == bestCount && step < best)) { best = step; bestCount = count; }
        if (best <= 0 || best % MinuteMs != 0) return null;
        return new Timeframe(best / MinuteMs);
    }
}
