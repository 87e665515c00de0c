using VectorBacktest.Data;
using VectorBacktest.Data.Alignment;
using VectorBacktest.Data.Resampling;
using VectorBacktest.Indicators.Smc;

namespace VectorBacktest.Strategies;

/// <summary>
/// Trend continuation: the bias is the direction of the latest structure break (BOS or CHoCH) on a higher timeframe;
/// a break of structure (BOS only) on the traded timeframe in the bias direction opens a position, with the stop
/// beyond the latest opposite swing and a take-profit at <see cref="RewardRisk"/> × the risk.
/// </summary>
/// <remarks>
/// <para><b>Higher timeframe.</b> The bars are resampled to <see cref="HigherTimeframe"/> with the forming last bar
/// dropped (<see cref="Resampler"/>); its causal structure breaks give a bias per higher bar (+1, −1, 0 before the
/// first break), known at that bar's close. <see cref="TimeframeAlignment"/> with
/// <see cref="HigherBarVisibility.AtLowerBarClose"/> brings it onto the traded bars: bar <c>t</c> sees only higher
/// bars that closed at or before <c>t</c>'s close, the moment its signal is decided.</para>
/// <para><b>Entry.</b> On the bar <c>t</c> where a causal BOS (<see cref="StructureBreaks"/>, swing length
/// <see cref="SwingLength"/>) becomes known (<c>KnownAt = t</c>) in the bias direction: long with the stop
/// <see cref="StopBuffer"/> below the latest swing low known at <c>t</c>, short with the stop above the latest swing
/// high; skipped when that stop is not beyond the close. <b>Exit</b> (with <see cref="ExitOnBiasFlip"/>): when the
/// bias leaves the position's direction; otherwise by the stop, the take-profit or a reversal.</para>
/// </remarks>
public sealed class BreakOfStructureContinuation : ISignalStrategy
{
    /// <summary>The registry name.</summary>
    public const string RegistryName = "bos-continuation";

    /// <summary>Parameters: <c>higherTimeframe</c> (4h, 2m..1w), <c>higherSwingLength</c> (3, [1, 500]), <c>swingLength</c>
    /// (5, [1, 500]), <c>rewardRisk</c> (2, [0, 100]; 0 = no take-profit), <c>stopBuffer</c> (0, [0, 0.1]),
    /// <c>shorts</c> (true), <c>exitOnBiasFlip</c> (true).</summary>
    public static IReadOnlyList<StrategyParameter> ParameterList { get; } =
    [
        StrategyParameter.Timeframe("higherTimeframe", Timeframe.Parse("4h"), Timeframe.Parse("2m"), Timeframe.Parse("1w"),
            "Timeframe of the bias; a whole multiple of the bars' timeframe, longer than it."),
        StrategyParameter.Integer("higherSwingLength", 3, 1, 500, "Swing length on the higher timeframe, higher bars."),
        StrategyParameter.Integer("swingLength", 5, 1, 500, "Swing length on the traded timeframe, bars."),
        StrategyParameter.Number("rewardRisk", 2, 0, 100, "Take-profit distance as a multiple of the stop distance (0 = no take-profit)."),
        StrategyParameter.Number("stopBuffer", 0, 0, 0.1, "Extra stop distance beyond the swing, a fraction of its price."),
        StrategyParameter.Boolean("shorts", true, "Also trade bearish breaks in a bearish bias."),
        StrategyParameter.Boolean("exitOnBiasFlip", true, "Close a position when the higher-timeframe bias leaves its direction."),
    ];

    /// <summary>The registry entry.</summary>
    public static StrategyDefinition Definition { get; } = new(RegistryName,
        "Lower-timeframe break of structure in the direction of the higher-timeframe structure.", ParameterList,
        v => new BreakOfStructureContinuation(v.Timeframe("higherTimeframe"), v.Integer("higherSwingLength"), v.Integer("swingLength"),
            v.Number("rewardRisk"), v.Number("stopBuffer"), v.Boolean("shorts"), v.Boolean("exitOnBiasFlip")));

    private readonly StrategyParameterValues _values;

    /// <summary>Creates the strategy; ranges as in <see cref="ParameterList"/>.</summary>
    /// <param name="higherTimeframe">Timeframe of the bias.</param>
    /// <param name="higherSwingLength">Swing length on the higher timeframe.</param>
    /// <param name="swingLength">Swing length on the traded timeframe.</param>
    /// <param name="rewardRisk">Take-profit multiple of the risk (0 = none).</param>
    /// <param name="stopBuffer">Extra stop distance, a fraction of the swing price.</param>
    /// <param name="shorts">Trade bearish breaks too.</param>
    /// <param name="exitOnBiasFlip">Close when the bias leaves the position's direction.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value outside its range.</exception>
    public BreakOfStructureContinuation(Timeframe higherTimeframe, int higherSwingLength = 3, int swingLength = 5, double rewardRisk = 2,
        double stopBuffer = 0, bool shorts = true, bool exitOnBiasFlip = true)
    {
        _values = StrategyParameterValues.FromValues(RegistryName, ParameterList, ("higherTimeframe", higherTimeframe),
            ("higherSwingLength", higherSwingLength), ("swingLength", swingLength), ("rewardRisk", rewardRisk), ("stopBuffer", stopBuffer),
            ("shorts", shorts), ("exitOnBiasFlip", exitOnBiasFlip));
        HigherTimeframe = higherTimeframe;
        HigherSwingLength = higherSwingLength;
        SwingLength = swingLength;
        RewardRisk = rewardRisk;
        StopBuffer = stopBuffer;
        Shorts = shorts;
        ExitOnBiasFlip = exitOnBiasFlip;
    }

    /// <summary>Timeframe of the bias.</summary>
    public Timeframe HigherTimeframe { get; }
    /// <summary>Swing length on the higher timeframe, higher bars.</summary>
    public int HigherSwingLength { get; }
    /// <summary>Swing length on the traded timeframe, bars.</summary>
    public int SwingLength { get; }
    /// <summary>Take-profit multiple of the risk (0 = none).</summary>
    public double RewardRisk { get; }
    /// <summary>Extra stop distance, a fraction of the swing price.</summary>
    public double StopBuffer { get; }
    /// <summary>Whether bearish breaks are traded.</summary>
    public bool Shorts { get; }
    /// <summary>Whether a bias change closes the position.</summary>
    public bool ExitOnBiasFlip { get; }

    /// <inheritdoc/>
    public string Name => RegistryName;

    /// <inheritdoc/>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters => _values.Pairs;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The higher timeframe is not a whole multiple of the bars' timeframe or not longer than it.</exception>
    public StrategySignals Generate(BarSeries bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (HigherTimeframe.Minutes <= bars.Timeframe.Minutes)
            throw new ArgumentException($"Strategy '{RegistryName}': higherTimeframe ({HigherTimeframe}) must be longer than the bars' timeframe ({bars.Timeframe}).",
                "higherTimeframe");
        int n = bars.Length;
        var bias = Bias(bars);
        var close = bars.Close;
        var swings = Swings.Find(bars.High, bars.Low, SwingLength);
        var breaks = StructureBreaks.Find(swings, bars.High, bars.Low, close);
        var signals = new StrategySignals(n, Shorts, ExitOnBiasFlip, RewardRisk);

        var swingKnown = swings.KnownAt;
        var swingType = swings.HighLow;
        var swingLevel = swings.Level;
        int nextSwing = 0;
        double lastLow = double.NaN, lastHigh = double.NaN;
        var known = breaks.KnownAt;
        var bos = breaks.Bos;
        for (int e = 0; e < breaks.Count; e++)
        {
            int t = known[e];
            while (nextSwing < swings.Count && swingKnown[nextSwing] <= t)
            {
                if (swingType[nextSwing] > 0) lastHigh = swingLevel[nextSwing];
                else lastLow = swingLevel[nextSwing];
                nextSwing++;
            }
            int direction = bos[e];
            if (direction == 0 || direction != bias[t]) continue;
            if (direction > 0)
            {
                double stop = lastLow * (1 - StopBuffer);
                if (stop > 0 && stop < close[t]) signals.EnterLong(t, close[t], stop);
            }
            else if (Shorts)
            {
                double stop = lastHigh * (1 + StopBuffer);
                if (stop > close[t]) signals.EnterShort(t, close[t], stop);
            }
        }

        if (ExitOnBiasFlip)
        {
            for (int t = 1; t < n; t++)
            {
                if (bias[t - 1] > 0 && bias[t] <= 0) signals.LongExits[t] = true;
                if (Shorts && bias[t - 1] < 0 && bias[t] >= 0) signals.ShortExits[t] = true;
            }
        }
        return signals;
    }

    // The higher-timeframe bias seen at each traded bar's close: +1, -1, or 0 before the first visible break.
    private sbyte[] Bias(BarSeries bars)
    {
        var higher = Resampler.Resample(bars, HigherTimeframe, IncompleteBarPolicy.Drop).Bars;
        var higherBreaks = StructureBreaks.Find(higher, HigherSwingLength);
        var higherBias = new sbyte[higher.Length];
        var known = higherBreaks.KnownAt;
        var bos = higherBreaks.Bos;
        var choch = higherBreaks.Choch;
        sbyte current = 0;
        int e = 0;
        for (int k = 0; k < higher.Length; k++)
        {
            for (; e < higherBreaks.Count && known[e] <= k; e++) current = (sbyte)(bos[e] + choch[e]);
            higherBias[k] = current;
        }
        var map = TimeframeAlignment.Map(bars, higher, HigherBarVisibility.AtLowerBarClose);
        var bias = new sbyte[bars.Length];
        for (int t = 0; t < bias.Length; t++) bias[t] = map[t] < 0 ? (sbyte)0 : higherBias[map[t]];
        return bias;
    }
}
