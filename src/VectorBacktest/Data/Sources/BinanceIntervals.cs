namespace VectorBacktest.Data.Sources;

/// <summary>The kline intervals of the Binance spot REST API and their <see cref="Timeframe"/>s.</summary>
public static class BinanceIntervals
{
    private static readonly (long Minutes, string Interval)[] Supported =
    [
        (1, "1m"), (3, "3m"), (5, "5m"), (15, "15m"), (30, "30m"), (60, "1h"), (120, "2h"), (240, "4h"), (360, "6h"),
        (480, "8h"), (720, "12h"), (1440, "1d"), (4320, "3d"), (10080, "1w"),
    ];

    /// <summary>The interval string Binance expects for <paramref name="timeframe"/> (<c>1m</c>, <c>4h</c>, <c>1w</c>, …).</summary>
    /// <exception cref="ArgumentException">Binance has no such interval (for example 2m, 90m or 2d; monthly is not a <see cref="Timeframe"/>).</exception>
    public static string ToInterval(Timeframe timeframe)
    {
        foreach (var (minutes, interval) in Supported)
            if (minutes == timeframe.Minutes) return interval;
        throw new ArgumentException(
            $"Binance has no {timeframe} klines; use one of 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w (or download a shorter one and resample).",
            nameof(timeframe));
    }
}
