using VectorBacktest.Data;

namespace VectorBacktest.Indicators.Smc;

/// <summary>
/// High and low of the previous higher-timeframe period (previous 4h, day, week, …) on every bar, and whether the
/// current period has traded beyond them (smartmoneyconcepts' <c>previous_high_low</c>).
/// </summary>
/// <remarks>
/// <para><b>Causal mode</b> (default). Periods are the buckets of <see cref="Timeframe.BucketStart"/> (aligned to the
/// Unix epoch, so 4h periods open at 00:00, 04:00, … UTC and days at 00:00 UTC; weeks start Monday 00:00 UTC). A bar
/// belongs to the period that contains its open time. Row t shows the high/low of the last period before bar t's
/// period that contains at least one bar (after a data gap that is the last period with data); the first period of
/// the data counts even if it is partial. The levels change on the first bar of each period and are known at its
/// open (see <see cref="PreviousHighLowResult.KnownAt"/>). <c>BrokenHigh</c> is 1 once a bar of the current period,
/// up to and including bar t, has a high strictly above the level (so a break is reported on the bar where it
/// happens and stays 1 until the period ends); <c>BrokenLow</c> likewise with lows strictly below. Comparisons are
/// in float64.</para>
/// <para><b>Reference mode</b> reproduces the reference exactly (SEMANTICS.md §7): pandas periods (start-labelled
/// for minutes, hours and days, anchored at midnight UTC of the first bar's day; <c>1W</c> = weeks Monday–Sunday
/// labelled by the Sunday 00:00), row t shows period p−2 where p is the number of periods labelled strictly before
/// t, so the bar at a period's exact start looks two periods back and weekly bars look at the week before last
/// until Sunday 01:00; levels float32-rounded and the broken flags compare against the rounded levels; the
/// period-start bar joins the previous period's broken-flag run.</para>
/// </remarks>
public static class PreviousHighLow
{
    private const long DayMs = 86_400_000L;

    /// <summary>Computes the previous high/low of <paramref name="bars"/> on the period <paramref name="timeFrame"/>.</summary>
    /// <param name="bars">The bars.</param>
    /// <param name="timeFrame">The higher timeframe in the reference's spelling: <c>4h</c>, <c>1D</c>, <c>1W</c>, or any
    /// whole number of minutes (<c>15m</c>/<c>15min</c>), hours, days or weeks (weeks other than <c>1W</c> only in
    /// causal mode).</param>
    /// <param name="mode">Causal (default) or reference parity.</param>
    /// <exception cref="ArgumentException"><paramref name="timeFrame"/> is not an accepted spelling.</exception>
    public static PreviousHighLowResult Compute(BarSeries bars, string timeFrame = "1D", SmcMode mode = SmcMode.Causal)
    {
        ArgumentNullException.ThrowIfNull(bars);
        return Compute(bars.Time, bars.High, bars.Low, ParseTimeFrame(timeFrame, mode), mode);
    }

    /// <summary>Computes the previous high/low of <paramref name="bars"/> on the period <paramref name="timeFrame"/>.</summary>
    /// <param name="bars">The bars.</param>
    /// <param name="timeFrame">The higher timeframe, e.g. <see cref="Timeframe.D1"/>.</param>
    /// <param name="mode">Causal (default) or reference parity.</param>
    /// <exception cref="ArgumentException">(Reference mode) a weekly timeframe other than one week.</exception>
    public static PreviousHighLowResult Compute(BarSeries bars, Timeframe timeFrame, SmcMode mode = SmcMode.Causal)
    {
        ArgumentNullException.ThrowIfNull(bars);
        return Compute(bars.Time, bars.High, bars.Low, timeFrame, mode);
    }

    /// <summary>Computes the previous high/low on period <paramref name="timeFrame"/>; see <see cref="PreviousHighLow"/>.</summary>
    /// <param name="timeMs">Bar open times, epoch milliseconds UTC, strictly increasing.</param>
    /// <param name="high">Bar highs.</param>
    /// <param name="low">Bar lows.</param>
    /// <param name="timeFrame">The higher timeframe.</param>
    /// <param name="mode">Causal (default) or reference parity.</param>
    /// <exception cref="ArgumentException">Lengths differ, times are not strictly increasing, or (reference mode) a
    /// weekly timeframe other than one week.</exception>
    public static PreviousHighLowResult Compute(ReadOnlySpan<long> timeMs, ReadOnlySpan<double> high, ReadOnlySpan<double> low,
        Timeframe timeFrame, SmcMode mode = SmcMode.Causal)
    {
        int n = timeMs.Length;
        // The kernel writes every element, so the columns need no zeroing.
        var result = new PreviousHighLowResult(GC.AllocateUninitializedArray<double>(n), GC.AllocateUninitializedArray<double>(n),
            GC.AllocateUninitializedArray<int>(n), GC.AllocateUninitializedArray<int>(n), GC.AllocateUninitializedArray<int>(n));
        Compute(timeMs, high, low, timeFrame, mode, result.PreviousHigh, result.PreviousLow, result.BrokenHigh,
            result.BrokenLow, result.KnownAt);
        return result;
    }

    /// <summary>
    /// Computes the previous high/low into caller-provided columns (no allocation); see <see cref="PreviousHighLow"/>
    /// and <see cref="PreviousHighLowResult"/> for the meaning of each column.
    /// </summary>
    /// <param name="timeMs">Bar open times, epoch milliseconds UTC, strictly increasing.</param>
    /// <param name="high">Bar highs.</param>
    /// <param name="low">Bar lows.</param>
    /// <param name="timeFrame">The higher timeframe.</param>
    /// <param name="mode">Causal or reference parity.</param>
    /// <param name="previousHigh">Receives the previous period's high (NaN when none).</param>
    /// <param name="previousLow">Receives the previous period's low (NaN when none).</param>
    /// <param name="brokenHigh">Receives the 0/1 broken-high flag.</param>
    /// <param name="brokenLow">Receives the 0/1 broken-low flag.</param>
    /// <param name="knownAt">Receives the first bar that shows the row's levels (-1 when NaN).</param>
    /// <exception cref="ArgumentException">Input or output lengths differ, times are not strictly increasing, or
    /// (reference mode) a weekly timeframe other than one week.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not a defined value.</exception>
    public static void Compute(ReadOnlySpan<long> timeMs, ReadOnlySpan<double> high, ReadOnlySpan<double> low, Timeframe timeFrame,
        SmcMode mode, Span<double> previousHigh, Span<double> previousLow, Span<int> brokenHigh, Span<int> brokenLow, Span<int> knownAt)
    {
        int n = timeMs.Length;
        if (high.Length != n || low.Length != n)
            SmcThrow.LengthsDifferFromTime(nameof(high));
        if (previousHigh.Length != n || previousLow.Length != n || brokenHigh.Length != n || brokenLow.Length != n || knownAt.Length != n)
            SmcThrow.LengthsDifferFromTime(nameof(previousHigh));
        SmcThrow.IfInvalidMode(mode, nameof(mode));
        if (timeFrame.Minutes <= 0)
            throw new ArgumentException("The timeframe must be a positive number of minutes.", nameof(timeFrame));
        if (mode == SmcMode.Reference)
        {
            if (timeFrame.IsWeekly && timeFrame.Minutes != Timeframe.W1.Minutes)
                throw new ArgumentException($"Reference mode supports the weekly period 1W only, not {timeFrame}.", nameof(timeFrame));
            ReferenceKernel(timeMs, high, low, timeFrame, previousHigh, previousLow, brokenHigh, brokenLow, knownAt);
        }
        else
        {
            CausalKernel(timeMs, high, low, timeFrame, previousHigh, previousLow, brokenHigh, brokenLow, knownAt);
        }
    }

    /// <summary>
    /// Parses the reference's <c>time_frame</c> spelling (<c>4h</c>, <c>1D</c>, <c>1W</c>, <c>15min</c>, …).
    /// </summary>
    /// <param name="timeFrame">The text.</param>
    /// <param name="mode">Reference mode accepts weeks only as <c>1W</c>.</param>
    /// <exception cref="ArgumentException">Not an accepted spelling; the message lists the accepted forms.</exception>
    public static Timeframe ParseTimeFrame(string timeFrame, SmcMode mode = SmcMode.Causal)
    {
        if (!Timeframe.TryParse(timeFrame, out var tf) || (mode == SmcMode.Reference && tf.IsWeekly && tf.Minutes != Timeframe.W1.Minutes))
            throw new ArgumentException(
                $"Unknown time_frame '{timeFrame}'. Allowed: a whole number of minutes, hours or days (e.g. 15min, 15m, 1h, 4h, 1D), "
                + (mode == SmcMode.Reference ? "or 1W." : "or weeks (1W, 2W)."), nameof(timeFrame));
        return tf;
    }

    private static void CausalKernel(ReadOnlySpan<long> timeMs, ReadOnlySpan<double> high, ReadOnlySpan<double> low, Timeframe timeFrame,
        Span<double> previousHigh, Span<double> previousLow, Span<int> brokenHigh, Span<int> brokenLow, Span<int> knownAt)
    {
        long size = timeFrame.Milliseconds;
        long periodEnd = long.MinValue, lastTime = long.MinValue;
        double periodHigh = double.NaN, periodLow = double.NaN, prevHigh = double.NaN, prevLow = double.NaN;
        int known = -1;
        for (int i = 0; i < timeMs.Length; i++)
        {
            long t = timeMs[i];
            if (t <= lastTime) SmcThrow.TimeNotIncreasing(i);
            lastTime = t;
            double h = high[i], l = low[i];
            if (t >= periodEnd)
            {
                if (i > 0)
                {
                    prevHigh = periodHigh;
                    prevLow = periodLow;
                    known = i;
                }
                periodEnd = timeFrame.BucketStart(t) + size;
                periodHigh = h;
                periodLow = l;
            }
            else
            {
                if (h > periodHigh) periodHigh = h;
                if (l < periodLow) periodLow = l;
            }
            previousHigh[i] = prevHigh;
            previousLow[i] = prevLow;
            brokenHigh[i] = periodHigh > prevHigh ? 1 : 0;
            brokenLow[i] = periodLow < prevLow ? 1 : 0;
            knownAt[i] = known;
        }
    }

    private static void ReferenceKernel(ReadOnlySpan<long> timeMs, ReadOnlySpan<double> high, ReadOnlySpan<double> low, Timeframe timeFrame,
        Span<double> previousHigh, Span<double> previousLow, Span<int> brokenHigh, Span<int> brokenLow, Span<int> knownAt)
    {
        if (timeMs.Length == 0) return;
        bool weekly = timeFrame.IsWeekly;
        long size = timeFrame.Milliseconds;
        // pandas' default origin "start_day": bins anchored at midnight of the first bar's day.
        long origin = FloorDiv(timeMs[0], DayMs) * DayMs;
        // Weekly bins are labelled by their Sunday 00:00, which lies inside the bin.
        long labelOffset = weekly ? 6 * DayMs : 0;

        long periodEnd = long.MinValue, label = 0, lastTime = long.MinValue;
        int period = -1, runReference = -1, runStart = -1;
        double periodHigh = 0, periodLow = 0, high1 = 0, low1 = 0, high2 = 0, low2 = 0, levelHigh = 0, levelLow = 0;
        bool brokeHigh = false, brokeLow = false;
        for (int i = 0; i < timeMs.Length; i++)
        {
            long t = timeMs[i];
            if (t <= lastTime) SmcThrow.TimeNotIncreasing(i);
            lastTime = t;
            double h = high[i], l = low[i];
            if (t >= periodEnd)
            {
                high2 = high1; low2 = low1;
                high1 = periodHigh; low1 = periodLow;
                period++;
                long start = weekly ? timeFrame.BucketStart(t) : origin + FloorDiv(t - origin, size) * size;
                periodEnd = start + size;
                label = start + labelOffset;
                periodHigh = h;
                periodLow = l;
            }
            else
            {
                if (h > periodHigh) periodHigh = h;
                if (l < periodLow) periodLow = l;
            }

            // p = number of period labels strictly before t; the row shows period p - 2 (q - 1 or q - 2).
            int p = label < t ? period + 1 : period;
            if (p < 2)
            {
                previousHigh[i] = double.NaN;
                previousLow[i] = double.NaN;
                brokenHigh[i] = 0;
                brokenLow[i] = 0;
                knownAt[i] = -1;
                continue;
            }
            int reference = p - 2;
            if (reference != runReference)
            {
                runReference = reference;
                runStart = i;
                brokeHigh = false;
                brokeLow = false;
                levelHigh = SmcFloat32.Round(reference == period - 1 ? high1 : high2);
                levelLow = SmcFloat32.Round(reference == period - 1 ? low1 : low2);
            }
            brokeHigh |= h > levelHigh;
            brokeLow |= l < levelLow;
            previousHigh[i] = levelHigh;
            previousLow[i] = levelLow;
            brokenHigh[i] = brokeHigh ? 1 : 0;
            brokenLow[i] = brokeLow ? 1 : 0;
            knownAt[i] = runStart;
        }
    }

    private static long FloorDiv(long a, long b)
    {
        long q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }
}
