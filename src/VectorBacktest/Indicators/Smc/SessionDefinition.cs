using System.Globalization;
using NodaTime;
using NodaTime.TimeZones;

namespace VectorBacktest.Indicators.Smc;

/// <summary>
/// A trading session or kill zone in causal mode: a daily window <c>[Start, End)</c> of local wall-clock time in an
/// IANA time zone, so daylight saving is followed (London opens at 08:00 UTC in winter and 07:00 UTC in summer).
/// </summary>
/// <remarks>
/// <para>Built-in definitions (times in the zone named; tzdb bundled with NodaTime 3.3.7):</para>
/// <list type="table">
/// <listheader><term>name</term><description>window</description></listheader>
/// <item><term>Sydney</term><description>07:00–16:00 Australia/Sydney</description></item>
/// <item><term>Tokyo</term><description>09:00–18:00 Asia/Tokyo</description></item>
/// <item><term>London</term><description>08:00–17:00 Europe/London</description></item>
/// <item><term>New York</term><description>08:00–17:00 America/New_York</description></item>
/// <item><term>Asian kill zone</term><description>20:00–00:00 America/New_York</description></item>
/// <item><term>London open kill zone</term><description>02:00–05:00 America/New_York</description></item>
/// <item><term>New York kill zone</term><description>07:00–10:00 America/New_York</description></item>
/// <item><term>london close kill zone</term><description>10:00–12:00 America/New_York</description></item>
/// </list>
/// <para>Sources. The four sessions are the forex market hours of each centre in its own local time, as the usual
/// retail tables give them (Sydney 7am–4pm, Tokyo 9am–6pm, London 8am–5pm, New York 8am–5pm local; e.g.
/// https://sandb.forex/en/trading-sessions and https://myforexreviews.com/tools/forex-market-hours.html). The kill
/// zones are those of ICT (Inner Circle Trader, M. J. Huddleston), which are stated in New York local time: Asian
/// 8pm–midnight, London open 2am–5am, New York 7am–10am, London close 10am–noon (e.g.
/// https://takeprofitapp.com/en/learn/ict-killzones-london-ny-explained and
/// https://anthonyjohnson.dev/ict-edge-indicators/blog/ict-kill-zones-guide.html; some authors shorten the Asian
/// zone to 8pm–10pm). smartmoneyconcepts uses fixed UTC hours instead (no daylight saving, its issue #46); they
/// coincide with the definitions above in one season each: Sydney and Tokyo under standard time (AEST, JST),
/// London under BST, New York under EST, the kill zones under EDT. <see cref="SmcMode.Reference"/> keeps the fixed
/// UTC hours.</para>
/// <para>Daylight saving. The window of local date D runs from the first instant the local clock shows
/// <see cref="Start"/> on D to the first instant it then shows <see cref="End"/> (on D, or on D+1 when the window
/// crosses midnight, i.e. <c>End &lt;= Start</c>; <c>End == Start</c> is a 24-hour window). A time that falls in a
/// spring-forward gap resolves to the end of the gap; a time that occurs twice resolves to its first occurrence.</para>
/// </remarks>
public sealed class SessionDefinition
{
    private static readonly ZoneLocalMappingResolver Resolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    /// <summary>The names <see cref="FromName"/> accepts, in the reference's spelling (also case-insensitive, and with
    /// <c>_</c> for spaces).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "Sydney", "Tokyo", "London", "New York", "Asian kill zone", "London open kill zone", "New York kill zone",
        "london close kill zone", "Custom",
    ];

    private SessionDefinition(string name, LocalTime start, LocalTime end, DateTimeZone timeZone)
    {
        Name = name;
        Start = start;
        End = end;
        TimeZone = timeZone;
    }

    /// <summary>Sydney session, 07:00–16:00 Australia/Sydney.</summary>
    public static SessionDefinition Sydney { get; } = Named("Sydney", 7, 16, "Australia/Sydney");
    /// <summary>Tokyo session, 09:00–18:00 Asia/Tokyo.</summary>
    public static SessionDefinition Tokyo { get; } = Named("Tokyo", 9, 18, "Asia/Tokyo");
    /// <summary>London session, 08:00–17:00 Europe/London.</summary>
    public static SessionDefinition London { get; } = Named("London", 8, 17, "Europe/London");
    /// <summary>New York session, 08:00–17:00 America/New_York.</summary>
    public static SessionDefinition NewYork { get; } = Named("New York", 8, 17, "America/New_York");
    /// <summary>ICT Asian kill zone, 20:00–00:00 America/New_York.</summary>
    public static SessionDefinition AsianKillZone { get; } = Named("Asian kill zone", 20, 0, "America/New_York");
    /// <summary>ICT London open kill zone, 02:00–05:00 America/New_York.</summary>
    public static SessionDefinition LondonOpenKillZone { get; } = Named("London open kill zone", 2, 5, "America/New_York");
    /// <summary>ICT New York kill zone, 07:00–10:00 America/New_York.</summary>
    public static SessionDefinition NewYorkKillZone { get; } = Named("New York kill zone", 7, 10, "America/New_York");
    /// <summary>ICT London close kill zone, 10:00–12:00 America/New_York.</summary>
    public static SessionDefinition LondonCloseKillZone { get; } = Named("london close kill zone", 10, 12, "America/New_York");

    /// <summary>Display name (the reference's spelling for built-in sessions).</summary>
    public string Name { get; }

    /// <summary>Local wall-clock time at which the window opens (inclusive).</summary>
    public LocalTime Start { get; }

    /// <summary>Local wall-clock time at which the window closes (exclusive); at or before <see cref="Start"/> means the next day.</summary>
    public LocalTime End { get; }

    /// <summary>The zone of <see cref="Start"/> and <see cref="End"/>.</summary>
    public DateTimeZone TimeZone { get; }

    /// <summary>A custom daily window <c>[start, end)</c> in <paramref name="timeZone"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="timeZone"/> is null.</exception>
    public static SessionDefinition Custom(LocalTime start, LocalTime end, DateTimeZone timeZone, string name = "Custom")
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(name);
        return new SessionDefinition(name, start, end, timeZone);
    }

    /// <summary>
    /// The causal definition for a name of <see cref="Names"/>; <c>Custom</c> takes <paramref name="startTime"/> and
    /// <paramref name="endTime"/> (<c>HH:MM</c>) in <paramref name="timeZone"/> (an IANA id such as
    /// <c>Europe/London</c>, <c>UTC</c> (the default), or a fixed offset <c>UTC+02:00</c> / <c>GMT-5</c> with the
    /// ISO sign: <c>UTC+2</c> is two hours ahead of UTC, unlike the reference).
    /// </summary>
    /// <exception cref="ArgumentException">An unknown session or time zone, a malformed time, a custom session
    /// without both times, or times/zone given for a built-in session; the message lists the allowed values.</exception>
    public static SessionDefinition FromName(string session, string? startTime = null, string? endTime = null, string? timeZone = null)
    {
        string name = Canonical(session);
        if (name != "Custom")
        {
            RejectCustomArguments(name, startTime, endTime, timeZone, allowTimeZone: false);
            return name switch
            {
                "Sydney" => Sydney,
                "Tokyo" => Tokyo,
                "London" => London,
                "New York" => NewYork,
                "Asian kill zone" => AsianKillZone,
                "London open kill zone" => LondonOpenKillZone,
                "New York kill zone" => NewYorkKillZone,
                _ => LondonCloseKillZone,
            };
        }
        var (start, end) = CustomTimes(startTime, endTime);
        return new SessionDefinition("Custom", LocalTime.FromMinutesSinceMidnight(start), LocalTime.FromMinutesSinceMidnight(end),
            ParseTimeZone(timeZone));
    }

    /// <summary>
    /// Epoch milliseconds <c>[start, end)</c> of the first window that ends after <paramref name="timeMs"/>
    /// (it may start after it).
    /// </summary>
    internal (long Start, long End) WindowEndingAfter(long timeMs)
    {
        var date = Instant.FromUnixTimeMilliseconds(timeMs).InZone(TimeZone).Date.PlusDays(-1);
        while (true)
        {
            var (start, end) = WindowOf(date);
            if (end > timeMs) return (start, end);
            date = date.PlusDays(1);
        }
    }

    /// <summary>Epoch milliseconds <c>[start, end)</c> of the window that opens on local date <paramref name="date"/>.</summary>
    internal (long Start, long End) WindowOf(LocalDate date)
    {
        var endDate = End > Start ? date : date.PlusDays(1);
        return (Resolve(date + Start), Resolve(endDate + End));
    }

    private long Resolve(LocalDateTime local) => TimeZone.ResolveLocal(local, Resolver).ToInstant().ToUnixTimeMilliseconds();

    /// <inheritdoc />
    public override string ToString() => $"{Name} {Start:HH:mm}-{End:HH:mm} {TimeZone.Id}";

    private static SessionDefinition Named(string name, int startHour, int endHour, string zoneId) =>
        new(name, new LocalTime(startHour, 0), new LocalTime(endHour, 0), DateTimeZoneProviders.Tzdb[zoneId]);

    /// <summary>The reference spelling of <paramref name="session"/>, or an <see cref="ArgumentException"/> listing <see cref="Names"/>.</summary>
    internal static string Canonical(string session)
    {
        if (session is not null)
        {
            var normalized = session.Trim().Replace('_', ' ');
            foreach (var name in Names)
                if (string.Equals(name, normalized, StringComparison.OrdinalIgnoreCase))
                    return name;
        }
        throw new ArgumentException(
            $"Unknown session '{session}'. Allowed: {string.Join(", ", Names)} (case-insensitive; '_' may replace spaces).",
            nameof(session));
    }

    /// <summary>Minutes since midnight of the <c>Custom</c> session's <c>HH:MM</c> start and end.</summary>
    internal static (int Start, int End) CustomTimes(string? startTime, string? endTime)
    {
        if (string.IsNullOrEmpty(startTime) || string.IsNullOrEmpty(endTime))
            throw new ArgumentException("The Custom session requires both startTime and endTime (\"HH:MM\").",
                string.IsNullOrEmpty(startTime) ? nameof(startTime) : nameof(endTime));
        return (ParseClock(startTime, nameof(startTime)), ParseClock(endTime, nameof(endTime)));
    }

    internal static void RejectCustomArguments(string name, string? startTime, string? endTime, string? timeZone, bool allowTimeZone)
    {
        if (!string.IsNullOrEmpty(startTime) || !string.IsNullOrEmpty(endTime))
            throw new ArgumentException($"startTime and endTime apply to the Custom session only, not to '{name}'.",
                !string.IsNullOrEmpty(startTime) ? nameof(startTime) : nameof(endTime));
        if (!allowTimeZone && !string.IsNullOrEmpty(timeZone))
            throw new ArgumentException(
                $"In causal mode timeZone applies to the Custom session only; '{name}' is defined in its own zone ({DescribeBuiltIn(name)}).",
                nameof(timeZone));
    }

    private static string DescribeBuiltIn(string name) => FromName(name).ToString();

    /// <summary>Parses <c>H:MM</c> / <c>HH:MM</c> (hour 0–23, minute 0–59) into minutes since midnight.</summary>
    internal static int ParseClock(string text, string paramName)
    {
        var parts = text.Trim().Split(':');
        if (parts.Length == 2
            && parts[0].Length is 1 or 2 && parts[1].Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int hour) && hour < 24
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int minute) && minute < 60)
            return hour * 60 + minute;
        throw new ArgumentException($"'{text}' is not a time of day: use \"HH:MM\" (00:00 to 23:59).", paramName);
    }

    /// <summary>Causal-mode time zone: IANA id, <c>UTC</c>, or a fixed ISO-signed offset <c>UTC±HH[:MM]</c> / <c>GMT±HH[:MM]</c>.</summary>
    internal static DateTimeZone ParseTimeZone(string? timeZone)
    {
        if (string.IsNullOrEmpty(timeZone) || timeZone is "UTC" or "GMT") return DateTimeZone.Utc;
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone);
        if (zone is not null) return zone;
        if ((timeZone.StartsWith("UTC", StringComparison.Ordinal) || timeZone.StartsWith("GMT", StringComparison.Ordinal))
            && TryParseOffset(timeZone.AsSpan(3), out var offset))
            return DateTimeZone.ForOffset(offset);
        throw new ArgumentException(
            $"Unknown time zone '{timeZone}'. Allowed: UTC, a fixed offset UTC+HH:MM / UTC-HH / GMT+HH (ISO sign), or an IANA id "
            + $"of the tzdb {DateTimeZoneProviders.Tzdb.VersionId} bundled with NodaTime (e.g. Europe/London, America/New_York, "
            + "Asia/Tokyo, Australia/Sydney; see DateTimeZoneProviders.Tzdb.Ids).", nameof(timeZone));
    }

    private static bool TryParseOffset(ReadOnlySpan<char> text, out Offset offset)
    {
        offset = default;
        if (text.Length < 2 || (text[0] != '+' && text[0] != '-')) return false;
        int sign = text[0] == '-' ? -1 : 1;
        var rest = text[1..];
        int colon = rest.IndexOf(':');
        var hoursText = colon < 0 ? rest : rest[..colon];
        var minutesText = colon < 0 ? "0".AsSpan() : rest[(colon + 1)..];
        if (hoursText.Length is < 1 or > 2 || minutesText.Length is < 1 or > 2
            || !int.TryParse(hoursText, NumberStyles.None, CultureInfo.InvariantCulture, out int hours) || hours > 18
            || !int.TryParse(minutesText, NumberStyles.None, CultureInfo.InvariantCulture, out int minutes) || minutes > 59)
            return false;
        offset = Offset.FromSeconds(sign * (hours * 3600 + minutes * 60));
        return true;
    }
}
