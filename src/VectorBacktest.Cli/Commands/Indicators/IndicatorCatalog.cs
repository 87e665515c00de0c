using VectorBacktest.Data;
using VectorBacktest.Indicators;
using VectorBacktest.Indicators.Smc;
using VectorBacktest.Kernels;

namespace VectorBacktest.Cli.Commands.Indicators;

/// <summary>
/// The indicators <c>vbt indicators</c> computes, by the reference's function names (SMC) and plain names (TA).
/// In reference mode an SMC table has exactly the reference's columns; in causal mode each event sits on the
/// bar where it became known, with the bar it refers to and a <c>KnownAt</c> column.
/// </summary>
internal static class IndicatorCatalog
{
    private delegate IndicatorTable Compute(BarSeries bars, IndicatorParameters p, SmcMode mode);

    private static readonly Dictionary<string, Compute> Entries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["swing_highs_lows"] = SwingHighsLows,
        ["fvg"] = FairValueGapsTable,
        ["bos_choch"] = BosChoch,
        ["ob"] = OrderBlocksTable,
        ["liquidity"] = LiquidityTable,
        ["retracements"] = RetracementsTable,
        ["previous_high_low"] = PreviousHighLowTable,
        ["sessions"] = SessionsTable,
        ["sma"] = (b, p, _) => Single(b, "SMA", Sma.Compute(b.Close, p.Int("window", 20),
            p.Text("sma_mode", "fast")!.Equals("pandas", StringComparison.OrdinalIgnoreCase) ? SmaMode.Pandas : SmaMode.Fast)),
        ["ema"] = (b, p, _) => Single(b, "EMA", Ema.Compute(b.Close, p.Int("window", 20))),
        ["wma"] = (b, p, _) => Single(b, "WMA", Wma.Compute(b.Close, p.Int("window", 20))),
        ["rsi"] = (b, p, _) => Single(b, "RSI", Rsi.Compute(b.Close, p.Int("window", 14))),
        ["true_range"] = (b, _, _) => Single(b, "TrueRange", TrueRange.Compute(b.High, b.Low, b.Close)),
        ["atr"] = (b, p, _) => Single(b, "ATR", Atr.Compute(b.High, b.Low, b.Close, p.Int("window", 14))),
        ["rolling_max"] = (b, p, _) => Single(b, "RollingMax", RollingMax.Compute(b.High, p.Int("window", 20))),
        ["rolling_min"] = (b, p, _) => Single(b, "RollingMin", RollingMin.Compute(b.Low, p.Int("window", 20))),
        ["bollinger_bands"] = BollingerTable,
        ["macd"] = MacdTable,
    };

    /// <summary>Every accepted name.</summary>
    public static IReadOnlyCollection<string> Names => Entries.Keys;

    /// <summary>Computes <paramref name="name"/> on <paramref name="bars"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name or parameter, or a parameter out of range.</exception>
    public static IndicatorTable Run(string name, BarSeries bars, IndicatorParameters parameters, SmcMode mode)
    {
        if (!Entries.TryGetValue(name, out var compute))
            throw new ArgumentException($"Unknown indicator '{name}'; choose one of: {string.Join(", ", Entries.Keys)}.");
        var table = compute(bars, parameters, mode);
        parameters.ThrowIfUnused(name);
        return table;
    }

    private static IndicatorTable Single(BarSeries bars, string column, double[] values) =>
        new IndicatorTable(bars.Length).Add(column, ColumnKind.Float64, values);

    private static IndicatorTable SwingHighsLows(BarSeries bars, IndicatorParameters p, SmcMode mode)
    {
        var table = Swings.Find(bars, p.Int("swing_length", 50), mode).ToTable();
        var result = new IndicatorTable(bars.Length)
            .Add("HighLow", ColumnKind.Float64, table.HighLow)
            .Add("Level", ColumnKind.Float64, table.Level);
        return mode == SmcMode.Reference ? result : WithKnownAt(result.Add("SwingIndex", ColumnKind.Integer, table.SwingIndex), table.SwingIndex);
    }

    private static IndicatorTable FairValueGapsTable(BarSeries bars, IndicatorParameters p, SmcMode mode)
    {
        var table = FairValueGaps.Find(bars, p.Bool("join_consecutive", false), mode).ToTable();
        var result = new IndicatorTable(bars.Length)
            .Add("FVG", ColumnKind.Float64, table.FVG)
            .Add("Top", ColumnKind.Float64, table.Top)
            .Add("Bottom", ColumnKind.Float64, table.Bottom);
        if (mode == SmcMode.Reference) return result.Add("MitigatedIndex", ColumnKind.Float64, table.MitigatedIndex);
        result.Add("GapIndex", ColumnKind.Integer, table.GapIndex).Add("Mitigations", ColumnKind.Integer, table.Mitigations);
        return WithKnownAt(result, table.GapIndex);
    }

    private static IndicatorTable OrderBlocksTable(BarSeries bars, IndicatorParameters p, SmcMode mode)
    {
        int swingLength = p.Int("swing_length", 50);
        bool closeMitigation = p.Bool("close_mitigation", false);
        var table = OrderBlocks.Find(bars, swingLength, closeMitigation, mode).ToTable();
        var result = new IndicatorTable(bars.Length)
            .Add("OB", ColumnKind.Float64, table.OB)
            .Add("Top", ColumnKind.Float32, table.Top)
            .Add("Bottom", ColumnKind.Float32, table.Bottom)
            .Add("OBVolume", ColumnKind.Float32, table.OBVolume);
        if (mode == SmcMode.Reference)
            return result.Add("MitigatedIndex", ColumnKind.Float64, table.MitigatedIndex).Add("Percentage", ColumnKind.Float32, table.Percentage);
        result.Add("Percentage", ColumnKind.Float32, table.Percentage)
            .Add("BlockIndex", ColumnKind.Integer, table.BlockIndex)
            .Add("Mitigations", ColumnKind.Integer, table.Mitigations)
            .Add("Invalidations", ColumnKind.Integer, table.Invalidations);
        return WithKnownAt(result, table.BlockIndex);
    }

    private static IndicatorTable LiquidityTable(BarSeries bars, IndicatorParameters p, SmcMode mode)
    {
        int swingLength = p.Int("swing_length", 50);
        double rangePercent = p.Double("range_percent", 0.01, 0);
        var table = Liquidity.Find(bars, swingLength, rangePercent, mode).ToTable();
        var result = new IndicatorTable(bars.Length)
            .Add("Liquidity", ColumnKind.Float32, table.Liquidity)
            .Add("Level", ColumnKind.Float32, table.Level)
            .Add("End", ColumnKind.Float32, table.End);
        if (mode == SmcMode.Reference) return result.Add("Swept", ColumnKind.Float32, table.Swept);
        result.Add("AnchorIndex", ColumnKind.Integer, table.AnchorIndex).Add("Sweeps", ColumnKind.Integer, table.Sweeps);
        return WithKnownAt(result, table.AnchorIndex);
    }

    private static IndicatorTable BosChoch(BarSeries bars, IndicatorParameters p, SmcMode mode)
    {
        int swingLength = p.Int("swing_length", 50);
        bool closeBreak = p.Bool("close_break", true);
        var table = StructureBreaks.Find(bars, swingLength, closeBreak, mode).ToTable();
        var result = new IndicatorTable(bars.Length)
            .Add("BOS", ColumnKind.Float64, table.Bos)
            .Add("CHOCH", ColumnKind.Float64, table.Choch)
            .Add("Level", ColumnKind.Float32, table.Level)
            .Add("BrokenIndex", ColumnKind.Float64, table.BrokenIndex);
        return mode == SmcMode.Reference ? result : WithKnownAt(result.Add("SwingIndex", ColumnKind.Integer, table.SwingIndex), table.SwingIndex);
    }

    private static IndicatorTable RetracementsTable(BarSeries bars, IndicatorParameters p, SmcMode mode)
    {
        var r = Retracements.Find(bars, p.Int("swing_length", 50), mode);
        var result = new IndicatorTable(bars.Length)
            .Add("Direction", r.Direction)
            .Add("CurrentRetracement%", ColumnKind.Float64, r.CurrentRetracement)
            .Add("DeepestRetracement%", ColumnKind.Float64, r.DeepestRetracement);
        return mode == SmcMode.Reference ? result : result.Add("KnownAt", ColumnKind.Integer, RowIndex(bars.Length));
    }

    private static IndicatorTable PreviousHighLowTable(BarSeries bars, IndicatorParameters p, SmcMode mode)
    {
        var r = PreviousHighLow.Compute(bars, p.Text("time_frame", "1D")!, mode);
        var result = new IndicatorTable(bars.Length)
            .Add("PreviousHigh", mode == SmcMode.Reference ? ColumnKind.Float32 : ColumnKind.Float64, r.PreviousHigh)
            .Add("PreviousLow", mode == SmcMode.Reference ? ColumnKind.Float32 : ColumnKind.Float64, r.PreviousLow)
            .Add("BrokenHigh", r.BrokenHigh)
            .Add("BrokenLow", r.BrokenLow);
        if (mode == SmcMode.Reference) return result;
        var knownAt = new double[bars.Length];
        for (int i = 0; i < knownAt.Length; i++) knownAt[i] = r.KnownAt[i] < 0 ? double.NaN : r.KnownAt[i];
        return result.Add("KnownAt", ColumnKind.Integer, knownAt);
    }

    private static IndicatorTable SessionsTable(BarSeries bars, IndicatorParameters p, SmcMode mode)
    {
        var session = p.Text("session", null) ?? throw new ArgumentException(
            $"'sessions' needs --param session=<name>; one of: {string.Join(", ", SessionDefinition.Names)}, or Custom with start, end and time_zone.");
        var r = Sessions.Compute(bars, session, p.Text("start", null), p.Text("end", null), p.Text("time_zone", null), mode);
        var result = new IndicatorTable(bars.Length)
            .Add("Active", r.Active)
            .Add("High", mode == SmcMode.Reference ? ColumnKind.Float32 : ColumnKind.Float64, r.High)
            .Add("Low", mode == SmcMode.Reference ? ColumnKind.Float32 : ColumnKind.Float64, r.Low);
        return mode == SmcMode.Reference ? result : result.Add("KnownAt", ColumnKind.Integer, RowIndex(bars.Length));
    }

    private static IndicatorTable BollingerTable(BarSeries bars, IndicatorParameters p, SmcMode mode)
    {
        var (middle, upper, lower) = BollingerBands.Compute(bars.Close, p.Int("window", 20), p.Double("width", 2.0, 0));
        return new IndicatorTable(bars.Length)
            .Add("Middle", ColumnKind.Float64, middle)
            .Add("Upper", ColumnKind.Float64, upper)
            .Add("Lower", ColumnKind.Float64, lower);
    }

    private static IndicatorTable MacdTable(BarSeries bars, IndicatorParameters p, SmcMode mode)
    {
        var (line, signal, histogram) = Macd.Compute(bars.Close, p.Int("fast", 12), p.Int("slow", 26), p.Int("signal", 9));
        return new IndicatorTable(bars.Length)
            .Add("MACD", ColumnKind.Float64, line)
            .Add("Signal", ColumnKind.Float64, signal)
            .Add("Histogram", ColumnKind.Float64, histogram);
    }

    // In causal tables a row holds an event exactly when its event-bar column is set; it became known on that row.
    private static IndicatorTable WithKnownAt(IndicatorTable table, double[] eventBar)
    {
        var knownAt = new double[eventBar.Length];
        for (int i = 0; i < knownAt.Length; i++) knownAt[i] = double.IsNaN(eventBar[i]) ? double.NaN : i;
        return table.Add("KnownAt", ColumnKind.Integer, knownAt);
    }

    private static double[] RowIndex(int length)
    {
        var rows = new double[length];
        for (int i = 0; i < length; i++) rows[i] = i;
        return rows;
    }
}
