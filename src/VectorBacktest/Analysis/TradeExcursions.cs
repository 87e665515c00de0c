using System.Numerics.Tensors;

namespace VectorBacktest.Analysis;

/// <summary>
/// Per-trade MAE and MFE from the bars' high and low over the trade's bar range <c>[EntryBar, ExitBar]</c>
/// (inclusive). Because a bar's high and low do not say whether they came before the entry fill or after the exit
/// fill within the entry and exit bars, this is the usual bar-resolution upper bound of both excursions.
/// </summary>
public static class TradeExcursions
{
    /// <summary>
    /// Long: <c>MAE = min(0, min L / entry − 1)</c>, <c>MFE = max(0, max H / entry − 1)</c>.
    /// Short: <c>MAE = min(0, 1 − max H / entry)</c>, <c>MFE = max(0, 1 − min L / entry)</c>.
    /// A zero-size trade has MAE = MFE = 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The trade's bar range is empty or outside the bars.</exception>
    /// <exception cref="ArgumentException"><paramref name="high"/> and <paramref name="low"/> differ in length.</exception>
    public static TradeExcursion Compute(in TradeSample trade, ReadOnlySpan<double> high, ReadOnlySpan<double> low)
    {
        if (low.Length != high.Length) AnalysisThrow.LengthMismatch(nameof(low), high.Length, low.Length);
        if (trade.EntryBar < 0 || trade.ExitBar < trade.EntryBar || trade.ExitBar >= high.Length)
            AnalysisThrow.OutOfRange(nameof(trade), $"{trade.EntryBar}..{trade.ExitBar}", $"The trade's bar range must lie within the {high.Length} bars.");
        int length = trade.ExitBar - trade.EntryBar + 1;
        double maxHigh = TensorPrimitives.Max(high.Slice(trade.EntryBar, length));
        double minLow = TensorPrimitives.Min(low.Slice(trade.EntryBar, length));
        double entry = trade.EntryPrice;
        if (trade.IsLong) return new TradeExcursion(Math.Min(0, minLow / entry - 1), Math.Max(0, maxHigh / entry - 1));
        if (trade.IsShort) return new TradeExcursion(Math.Min(0, 1 - maxHigh / entry), Math.Max(0, 1 - minLow / entry));
        return new TradeExcursion(0, 0);
    }

    /// <summary>MAE and MFE of every trade into <paramref name="destination"/> (same order).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not as long as <paramref name="trades"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A trade's bar range is outside the bars.</exception>
    public static void Compute(ReadOnlySpan<TradeSample> trades, ReadOnlySpan<double> high, ReadOnlySpan<double> low, Span<TradeExcursion> destination)
    {
        if (destination.Length != trades.Length) AnalysisThrow.LengthMismatch(nameof(destination), trades.Length, destination.Length);
        for (int i = 0; i < trades.Length; i++) destination[i] = Compute(trades[i], high, low);
    }
}
