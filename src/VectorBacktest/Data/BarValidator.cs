namespace VectorBacktest.Data;

/// <summary>
/// The invariants every <see cref="BarSeries"/> holds: prices finite and positive, <c>low ≤ open, close ≤ high</c>,
/// volume finite and non-negative, timestamps strictly increasing.
/// </summary>
public static class BarValidator
{
    /// <summary>
    /// Checks one bar. Returns null when it is valid, else the offending column and the problem.
    /// </summary>
    public static (string Column, string Problem)? CheckBar(double open, double high, double low, double close, double volume)
    {
        if (BadPrice(open) is { } o) return (BarColumns.Open, o);
        if (BadPrice(high) is { } h) return (BarColumns.High, h);
        if (BadPrice(low) is { } l) return (BarColumns.Low, l);
        if (BadPrice(close) is { } c) return (BarColumns.Close, c);
        if (!double.IsFinite(volume)) return (BarColumns.Volume, $"volume {volume} is not a finite number.");
        if (volume < 0) return (BarColumns.Volume, $"volume {volume} is negative.");
        if (high < low) return (BarColumns.Low, $"low {low} is above high {high}.");
        if (open < low || open > high) return (BarColumns.Open, $"open {open} is outside [low {low}, high {high}].");
        if (close < low || close > high) return (BarColumns.Close, $"close {close} is outside [low {low}, high {high}].");
        return null;
    }

    /// <summary>
    /// The branch-light form of <see cref="CheckBar"/> for hot loops: true exactly when <see cref="CheckBar"/> returns null.
    /// A finite, positive low that is at most open, close and a finite high makes every price finite and positive;
    /// NaN fails every comparison.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static bool IsValid(double open, double high, double low, double close, double volume) =>
        low > 0 & high <= double.MaxValue & low <= open & open <= high & low <= close & close <= high
        & volume >= 0 & volume <= double.MaxValue;

    /// <summary>
    /// Checks the order of two consecutive timestamps (epoch ms). Returns null when <paramref name="current"/>
    /// is strictly after <paramref name="previous"/>, else the problem.
    /// </summary>
    public static string? CheckOrder(long previous, long current) =>
        current > previous ? null
        : current == previous ? $"duplicate timestamp {FormatTime(current)}."
        : $"timestamp {FormatTime(current)} is before the previous row's {FormatTime(previous)} (rows must be sorted by time).";

    /// <summary>Checks whole columns and throws at the first bad value.</summary>
    /// <exception cref="BarDataException">Names <paramref name="source"/>, the 1-based row and the column.</exception>
    public static void ThrowIfInvalid(string source, ReadOnlySpan<long> time, ReadOnlySpan<double> open, ReadOnlySpan<double> high,
        ReadOnlySpan<double> low, ReadOnlySpan<double> close, ReadOnlySpan<double> volume)
    {
        for (int i = 0; i < time.Length; i++)
        {
            if (IsValid(open[i], high[i], low[i], close[i], volume[i]) && (i == 0 || time[i] > time[i - 1])) continue;
            if (CheckBar(open[i], high[i], low[i], close[i], volume[i]) is { } bad)
                throw new BarDataException(source, i + 1, bad.Column, bad.Problem);
            if (i > 0 && CheckOrder(time[i - 1], time[i]) is { } order)
                throw new BarDataException(source, i + 1, BarColumns.Time, order);
        }
    }

    /// <summary>ISO-8601 UTC text of an epoch-millisecond time.</summary>
    public static string FormatTime(long epochMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string? BadPrice(double p) =>
        double.IsNaN(p) ? "the price is NaN."
        : double.IsInfinity(p) ? $"the price is {p}."
        : p <= 0 ? $"price {p} is not positive."
        : null;
}
