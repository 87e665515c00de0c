using VectorBacktest.Data;

namespace VectorBacktest.Analysis;

/// <summary>
/// Periods per year (empyrical's <c>annualization</c>, written <c>P</c> in every metric's documentation) from a
/// bar duration. Crypto trades every day, so the default year is 365 calendar days; pass
/// <see cref="TradingDaysPerYear"/> (252) for exchange-traded data such as the backtesting.py GOOG cases.
/// </summary>
public static class Annualization
{
    /// <summary>365: days in a calendar year, the default for 24/7 crypto markets.</summary>
    public const double CalendarDaysPerYear = 365.0;

    /// <summary>252: trading days in a year of a stock exchange.</summary>
    public const double TradingDaysPerYear = 252.0;

    /// <summary>
    /// <c>daysPerYear · 1 day / barDuration</c>: 365 for daily bars, 8760 for hourly bars, 525,600 for one-minute
    /// bars with the default year. With <paramref name="daysPerYear"/> = 252 a daily bar gives 252 and an hourly
    /// bar 6048 (a 24-hour trading day).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="barDuration"/> is not positive, or
    /// <paramref name="daysPerYear"/> is not a positive finite number.</exception>
    public static double PeriodsPerYear(TimeSpan barDuration, double daysPerYear = CalendarDaysPerYear)
    {
        if (barDuration <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(barDuration), barDuration, "The bar duration must be positive.");
        if (!(daysPerYear > 0) || double.IsInfinity(daysPerYear))
            throw new ArgumentOutOfRangeException(nameof(daysPerYear), daysPerYear, "Days per year must be a positive finite number.");
        return daysPerYear * (TimeSpan.TicksPerDay / (double)barDuration.Ticks);
    }

    /// <summary>Periods per year of bars of <paramref name="timeframe"/>; see <see cref="PeriodsPerYear(TimeSpan, double)"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="daysPerYear"/> is not a positive finite number.</exception>
    public static double PeriodsPerYear(Timeframe timeframe, double daysPerYear = CalendarDaysPerYear) =>
        PeriodsPerYear(timeframe.Duration, daysPerYear);
}
