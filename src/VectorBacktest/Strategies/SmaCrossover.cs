using VectorBacktest.Data;
using VectorBacktest.Indicators;
using VectorBacktest.Kernels;

namespace VectorBacktest.Strategies;

/// <summary>
/// Moving-average crossover: a long entry on the bar whose close takes the fast SMA strictly above the slow one, a long
/// exit when it goes strictly below; with <see cref="Shorts"/> the downward cross opens a short instead (a reversal) and
/// the upward cross closes it. Stops come from the execution settings, not the strategy.
/// </summary>
/// <remarks>SMAs in pandas-compatible summation (<see cref="SmaMode.Pandas"/>); a cross on bar <c>t</c> uses the SMAs of
/// bars <c>t − 1</c> and <c>t</c>, both known at bar <c>t</c>'s close. No signal before bar <c>slow</c>.</remarks>
public sealed class SmaCrossover : ISignalStrategy
{
    /// <summary>The registry name.</summary>
    public const string RegistryName = "sma-crossover";

    /// <summary>Parameters: <c>fast</c> (10, [1, 10000] bars), <c>slow</c> (30, [2, 10000] bars, &gt; fast), <c>shorts</c> (false).</summary>
    public static IReadOnlyList<StrategyParameter> ParameterList { get; } =
    [
        StrategyParameter.Integer("fast", 10, 1, 10_000, "Fast SMA window, bars."),
        StrategyParameter.Integer("slow", 30, 2, 10_000, "Slow SMA window, bars; must exceed fast."),
        StrategyParameter.Boolean("shorts", false, "Go short on the downward cross (always in the market) instead of only closing the long."),
    ];

    /// <summary>The registry entry.</summary>
    public static StrategyDefinition Definition { get; } = new(RegistryName,
        "Long (and optionally short) on crosses of a fast and a slow simple moving average.", ParameterList,
        v => new SmaCrossover(v.Integer("fast"), v.Integer("slow"), v.Boolean("shorts")));

    private readonly StrategyParameterValues _values;

    /// <summary>Creates the strategy.</summary>
    /// <param name="fast">Fast window in bars, [1, 10000].</param>
    /// <param name="slow">Slow window in bars, [2, 10000], &gt; <paramref name="fast"/>.</param>
    /// <param name="shorts">Reverse into a short on the downward cross.</param>
    /// <exception cref="ArgumentOutOfRangeException">A window outside its range.</exception>
    /// <exception cref="ArgumentException"><paramref name="fast"/> ≥ <paramref name="slow"/>.</exception>
    public SmaCrossover(int fast = 10, int slow = 30, bool shorts = false)
    {
        _values = StrategyParameterValues.FromValues(RegistryName, ParameterList, ("fast", fast), ("slow", slow), ("shorts", shorts));
        if (fast >= slow)
            throw new ArgumentException($"Strategy '{RegistryName}': fast ({fast}) must be shorter than slow ({slow}).", nameof(fast));
        Fast = fast;
        Slow = slow;
        Shorts = shorts;
    }

    /// <summary>Fast window, bars.</summary>
    public int Fast { get; }
    /// <summary>Slow window, bars.</summary>
    public int Slow { get; }
    /// <summary>Whether the downward cross opens a short.</summary>
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
        // pandas-exact means: a cross decided by the last ulp then happens exactly where backtesting.py sees it.
        var fast = Sma.Compute(bars.Close, Fast, SmaMode.Pandas);
        var slow = Sma.Compute(bars.Close, Slow, SmaMode.Pandas);
        var signals = new StrategySignals(n, Shorts, exits: true, rewardRisk: null) { WarmupBars = Math.Min(Slow - 1, Math.Max(n - 1, 0)) };
        Crossings.Above(fast, slow, signals.LongEntries);
        Crossings.Below(fast, slow, signals.LongExits);
        if (Shorts)
        {
            signals.LongExits.CopyTo(signals.ShortEntries);
            signals.LongEntries.CopyTo(signals.ShortExits);
        }
        return signals;
    }
}
