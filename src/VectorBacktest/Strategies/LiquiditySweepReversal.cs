using VectorBacktest.Data;
using VectorBacktest.Indicators.Smc;

namespace VectorBacktest.Strategies;

/// <summary>
/// Liquidity-sweep reversal: when price runs through a pool of equal lows (highs) and the same bar closes back above
/// (below) the pool's level, enter against the sweep, the stop beyond the sweep bar's extreme, the take-profit at
/// <see cref="RewardRisk"/> × the risk.
/// </summary>
/// <remarks>
/// <para>Pools are causal <see cref="Liquidity"/> groups (swing length <see cref="SwingLength"/>, band half-width
/// <see cref="RangePercent"/> of the range seen so far). A group is swept on bar <c>s</c> (<c>SweptAt = s</c>, an event of
/// that bar) when the low reaches its anchor − band (lows) or the high its anchor + band (highs); only groups already
/// known at <c>s</c> (two or more members, <c>KnownAt ≤ s</c>) count.</para>
/// <para><b>Entry</b> on the sweep bar <c>s</c>: long when a group of equal lows is swept and the close is above the
/// highest swept level, with the stop <see cref="StopBuffer"/> below <c>low[s]</c>; short (with <see cref="Shorts"/>)
/// when equal highs are swept and the close is below the lowest swept level, the stop above <c>high[s]</c>. A bar that
/// sweeps both sides gives no entry. Positions end at the stop, the take-profit, or a reversal.</para>
/// </remarks>
public sealed class LiquiditySweepReversal : ISignalStrategy
{
    /// <summary>The registry name.</summary>
    public const string RegistryName = "liquidity-sweep";

    /// <summary>Parameters: <c>swingLength</c> (5, [1, 500]), <c>rangePercent</c> (0.01, [0, 0.5]), <c>rewardRisk</c>
    /// (2, [0, 100]; 0 = no take-profit), <c>stopBuffer</c> (0, [0, 0.1]), <c>shorts</c> (true).</summary>
    public static IReadOnlyList<StrategyParameter> ParameterList { get; } =
    [
        StrategyParameter.Integer("swingLength", 5, 1, 500, "Swing length of the swings that form liquidity pools, bars."),
        StrategyParameter.Number("rangePercent", 0.01, 0, 0.5, "Band half-width of 'equal' highs/lows, a fraction of the high-low range seen so far."),
        StrategyParameter.Number("rewardRisk", 2, 0, 100, "Take-profit distance as a multiple of the stop distance (0 = no take-profit)."),
        StrategyParameter.Number("stopBuffer", 0, 0, 0.1, "Extra stop distance beyond the sweep extreme, a fraction of its price."),
        StrategyParameter.Boolean("shorts", true, "Also short sweeps of equal highs."),
    ];

    /// <summary>The registry entry.</summary>
    public static StrategyDefinition Definition { get; } = new(RegistryName,
        "Reverse after a sweep of equal highs/lows that closes back inside, stop beyond the sweep extreme.", ParameterList,
        v => new LiquiditySweepReversal(v.Integer("swingLength"), v.Number("rangePercent"), v.Number("rewardRisk"), v.Number("stopBuffer"),
            v.Boolean("shorts")));

    private readonly StrategyParameterValues _values;

    /// <summary>Creates the strategy; ranges as in <see cref="ParameterList"/>.</summary>
    /// <param name="swingLength">Swing length, bars.</param>
    /// <param name="rangePercent">Band half-width, a fraction of the range.</param>
    /// <param name="rewardRisk">Take-profit multiple of the risk (0 = none).</param>
    /// <param name="stopBuffer">Extra stop distance, a fraction of the price.</param>
    /// <param name="shorts">Short sweeps of equal highs too.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value outside its range.</exception>
    public LiquiditySweepReversal(int swingLength = 5, double rangePercent = 0.01, double rewardRisk = 2, double stopBuffer = 0, bool shorts = true)
    {
        _values = StrategyParameterValues.FromValues(RegistryName, ParameterList, ("swingLength", swingLength), ("rangePercent", rangePercent),
            ("rewardRisk", rewardRisk), ("stopBuffer", stopBuffer), ("shorts", shorts));
        SwingLength = swingLength;
        RangePercent = rangePercent;
        RewardRisk = rewardRisk;
        StopBuffer = stopBuffer;
        Shorts = shorts;
    }

    /// <summary>Swing length, bars.</summary>
    public int SwingLength { get; }
    /// <summary>Band half-width, a fraction of the range.</summary>
    public double RangePercent { get; }
    /// <summary>Take-profit multiple of the risk (0 = none).</summary>
    public double RewardRisk { get; }
    /// <summary>Extra stop distance, a fraction of the price.</summary>
    public double StopBuffer { get; }
    /// <summary>Whether sweeps of equal highs are shorted.</summary>
    public bool Shorts { get; }

    /// <inheritdoc/>
    public string Name => RegistryName;

    /// <inheritdoc/>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters => _values.Pairs;

    /// <inheritdoc/>
    public StrategySignals Generate(BarSeries bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        int n = bars.Length;
        var swings = Swings.Find(bars.High, bars.Low, SwingLength);
        var pools = Liquidity.Find(bars.High, bars.Low, swings, RangePercent);
        var signals = new StrategySignals(n, Shorts, exits: false, RewardRisk);

        // Per sweep bar: the lowest swept level of equal highs and the highest swept level of equal lows.
        var highSwept = new double[n];
        var lowSwept = new double[n];
        highSwept.AsSpan().Fill(double.PositiveInfinity);
        lowSwept.AsSpan().Fill(double.NegativeInfinity);
        for (int v = 0; v < pools.Count; v++)
        {
            int s = pools.SweptAt[v];
            if (s < 0 || pools.KnownAt[v] > s) continue;
            if (pools.Direction[v] > 0) highSwept[s] = Math.Min(highSwept[s], pools.Level[v]);
            else lowSwept[s] = Math.Max(lowSwept[s], pools.Level[v]);
        }

        var close = bars.Close;
        for (int s = 0; s < n; s++)
        {
            bool lows = lowSwept[s] > double.NegativeInfinity, highs = highSwept[s] < double.PositiveInfinity;
            if (lows == highs) continue;
            if (lows && close[s] > lowSwept[s])
            {
                double stop = bars.Low[s] * (1 - StopBuffer);
                if (stop > 0 && stop < close[s]) signals.EnterLong(s, close[s], stop);
            }
            else if (highs && Shorts && close[s] < highSwept[s])
            {
                double stop = bars.High[s] * (1 + StopBuffer);
                if (stop > close[s]) signals.EnterShort(s, close[s], stop);
            }
        }
        return signals;
    }
}
