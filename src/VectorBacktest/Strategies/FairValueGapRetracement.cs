using VectorBacktest.Data;
using VectorBacktest.Indicators.Smc;

namespace VectorBacktest.Strategies;

/// <summary>
/// Fair-value-gap retracement: after a structure break sets the direction, the first touch of a fair value gap of that
/// direction enters with the trend, the stop beyond the latest intact order block of that direction (or beyond the
/// gap's far edge when there is none), the take-profit at <see cref="RewardRisk"/> × the risk.
/// </summary>
/// <remarks>
/// <para>All inputs are causal (<see cref="SmcMode.Causal"/>), computed from swings of length <see cref="SwingLength"/>:
/// <see cref="StructureBreaks"/> (direction = the latest break known at bar <c>t</c>; CHoCH included unless
/// <see cref="IncludeChoch"/> is false), <see cref="FairValueGaps"/> and <see cref="OrderBlocks"/>.</para>
/// <para><b>Entry</b> on bar <c>t</c>, long (short mirrored): a bullish gap known before <c>t</c>, at most
/// <see cref="MaxGapAge"/> bars earlier, is first touched on <c>t</c> (its <c>MitigatedAt = t</c>: the low reached
/// its top), the direction at <c>t</c> is bullish, and the close held above the gap's bottom. <b>Stop</b>: the bottom
/// of the most recent bullish order block known by <c>t</c> that price has not traded through (its
/// <c>MitigatedAt</c> is after <c>t</c> or never) and that lies below the close; else the gap's bottom; widened by
/// <see cref="StopBuffer"/>. When several gaps are touched on one bar the most recent one counts. Positions end at the
/// stop, the take-profit, or a reversal by an opposite entry.</para>
/// </remarks>
public sealed class FairValueGapRetracement : ISignalStrategy
{
    /// <summary>The registry name.</summary>
    public const string RegistryName = "fvg-retracement";

    /// <summary>Parameters: <c>swingLength</c> (5, [1, 500]), <c>rewardRisk</c> (2, [0, 100]; 0 = no take-profit),
    /// <c>stopBuffer</c> (0, [0, 0.1]), <c>maxGapAge</c> (50, [1, 100000] bars), <c>includeChoch</c> (true),
    /// <c>joinConsecutive</c> (false), <c>shorts</c> (true).</summary>
    public static IReadOnlyList<StrategyParameter> ParameterList { get; } =
    [
        StrategyParameter.Integer("swingLength", 5, 1, 500, "Swing length of the structure breaks and order blocks, bars."),
        StrategyParameter.Number("rewardRisk", 2, 0, 100, "Take-profit distance as a multiple of the stop distance (0 = no take-profit)."),
        StrategyParameter.Number("stopBuffer", 0, 0, 0.1, "Extra stop distance beyond the block or gap, a fraction of its price."),
        StrategyParameter.Integer("maxGapAge", 50, 1, 100_000, "Most bars between a gap becoming known and its first touch."),
        StrategyParameter.Boolean("includeChoch", true, "Let a change of character set the direction, not only a break of structure."),
        StrategyParameter.Boolean("joinConsecutive", false, "Join runs of consecutive same-direction gaps into one."),
        StrategyParameter.Boolean("shorts", true, "Also trade bearish gaps in a bearish direction."),
    ];

    /// <summary>The registry entry.</summary>
    public static StrategyDefinition Definition { get; } = new(RegistryName,
        "With the last structure break: enter on the first retracement into a fair value gap, stop beyond the order block.", ParameterList,
        v => new FairValueGapRetracement(v.Integer("swingLength"), v.Number("rewardRisk"), v.Number("stopBuffer"), v.Integer("maxGapAge"),
            v.Boolean("includeChoch"), v.Boolean("joinConsecutive"), v.Boolean("shorts")));

    private readonly StrategyParameterValues _values;

    /// <summary>Creates the strategy; ranges as in <see cref="ParameterList"/>.</summary>
    /// <param name="swingLength">Swing length, bars.</param>
    /// <param name="rewardRisk">Take-profit multiple of the risk (0 = none).</param>
    /// <param name="stopBuffer">Extra stop distance, a fraction of the price.</param>
    /// <param name="maxGapAge">Most bars from a gap's <c>KnownAt</c> to its first touch.</param>
    /// <param name="includeChoch">CHoCH sets the direction too.</param>
    /// <param name="joinConsecutive">Join consecutive gaps.</param>
    /// <param name="shorts">Trade bearish setups too.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value outside its range.</exception>
    public FairValueGapRetracement(int swingLength = 5, double rewardRisk = 2, double stopBuffer = 0, int maxGapAge = 50,
        bool includeChoch = true, bool joinConsecutive = false, bool shorts = true)
    {
        _values = StrategyParameterValues.FromValues(RegistryName, ParameterList, ("swingLength", swingLength), ("rewardRisk", rewardRisk),
            ("stopBuffer", stopBuffer), ("maxGapAge", maxGapAge), ("includeChoch", includeChoch), ("joinConsecutive", joinConsecutive),
            ("shorts", shorts));
        SwingLength = swingLength;
        RewardRisk = rewardRisk;
        StopBuffer = stopBuffer;
        MaxGapAge = maxGapAge;
        IncludeChoch = includeChoch;
        JoinConsecutive = joinConsecutive;
        Shorts = shorts;
    }

    /// <summary>Swing length, bars.</summary>
    public int SwingLength { get; }
    /// <summary>Take-profit multiple of the risk (0 = none).</summary>
    public double RewardRisk { get; }
    /// <summary>Extra stop distance, a fraction of the price.</summary>
    public double StopBuffer { get; }
    /// <summary>Most bars from a gap's <c>KnownAt</c> to its first touch.</summary>
    public int MaxGapAge { get; }
    /// <summary>Whether a CHoCH sets the direction.</summary>
    public bool IncludeChoch { get; }
    /// <summary>Whether consecutive gaps are joined.</summary>
    public bool JoinConsecutive { get; }
    /// <summary>Whether bearish setups are traded.</summary>
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
        var close = bars.Close;
        var swings = Swings.Find(bars.High, bars.Low, SwingLength);
        var breaks = StructureBreaks.Find(swings, bars.High, bars.Low, close);
        var gaps = FairValueGaps.Find(bars, JoinConsecutive);
        var blocks = OrderBlocks.Find(bars.Open, bars.High, bars.Low, close, bars.Volume, swings);
        var signals = new StrategySignals(n, Shorts, exits: false, RewardRisk);

        // The most recent gap of each direction first touched on each bar (a touch is an event of its own bar).
        var touchedBull = new int[n];
        var touchedBear = new int[n];
        touchedBull.AsSpan().Fill(-1);
        touchedBear.AsSpan().Fill(-1);
        for (int g = 0; g < gaps.Count; g++)
        {
            int m = gaps.MitigatedAt[g];
            if (m < 0 || m - gaps.KnownAt[g] > MaxGapAge) continue;
            if (gaps.Direction[g] > 0) touchedBull[m] = g;
            else touchedBear[m] = g;
        }

        var bull = new BlockStack(blocks, 1);
        var bear = new BlockStack(blocks, -1);
        int nextBreak = 0;
        int direction = 0;
        for (int t = 0; t < n; t++)
        {
            for (; nextBreak < breaks.Count && breaks.KnownAt[nextBreak] <= t; nextBreak++)
                if (IncludeChoch || breaks.Bos[nextBreak] != 0) direction = breaks.Bos[nextBreak] + breaks.Choch[nextBreak];
            bull.Advance(t);
            bear.Advance(t);
            if (direction > 0 && touchedBull[t] >= 0)
            {
                int g = touchedBull[t];
                double edge = gaps.Bottom[g];
                if (!(close[t] > edge)) continue;
                double block = bull.Latest(t, out double bottom, out _) && bottom < close[t] ? bottom : edge;
                double stop = block * (1 - StopBuffer);
                if (stop > 0 && stop < close[t]) signals.EnterLong(t, close[t], stop);
            }
            else if (direction < 0 && Shorts && touchedBear[t] >= 0)
            {
                int g = touchedBear[t];
                double edge = gaps.Top[g];
                if (!(close[t] < edge)) continue;
                double block = bear.Latest(t, out _, out double top) && top > close[t] ? top : edge;
                double stop = block * (1 + StopBuffer);
                if (stop > close[t]) signals.EnterShort(t, close[t], stop);
            }
        }
        return signals;
    }

    // The order blocks of one direction known so far, newest on top; blocks price has traded through are dropped lazily
    // (a mitigation is permanent, so a dropped block never returns).
    private sealed class BlockStack(OrderBlocks blocks, int direction)
    {
        private readonly List<int> _stack = [];
        private int _next;

        public void Advance(int t)
        {
            for (; _next < blocks.Count && blocks.KnownAt[_next] <= t; _next++)
                if (blocks.Direction[_next] == direction) _stack.Add(_next);
        }

        public bool Latest(int t, out double bottom, out double top)
        {
            while (_stack.Count > 0)
            {
                int b = _stack[^1];
                int m = blocks.MitigatedAt[b];
                if (m == OrderBlocks.NotMitigated || m > t)
                {
                    bottom = blocks.Bottom[b];
                    top = blocks.Top[b];
                    return true;
                }
                _stack.RemoveAt(_stack.Count - 1);
            }
            bottom = top = double.NaN;
            return false;
        }
    }
}
