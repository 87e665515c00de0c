using VectorBacktest.Data;

namespace VectorBacktest.Indicators.Smc;

/// <summary>
/// Trading sessions and kill zones (smartmoneyconcepts' <c>sessions</c>): whether each bar lies in the session, and
/// the session's running high and low.
/// </summary>
/// <remarks>
/// <para><b>Causal mode</b> (default), see <see cref="SessionDefinition"/> for the windows: a bar is active when its
/// OPEN time lies in a window <c>[start, end)</c> of local time (daylight saving followed). <c>High</c>/<c>Low</c>
/// are the highest high / lowest low of the active bars of the same window occurrence up to and including the bar,
/// so the range restarts at every new occurrence (also for a 24-hour window, and across data gaps); NaN on inactive
/// bars. Values in float64.</para>
/// <para><b>Reference mode</b> reproduces the reference exactly (SEMANTICS.md §8): fixed UTC hours, end inclusive
/// (London 07:00–16:00 UTC is 10 hourly bars), seconds ignored, <c>time_zone</c> other than <c>UTC</c> re-reads the
/// bar times as wall-clock times of that zone (with <c>GMT</c>/<c>UTC</c> replaced by <c>Etc/GMT</c>, so
/// <c>UTC+2</c> acts as UTC−2); the range restarts only after an inactive row; inactive rows hold 0; float32.</para>
/// <para>The sweep calls NodaTime once per window (or per offset change in reference mode), not per bar.</para>
/// </remarks>
public static class Sessions
{
    /// <summary>Computes <paramref name="session"/> on <paramref name="bars"/>, taking the reference's parameters.</summary>
    /// <param name="bars">The bars.</param>
    /// <param name="session">One of <see cref="SessionDefinition.Names"/>: <c>Sydney</c>, <c>Tokyo</c>, <c>London</c>,
    /// <c>New York</c>, <c>Asian kill zone</c>, <c>London open kill zone</c>, <c>New York kill zone</c>,
    /// <c>london close kill zone</c>, <c>Custom</c>.</param>
    /// <param name="startTime">Custom only: start, <c>HH:MM</c>.</param>
    /// <param name="endTime">Custom only: end, <c>HH:MM</c>.</param>
    /// <param name="timeZone">Causal mode: the zone of a Custom session's times (IANA id, <c>UTC</c> default,
    /// <c>UTC±HH:MM</c>). Reference mode: the reference's <c>time_zone</c> (default <c>UTC</c>).</param>
    /// <param name="mode">Causal (default) or reference parity.</param>
    /// <exception cref="ArgumentException">An unknown session or time zone, malformed or missing custom times;
    /// the message names the parameter and lists the allowed values.</exception>
    public static SessionsResult Compute(BarSeries bars, string session, string? startTime = null, string? endTime = null,
        string? timeZone = null, SmcMode mode = SmcMode.Causal)
    {
        ArgumentNullException.ThrowIfNull(bars);
        return Compute(bars.Time, bars.High, bars.Low, session, startTime, endTime, timeZone, mode);
    }

    /// <summary>Computes a session on raw columns, taking the reference's parameters; see
    /// <see cref="Compute(BarSeries, string, string?, string?, string?, SmcMode)"/>.</summary>
    /// <param name="timeMs">Bar open times, epoch milliseconds UTC, strictly increasing.</param>
    /// <param name="high">Bar highs.</param>
    /// <param name="low">Bar lows.</param>
    /// <param name="session">Session name.</param>
    /// <param name="startTime">Custom only: start, <c>HH:MM</c>.</param>
    /// <param name="endTime">Custom only: end, <c>HH:MM</c>.</param>
    /// <param name="timeZone">See the <see cref="BarSeries"/> overload.</param>
    /// <param name="mode">Causal (default) or reference parity.</param>
    /// <exception cref="ArgumentException">Bad parameters (see above), or the columns differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not a defined value.</exception>
    public static SessionsResult Compute(ReadOnlySpan<long> timeMs, ReadOnlySpan<double> high, ReadOnlySpan<double> low,
        string session, string? startTime = null, string? endTime = null, string? timeZone = null, SmcMode mode = SmcMode.Causal)
    {
        SmcThrow.IfInvalidMode(mode, nameof(mode));
        var result = Allocate(timeMs.Length);
        if (mode == SmcMode.Reference)
            ComputeReference(timeMs, high, low, session, startTime, endTime, timeZone, result.Active, result.High, result.Low);
        else
            Compute(timeMs, high, low, SessionDefinition.FromName(session, startTime, endTime, timeZone), result.Active, result.High, result.Low);
        return result;
    }

    /// <summary>Causal session columns of <paramref name="bars"/> for <paramref name="session"/>.</summary>
    /// <param name="bars">The bars.</param>
    /// <param name="session">The session window, e.g. <see cref="SessionDefinition.London"/>.</param>
    public static SessionsResult Compute(BarSeries bars, SessionDefinition session)
    {
        ArgumentNullException.ThrowIfNull(bars);
        return Compute(bars.Time, bars.High, bars.Low, session);
    }

    /// <summary>Causal session columns for <paramref name="session"/>.</summary>
    /// <param name="timeMs">Bar open times, epoch milliseconds UTC, strictly increasing.</param>
    /// <param name="high">Bar highs.</param>
    /// <param name="low">Bar lows.</param>
    /// <param name="session">The session window.</param>
    /// <exception cref="ArgumentException">The columns differ in length or times are not strictly increasing.</exception>
    public static SessionsResult Compute(ReadOnlySpan<long> timeMs, ReadOnlySpan<double> high, ReadOnlySpan<double> low, SessionDefinition session)
    {
        var result = Allocate(timeMs.Length);
        Compute(timeMs, high, low, session, result.Active, result.High, result.Low);
        return result;
    }

    /// <summary>Causal session columns into caller-provided spans (no allocation).</summary>
    /// <param name="timeMs">Bar open times, epoch milliseconds UTC, strictly increasing.</param>
    /// <param name="high">Bar highs.</param>
    /// <param name="low">Bar lows.</param>
    /// <param name="session">The session window.</param>
    /// <param name="active">Receives 1 when the bar's open lies in a window, else 0.</param>
    /// <param name="sessionHigh">Receives the window occurrence's high so far (NaN when inactive).</param>
    /// <param name="sessionLow">Receives the window occurrence's low so far (NaN when inactive).</param>
    /// <exception cref="ArgumentException">Lengths differ or times are not strictly increasing.</exception>
    public static void Compute(ReadOnlySpan<long> timeMs, ReadOnlySpan<double> high, ReadOnlySpan<double> low, SessionDefinition session,
        Span<int> active, Span<double> sessionHigh, Span<double> sessionLow)
    {
        ArgumentNullException.ThrowIfNull(session);
        CheckLengths(timeMs.Length, high.Length, low.Length, active.Length, sessionHigh.Length, sessionLow.Length);
        long windowStart = long.MaxValue, windowEnd = long.MinValue, rangeStart = long.MinValue, lastTime = long.MinValue;
        double runHigh = double.NaN, runLow = double.NaN;
        for (int i = 0; i < timeMs.Length; i++)
        {
            long t = timeMs[i];
            if (t <= lastTime) SmcThrow.TimeNotIncreasing(i);
            lastTime = t;
            if (t >= windowEnd) (windowStart, windowEnd) = session.WindowEndingAfter(t);
            if (t < windowStart)
            {
                active[i] = 0;
                sessionHigh[i] = double.NaN;
                sessionLow[i] = double.NaN;
                continue;
            }
            double h = high[i], l = low[i];
            if (windowStart != rangeStart)
            {
                rangeStart = windowStart;
                runHigh = h;
                runLow = l;
            }
            else
            {
                if (h > runHigh) runHigh = h;
                if (l < runLow) runLow = l;
            }
            active[i] = 1;
            sessionHigh[i] = runHigh;
            sessionLow[i] = runLow;
        }
    }

    /// <summary>Reference-parity session columns into caller-provided spans (no per-bar allocation).</summary>
    /// <param name="timeMs">Bar open times, epoch milliseconds UTC (read as the reference reads its naive index).</param>
    /// <param name="high">Bar highs.</param>
    /// <param name="low">Bar lows.</param>
    /// <param name="session">Session name (reference spelling).</param>
    /// <param name="startTime">Custom only: start, <c>HH:MM</c> UTC.</param>
    /// <param name="endTime">Custom only: end, <c>HH:MM</c> UTC.</param>
    /// <param name="timeZone">The reference's <c>time_zone</c> (default <c>UTC</c>).</param>
    /// <param name="active">Receives 0/1.</param>
    /// <param name="sessionHigh">Receives the float32-rounded running high (0 when inactive).</param>
    /// <param name="sessionLow">Receives the float32-rounded running low (0 when inactive).</param>
    /// <exception cref="ArgumentException">Bad parameters, lengths differ, or a bar time does not exist or is
    /// ambiguous in <paramref name="timeZone"/>.</exception>
    public static void ComputeReference(ReadOnlySpan<long> timeMs, ReadOnlySpan<double> high, ReadOnlySpan<double> low, string session,
        string? startTime, string? endTime, string? timeZone, Span<int> active, Span<double> sessionHigh, Span<double> sessionLow)
    {
        var window = SessionReferenceWindow.FromName(session, startTime, endTime, timeZone);
        CheckLengths(timeMs.Length, high.Length, low.Length, active.Length, sessionHigh.Length, sessionLow.Length);
        bool localize = window.IndexZone is not null;
        var localizer = new SessionReferenceWindow.Localizer(window.IndexZone ?? NodaTime.DateTimeZone.Utc);
        float previousHigh = 0, previousLow = 0;
        for (int i = 0; i < timeMs.Length; i++)
        {
            long t = localize ? localizer.ToUtc(timeMs[i]) : timeMs[i];
            if (!window.Contains(SessionReferenceWindow.MinuteOfDay(t)))
            {
                active[i] = 0;
                previousHigh = previousLow = 0;
                sessionHigh[i] = 0;
                sessionLow[i] = 0;
                continue;
            }
            // Python's max(h, prev) / min(l, prev or inf) against the stored float32 row above, rounded to float32.
            double h = high[i], l = low[i];
            double lowSoFar = previousLow != 0 ? previousLow : double.PositiveInfinity;
            previousHigh = (float)(previousHigh > h ? previousHigh : h);
            previousLow = (float)(lowSoFar < l ? lowSoFar : l);
            active[i] = 1;
            sessionHigh[i] = previousHigh;
            sessionLow[i] = previousLow;
        }
    }

    /// <summary>Result columns without zeroing: every kernel writes every element.</summary>
    private static SessionsResult Allocate(int n) => new(GC.AllocateUninitializedArray<int>(n),
        GC.AllocateUninitializedArray<double>(n), GC.AllocateUninitializedArray<double>(n));

    private static void CheckLengths(int n, int high, int low, int active, int sessionHigh, int sessionLow)
    {
        if (high != n || low != n) SmcThrow.LengthsDifferFromTime("high");
        if (active != n || sessionHigh != n || sessionLow != n) SmcThrow.LengthsDifferFromTime("active");
    }
}
