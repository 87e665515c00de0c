using System.Globalization;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.TimeZones;
using VectorBacktest.Data;
using VectorBacktest.Indicators.Smc;
using VectorBacktest.Tests.Infrastructure;

namespace VectorBacktest.Tests.Indicators.Smc;

public sealed class SessionsTests
{
    private const long Hour = 3_600_000L;

    private static readonly SessionDefinition[] CausalCases =
    [
        SessionDefinition.Sydney, SessionDefinition.Tokyo, SessionDefinition.London, SessionDefinition.NewYork,
        SessionDefinition.AsianKillZone, SessionDefinition.LondonOpenKillZone, SessionDefinition.NewYorkKillZone,
        SessionDefinition.LondonCloseKillZone,
        SessionDefinition.FromName("Custom", "22:00", "02:00"),
        SessionDefinition.FromName("Custom", "09:30", "09:30", "Europe/London"),
        SessionDefinition.FromName("Custom", "02:30", "03:15", "America/New_York"),
        SessionDefinition.FromName("Custom", "23:45", "01:30", "Europe/London"),
        SessionDefinition.FromName("Custom", "01:15", "02:45", "Australia/Sydney"),
        SessionDefinition.FromName("Custom", "10:00", "12:00", "UTC+05:30"),
    ];

    private static readonly (string Session, string? Start, string? End, string? Zone)[] ReferenceCases =
    [
        ("Sydney", null, null, null), ("Tokyo", null, null, null), ("London", null, null, null), ("New York", null, null, null),
        ("Asian kill zone", null, null, null), ("London open kill zone", null, null, null), ("New York kill zone", null, null, null),
        ("london close kill zone", null, null, "UTC+2"), ("Custom", "22:00", "02:00", null), ("Custom", "09:30", "09:30", "GMT-3"),
        ("Custom", "10:15", "11:40", "Asia/Tokyo"), ("London", null, null, "Europe/London"), ("Custom", "02:00", "03:00", "America/New_York"),
    ];

    [SharedTheory]
    [InlineData("Sydney")]
    [InlineData("London")]
    [InlineData("New York")]
    [InlineData("Asian kill zone")]
    public void Reference_mode_reproduces_the_golden_table(string session)
    {
        var golden = CsvTable.Load(SharedFolder.File($"reference/smc/btcusd_coinbase_1h__sessions__session={session.Replace(' ', '_')}.csv"));
        var result = Sessions.Compute(SmcTimeTestData.BtcUsdHourly, session, mode: SmcMode.Reference);

        Assert.Equal(golden.Count, result.Length);
        SmcTimeTestData.AssertIntColumn(golden.Text("Active"), result.Active, "Active");
        SmcTimeTestData.AssertFloat32Column(golden.Text("High"), result.High, "High");
        SmcTimeTestData.AssertFloat32Column(golden.Text("Low"), result.Low, "Low");
    }

    [Theory]
    [InlineData("London", "2024-03-29", 8, 16)]
    [InlineData("London", "2024-04-02", 7, 15)]
    [InlineData("London", "2024-10-25", 7, 15)]
    [InlineData("London", "2024-10-28", 8, 16)]
    [InlineData("New York", "2024-03-08", 13, 21)]
    [InlineData("New York", "2024-03-11", 12, 20)]
    [InlineData("New York", "2024-11-01", 12, 20)]
    [InlineData("New York", "2024-11-04", 13, 21)]
    [InlineData("Tokyo", "2024-07-01", 0, 8)]
    [InlineData("London open kill zone", "2024-03-08", 7, 9)]
    [InlineData("London open kill zone", "2024-03-11", 6, 8)]
    public void Causal_windows_follow_daylight_saving(string session, string utcDate, int firstHour, int lastHour)
    {
        var day = DateTimeOffset.Parse(utcDate, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var bars = HourlyBars(day - 2 * 24 * Hour, 5 * 24);
        var result = Sessions.Compute(bars, session);

        var activeHours = new List<int>();
        for (int i = 0; i < bars.Length; i++)
            if (result.Active[i] == 1 && bars.Time[i] >= day && bars.Time[i] < day + 24 * Hour)
                activeHours.Add((int)((bars.Time[i] - day) / Hour));
        Assert.Equal(Enumerable.Range(firstHour, lastHour - firstHour + 1), activeHours);
        Assert.Equal(result.Active, Sessions.Compute(bars, SessionDefinition.FromName(session)).Active);
    }

    [Fact]
    public void Reference_mode_keeps_fixed_utc_hours_and_the_inclusive_end()
    {
        var day = DateTimeOffset.Parse("2024-04-02", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var bars = HourlyBars(day, 24);
        var result = Sessions.Compute(bars, "London", mode: SmcMode.Reference);
        Assert.Equal(Enumerable.Range(0, 24).Select(h => h is >= 7 and <= 16 ? 1 : 0), result.Active);
    }

    [Fact]
    public void A_session_crossing_midnight_keeps_one_range_until_it_ends()
    {
        var day = DateTimeOffset.Parse("2024-01-10", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var bars = HourlyBars(day, 48);
        var custom = Sessions.Compute(bars, "Custom", "22:00", "02:00");
        var sydney = Sessions.Compute(bars, "Sydney");

        // 22:00-02:00 UTC: bars 22, 23, 00, 01; the range spans midnight and restarts at the next 22:00.
        Assert.Equal(Enumerable.Range(0, 48).Select(i => i % 24 is >= 22 or < 2 ? 1 : 0), custom.Active);
        Assert.Equal(Max(bars.High, 22, 25), custom.High[25]);
        Assert.Equal(Min(bars.Low, 22, 25), custom.Low[25]);
        Assert.Equal(bars.High[46], custom.High[46]);
        Assert.True(double.IsNaN(custom.High[26]));

        // Sydney 07:00-16:00 AEDT (UTC+11) in January = 20:00-05:00 UTC.
        Assert.Equal(Enumerable.Range(0, 48).Select(i => i % 24 is >= 20 or < 5 ? 1 : 0), sydney.Active);
        Assert.Equal(Max(bars.High, 20, 28), sydney.High[28]);
        Assert.Equal(bars.Low[44], sydney.Low[44]);
    }

    [Fact]
    public void Kill_zones_are_new_york_times_and_the_asian_one_ends_at_midnight()
    {
        var summer = DateTimeOffset.Parse("2024-06-10", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var winter = DateTimeOffset.Parse("2024-01-10", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var s = Sessions.Compute(HourlyBars(summer, 24), "Asian kill zone");
        var w = Sessions.Compute(HourlyBars(winter, 24), "Asian_kill_zone");
        Assert.Equal(Enumerable.Range(0, 24).Select(h => h < 4 ? 1 : 0), s.Active);
        Assert.Equal(Enumerable.Range(0, 24).Select(h => h is >= 1 and < 5 ? 1 : 0), w.Active);
    }

    [Fact]
    public void Custom_session_times_are_local_to_their_zone()
    {
        var before = DateTimeOffset.Parse("2024-03-08T14:00:00Z", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var after = DateTimeOffset.Parse("2024-03-11T13:00:00Z", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        long half = Hour / 2;
        var bars = SmcTimeTestData.Bars([before, before + half, before + 2 * half, after, after + half, after + 2 * half],
            [1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6]);
        var r = Sessions.Compute(bars, "Custom", "09:30", "16:00", "America/New_York");
        Assert.Equal(new[] { 0, 1, 1, 0, 1, 1 }, r.Active);
        Assert.Equal(new[] { double.NaN, 2, 3, double.NaN, 5, 6 }, r.High);
        Assert.Equal(new[] { double.NaN, 2, 2, double.NaN, 5, 5 }, r.Low);
    }

    [Fact]
    public void Reference_time_zone_keeps_the_inverted_etc_gmt_sign()
    {
        var noon = DateTimeOffset.Parse("2024-05-01T12:00:00Z", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var bars = SmcTimeTestData.Bars([noon, noon + 2 * Hour], [1, 2], [1, 2]);
        // SEMANTICS.md §8: with "UTC+2" a naive 12:00 is taken as 14:00 UTC.
        Assert.Equal(new[] { 1, 0 }, Sessions.Compute(bars, "Custom", "14:00", "14:30", "UTC+2", SmcMode.Reference).Active);
        // Causal mode: ISO sign, 14:00 at UTC+02:00 is 12:00 UTC and 14:00 at UTC-2 is 16:00 UTC.
        Assert.Equal(new[] { 1, 0 }, Sessions.Compute(bars, "Custom", "14:00", "14:30", "UTC+02:00").Active);
        Assert.Equal(new[] { 0, 0 }, Sessions.Compute(bars, "Custom", "14:00", "14:30", "UTC-2").Active);
    }

    [Fact]
    public void Reference_mode_rejects_a_bar_time_that_is_skipped_in_its_zone_like_pandas()
    {
        var day = DateTimeOffset.Parse("2024-03-31", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var e = Assert.Throws<ArgumentException>(() => Sessions.Compute(HourlyBars(day, 4), "London", timeZone: "Europe/London", mode: SmcMode.Reference));
        Assert.Equal("timeZone", e.ParamName);
    }

    [Theory]
    [InlineData(SmcMode.Causal)]
    [InlineData(SmcMode.Reference)]
    public void Bad_parameters_name_the_parameter_and_list_the_allowed_values(SmcMode mode)
    {
        var bars = HourlyBars(0, 3);
        var session = Assert.Throws<ArgumentException>(() => Sessions.Compute(bars, "Frankfurt", mode: mode));
        Assert.Equal("session", session.ParamName);
        Assert.Contains("Sydney, Tokyo, London, New York, Asian kill zone, London open kill zone, New York kill zone, london close kill zone, Custom", session.Message);

        var zone = Assert.Throws<ArgumentException>(() => Sessions.Compute(bars, "Custom", "08:00", "09:00", "Mars/Olympus", mode));
        Assert.Equal("timeZone", zone.ParamName);
        Assert.Contains("Europe/London", zone.Message);

        Assert.Equal("startTime", Assert.Throws<ArgumentException>(() => Sessions.Compute(bars, "Custom", mode: mode)).ParamName);
        Assert.Equal("endTime", Assert.Throws<ArgumentException>(() => Sessions.Compute(bars, "Custom", "08:00", mode: mode)).ParamName);
        Assert.Equal("startTime", Assert.Throws<ArgumentException>(() => Sessions.Compute(bars, "Custom", "24:00", "09:00", mode: mode)).ParamName);
        Assert.Equal("endTime", Assert.Throws<ArgumentException>(() => Sessions.Compute(bars, "Custom", "08:00", "9h", mode: mode)).ParamName);
        Assert.Equal("startTime", Assert.Throws<ArgumentException>(() => Sessions.Compute(bars, "London", "08:00", "09:00", mode: mode)).ParamName);
    }

    [Fact]
    public void Causal_built_in_sessions_carry_their_own_zone()
    {
        var e = Assert.Throws<ArgumentException>(() => Sessions.Compute(HourlyBars(0, 3), "London", timeZone: "Europe/Paris"));
        Assert.Equal("timeZone", e.ParamName);
        Assert.Contains("Europe/London", e.Message);
    }

    [SharedFact]
    public void Causal_built_in_sessions_match_the_local_clock_on_real_data()
    {
        var bars = SmcTimeTestData.BtcUsdHourly;
        foreach (var session in CausalCases[..8])
        {
            var active = Sessions.Compute(bars.Time, bars.High, bars.Low, session).Active;
            for (int i = 0; i < bars.Length; i++)
            {
                var clock = Instant.FromUnixTimeMilliseconds(bars.Time[i]).InZone(session.TimeZone).TimeOfDay;
                bool inWindow = session.End > session.Start
                    ? clock >= session.Start && clock < session.End
                    : clock >= session.Start || clock < session.End;
                if (inWindow != (active[i] == 1))
                    Assert.Fail($"{session}: bar {i} ({bars.TimeAt(i):O}, local {clock}) active={active[i]}");
            }
        }
    }

    [Property(Arbitrary = [typeof(SmcTimeArbitraries)], MaxTest = 150)]
    public void Fast_causal_kernel_equals_the_scalar_reference(RandomTimedBars bars, byte choice)
    {
        var session = CausalCases[choice % CausalCases.Length];
        var expected = ScalarCausal(bars.Time, bars.High, bars.Low, session);
        var actual = Sessions.Compute(bars.Time, bars.High, bars.Low, session);
        Assert.Equal(expected.Active, actual.Active);
        Assert.Equal(expected.High, actual.High);
        Assert.Equal(expected.Low, actual.Low);
    }

    [Property(Arbitrary = [typeof(SmcTimeArbitraries)], MaxTest = 150)]
    public void Fast_reference_kernel_equals_the_transcribed_reference(RandomTimedBars bars, byte choice)
    {
        var (session, start, end, zone) = ReferenceCases[choice % ReferenceCases.Length];
        SessionsResult? expected = null, actual = null;
        var expectedError = Record.Exception(() => expected = ScalarReference(bars.Time, bars.High, bars.Low, session, start, end, zone));
        var actualError = Record.Exception(() => actual = Sessions.Compute(bars.Time, bars.High, bars.Low, session, start, end, zone, SmcMode.Reference));
        Assert.Equal(expectedError is null, actualError is null);
        if (expected is null || actual is null) return;
        Assert.Equal(expected.Active, actual.Active);
        Assert.Equal(expected.High, actual.High);
        Assert.Equal(expected.Low, actual.Low);
    }

    [Property(Arbitrary = [typeof(SmcTimeArbitraries)], MaxTest = 100)]
    public void Causal_values_never_change_when_bars_are_appended(RandomTimedBars bars, byte choice)
    {
        var session = CausalCases[choice % CausalCases.Length];
        var full = Sessions.Compute(bars.Time, bars.High, bars.Low, session);
        for (int k = 0; k <= bars.Length; k++)
            AssertPrefix(full, Sessions.Compute(bars.Time.AsSpan(0, k), bars.High.AsSpan(0, k), bars.Low.AsSpan(0, k), session));
    }

    [SharedFact]
    public void Causal_values_never_change_on_sampled_prefixes_of_real_data()
    {
        var bars = SmcTimeTestData.BtcUsdHourly;
        foreach (var session in new[] { SessionDefinition.London, SessionDefinition.Sydney, SessionDefinition.AsianKillZone, CausalCases[8] })
        {
            var full = Sessions.Compute(bars.Time, bars.High, bars.Low, session);
            foreach (int k in SmcTimeTestData.SampledPrefixLengths(bars.Length))
                AssertPrefix(full, Sessions.Compute(bars.Time[..k], bars.High[..k], bars.Low[..k], session));
        }
    }

    private static void AssertPrefix(SessionsResult full, SessionsResult prefix)
    {
        int k = prefix.Length;
        Assert.Equal(full.Active[..k], prefix.Active);
        Assert.Equal(full.High[..k], prefix.High);
        Assert.Equal(full.Low[..k], prefix.Low);
    }

    private static BarSeries HourlyBars(long start, int count)
    {
        var rng = new Random(7);
        var time = new long[count];
        var high = new double[count];
        var low = new double[count];
        for (int i = 0; i < count; i++)
        {
            time[i] = start + i * Hour;
            low[i] = 100 + rng.Next(50);
            high[i] = low[i] + 1 + rng.Next(20);
        }
        return SmcTimeTestData.Bars(time, high, low);
    }

    private static double Max(ReadOnlySpan<double> x, int from, int to)
    {
        double m = double.MinValue;
        for (int i = from; i <= to; i++) m = Math.Max(m, x[i]);
        return m;
    }

    private static double Min(ReadOnlySpan<double> x, int from, int to)
    {
        double m = double.MaxValue;
        for (int i = from; i <= to; i++) m = Math.Min(m, x[i]);
        return m;
    }

    /// <summary>Per bar, with NodaTime: the window of the bar's local date or the day before that contains it; the
    /// range is the extremes of the earlier bars of the same window.</summary>
    private static SessionsResult ScalarCausal(long[] time, double[] high, double[] low, SessionDefinition session)
    {
        var resolver = Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);
        long Resolve(LocalDate d, LocalTime t) => session.TimeZone.ResolveLocal(d + t, resolver).ToInstant().ToUnixTimeMilliseconds();
        int n = time.Length;
        var r = new SessionsResult(new int[n], new double[n], new double[n]);
        var windowOf = new long?[n];
        for (int i = 0; i < n; i++)
        {
            var date = Instant.FromUnixTimeMilliseconds(time[i]).InZone(session.TimeZone).Date;
            foreach (var d in new[] { date.PlusDays(-1), date })
            {
                long start = Resolve(d, session.Start);
                long end = Resolve(session.End > session.Start ? d : d.PlusDays(1), session.End);
                if (start <= time[i] && time[i] < end) windowOf[i] = start;
            }
            if (windowOf[i] is null)
            {
                r.High[i] = r.Low[i] = double.NaN;
                continue;
            }
            r.Active[i] = 1;
            double h = double.MinValue, l = double.MaxValue;
            for (int j = 0; j <= i; j++)
                if (windowOf[j] == windowOf[i]) { h = Math.Max(h, high[j]); l = Math.Min(l, low[j]); }
            r.High[i] = h;
            r.Low[i] = l;
        }
        return r;
    }

    /// <summary>The reference's loop, transcribed: "HH:MM" strings compared as text, Python max/min against the
    /// float32 row above.</summary>
    private static SessionsResult ScalarReference(long[] time, double[] high, double[] low, string session, string? start, string? end, string? zone)
    {
        var windows = new Dictionary<string, (string, string)>
        {
            ["Sydney"] = ("21:00", "06:00"), ["Tokyo"] = ("00:00", "09:00"), ["London"] = ("07:00", "16:00"),
            ["New York"] = ("13:00", "22:00"), ["Asian kill zone"] = ("00:00", "04:00"), ["London open kill zone"] = ("06:00", "09:00"),
            ["New York kill zone"] = ("11:00", "14:00"), ["london close kill zone"] = ("14:00", "16:00"), ["Custom"] = (start!, end!),
        };
        var (s, e) = windows[session];
        DateTimeZone? tz = zone is null ? null : DateTimeZoneProviders.Tzdb[zone.Replace("GMT", "Etc/GMT").Replace("UTC", "Etc/GMT")];
        int n = time.Length;
        var active = new int[n];
        var hi = new float[n];
        var lo = new float[n];
        for (int i = 0; i < n; i++)
        {
            var instant = Instant.FromUnixTimeMilliseconds(time[i]);
            if (tz is not null)
            {
                var mapping = tz.MapLocal(instant.InUtc().LocalDateTime);
                if (mapping.Count != 1) throw new ArgumentException("pandas raises");
                instant = mapping.Single().ToInstant();
            }
            var current = instant.InUtc().ToString("HH:mm", CultureInfo.InvariantCulture);
            bool isActive = (string.CompareOrdinal(s, e) < 0 && string.CompareOrdinal(s, current) <= 0 && string.CompareOrdinal(current, e) <= 0)
                || (string.CompareOrdinal(s, e) >= 0 && (string.CompareOrdinal(s, current) <= 0 || string.CompareOrdinal(current, e) <= 0));
            if (!isActive) continue;
            active[i] = 1;
            double previousHigh = i > 0 ? hi[i - 1] : 0;
            double previousLow = i > 0 && lo[i - 1] != 0 ? lo[i - 1] : double.PositiveInfinity;
            hi[i] = (float)(previousHigh > high[i] ? previousHigh : high[i]);
            lo[i] = (float)(previousLow < low[i] ? previousLow : low[i]);
        }
        return new SessionsResult(active, hi.Select(v => (double)v).ToArray(), lo.Select(v => (double)v).ToArray());
    }
}
