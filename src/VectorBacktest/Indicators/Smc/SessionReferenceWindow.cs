using NodaTime;

namespace VectorBacktest.Indicators.Smc;

/// <summary>
/// A session as smartmoneyconcepts defines it (SEMANTICS.md §8): fixed UTC clock hours, both ends inclusive,
/// compared against the hour and minute of each bar time after the reference's <c>time_zone</c> handling.
/// </summary>
internal sealed class SessionReferenceWindow
{
    private const long DayMs = 86_400_000L;

    private SessionReferenceWindow(int startMinute, int endMinute, DateTimeZone? indexZone)
    {
        StartMinute = startMinute;
        EndMinute = endMinute;
        IndexZone = indexZone;
    }

    /// <summary>Start, minutes since midnight UTC (inclusive).</summary>
    public int StartMinute { get; }

    /// <summary>End, minutes since midnight UTC (inclusive).</summary>
    public int EndMinute { get; }

    /// <summary>The zone the bar times are re-read in (null for the default <c>UTC</c>: times used as they are).</summary>
    public DateTimeZone? IndexZone { get; }

    /// <summary>Parses the reference's <c>session</c>, <c>start_time</c>, <c>end_time</c>, <c>time_zone</c>.</summary>
    /// <exception cref="ArgumentException">Unknown session or zone, malformed or missing custom times.</exception>
    public static SessionReferenceWindow FromName(string session, string? startTime, string? endTime, string? timeZone)
    {
        string name = SessionDefinition.Canonical(session);
        var zone = ParseReferenceTimeZone(timeZone);
        if (name == "Custom")
        {
            var (start, end) = SessionDefinition.CustomTimes(startTime, endTime);
            return new SessionReferenceWindow(start, end, zone);
        }
        SessionDefinition.RejectCustomArguments(name, startTime, endTime, timeZone, allowTimeZone: true);
        var (s, e) = name switch
        {
            "Sydney" => (21, 6),
            "Tokyo" => (0, 9),
            "London" => (7, 16),
            "New York" => (13, 22),
            "Asian kill zone" => (0, 4),
            "London open kill zone" => (6, 9),
            "New York kill zone" => (11, 14),
            _ => (14, 16),
        };
        return new SessionReferenceWindow(s * 60, e * 60, zone);
    }

    /// <summary>
    /// The reference replaces "GMT" and "UTC" by "Etc/GMT" in any zone other than "UTC", so "UTC+2" becomes
    /// Etc/GMT+2, which is two hours BEHIND UTC (POSIX sign).
    /// </summary>
    private static DateTimeZone? ParseReferenceTimeZone(string? timeZone)
    {
        if (string.IsNullOrEmpty(timeZone) || timeZone == "UTC") return null;
        var id = timeZone.Replace("GMT", "Etc/GMT", StringComparison.Ordinal).Replace("UTC", "Etc/GMT", StringComparison.Ordinal);
        return DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) ?? throw new ArgumentException(
            $"Unknown time zone '{timeZone}' (read by the reference as '{id}'). Allowed: UTC, UTC+H / UTC-H / GMT+H "
            + "(Etc/GMT±H, POSIX sign: UTC+2 is two hours behind UTC, as in the reference), or an IANA id of the tzdb "
            + $"{DateTimeZoneProviders.Tzdb.VersionId} bundled with NodaTime (e.g. Europe/London).", nameof(timeZone));
    }

    /// <summary>Whether a UTC clock minute lies in the window (both ends inclusive; start ≥ end wraps midnight).</summary>
    public bool Contains(int minute) => StartMinute < EndMinute
        ? minute >= StartMinute && minute <= EndMinute
        : minute >= StartMinute || minute <= EndMinute;

    /// <summary>Minute of the UTC day (seconds dropped) of an epoch-ms time.</summary>
    public static int MinuteOfDay(long utcMs)
    {
        long inDay = utcMs % DayMs;
        if (inDay < 0) inDay += DayMs;
        return (int)(inDay / 60_000L);
    }

    /// <summary>
    /// Converts a naive wall-clock time (epoch-ms arithmetic) in <see cref="IndexZone"/> to UTC, as pandas'
    /// <c>tz_localize(zone).tz_convert("UTC")</c> does; caches the offset over the run of local times it covers, so
    /// a sweep calls NodaTime about once per offset change.
    /// </summary>
    public struct Localizer(DateTimeZone zone)
    {
        private long _validFrom = long.MaxValue;
        private long _validTo = long.MinValue;
        private long _offsetMs;

        /// <summary>UTC epoch ms of the naive local time <paramref name="localMs"/>.</summary>
        /// <exception cref="ArgumentException">The local time does not exist or is ambiguous in the zone (pandas raises too).</exception>
        public long ToUtc(long localMs)
        {
            if (localMs < _validFrom || localMs >= _validTo) Refresh(localMs);
            return localMs - _offsetMs;
        }

        private void Refresh(long localMs)
        {
            var local = Instant.FromUnixTimeMilliseconds(localMs).InUtc().LocalDateTime;
            var mapping = zone.MapLocal(local);
            if (mapping.Count != 1)
                throw new ArgumentException(
                    $"The bar time {local:uuuu-MM-dd'T'HH:mm:ss} is {(mapping.Count == 0 ? "skipped" : "ambiguous")} in {zone.Id} "
                    + "(a daylight-saving change); the reference (pandas tz_localize) raises here too.", "timeZone");
            var interval = mapping.EarlyInterval;
            long offset = interval.WallOffset.Milliseconds;
            long previous = interval.HasStart ? zone.GetUtcOffset(interval.Start - Duration.Epsilon).Milliseconds : offset;
            long next = interval.HasEnd ? zone.GetUtcOffset(interval.End).Milliseconds : offset;
            _offsetMs = offset;
            // The local times this interval maps one-to-one (neither skipped nor repeated by a neighbour).
            _validFrom = interval.HasStart ? interval.Start.ToUnixTimeMilliseconds() + Math.Max(offset, previous) : long.MinValue;
            _validTo = interval.HasEnd ? interval.End.ToUnixTimeMilliseconds() + Math.Min(offset, next) : long.MaxValue;
        }
    }
}
