using VectorBacktest.Portfolio;

namespace VectorBacktest.Strategies;

/// <summary>
/// The output of a <see cref="ISignalStrategy"/>: entry and exit columns and, for strategies that place their own
/// stops, the stop-loss and take-profit price of each entry (the take-profit at a multiple R of the risk).
/// </summary>
/// <remarks>
/// <para><see cref="ToInputs"/> passes the prices as <see cref="SignalInputs.StopLossPrice"/> and
/// <see cref="SignalInputs.TakeProfitPrice"/>: a long decided on bar <c>t</c> with stop <c>S</c> exits at <c>S</c> and takes
/// profit at <c>close[t] + R × (close[t] − S)</c> (a short mirrored). The levels attach when the entry fills (next open
/// by default) and are checked from then on, a gap through a level filling at the open. They take precedence over the
/// execution settings' stop-loss / take-profit for these entries, leave <see cref="SignalInputs.Atr"/> free for
/// volatility-based sizing, and are what risk-fraction sizing sizes from.</para>
/// </remarks>
public sealed class StrategySignals
{
    private readonly bool[] _longEntries, _longExits, _shortEntries, _shortExits;
    private readonly double[] _stopLoss, _takeProfit;

    /// <summary>Allocates cleared columns.</summary>
    /// <param name="barCount">Number of bars.</param>
    /// <param name="shorts">Whether short entry/exit columns exist.</param>
    /// <param name="exits">Whether exit columns exist (without them positions end by stops or reversals only).</param>
    /// <param name="rewardRisk">With stops: the take-profit multiple R (0 = no take-profit); null: the strategy places no stops.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="barCount"/> is negative, or <paramref name="rewardRisk"/> is negative or not finite.</exception>
    public StrategySignals(int barCount, bool shorts, bool exits, double? rewardRisk)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(barCount);
        if (rewardRisk is { } r && !(r >= 0 && double.IsFinite(r)))
            throw new ArgumentOutOfRangeException(nameof(rewardRisk), r, "The reward-to-risk multiple must be finite and >= 0 (0 = no take-profit).");
        BarCount = barCount;
        RewardRisk = rewardRisk;
        _longEntries = new bool[barCount];
        _longExits = exits ? new bool[barCount] : [];
        _shortEntries = shorts ? new bool[barCount] : [];
        _shortExits = shorts && exits ? new bool[barCount] : [];
        _stopLoss = rewardRisk is null ? [] : NaNs(barCount);
        _takeProfit = rewardRisk > 0 ? NaNs(barCount) : [];
    }

    /// <summary>Number of bars.</summary>
    public int BarCount { get; }

    /// <summary>
    /// The first bar on which every indicator of the strategy is defined (0 when the strategy has no warm-up). The
    /// backtesting.py statistics measure their Buy &amp; Hold return from this bar's close, as that library does.
    /// </summary>
    public int WarmupBars { get; init; }
    /// <summary>True on bars whose close opens a long (or reverses a short).</summary>
    public Span<bool> LongEntries => _longEntries;
    /// <summary>True on bars whose close closes a long; empty when the strategy has no exit signals.</summary>
    public Span<bool> LongExits => _longExits;
    /// <summary>True on bars whose close opens a short (or reverses a long); empty for long-only strategies.</summary>
    public Span<bool> ShortEntries => _shortEntries;
    /// <summary>True on bars whose close closes a short; empty when absent.</summary>
    public Span<bool> ShortExits => _shortExits;
    /// <summary>Stop-loss price of the entry decided on each bar (NaN elsewhere); empty when the strategy places no stops.</summary>
    public ReadOnlySpan<double> StopLoss => _stopLoss;
    /// <summary>Take-profit price of the entry decided on each bar, <c>close ± R × |close − stop|</c> (NaN elsewhere); empty
    /// when the strategy places no stops or R is 0.</summary>
    public ReadOnlySpan<double> TakeProfit => _takeProfit;
    /// <summary>Take-profit multiple R of the risk (0 = none); null when the strategy places no stops.</summary>
    public double? RewardRisk { get; }
    /// <summary>True when the strategy places its own stops (<see cref="StopLoss"/> is a column).</summary>
    public bool HasStops => RewardRisk is not null;

    /// <summary>Marks a long entry on bar <paramref name="bar"/> decided at <paramref name="close"/> with stop <paramref name="stop"/> below it.</summary>
    /// <param name="bar">The decision bar.</param>
    /// <param name="close">That bar's close.</param>
    /// <param name="stop">The stop-loss price, &lt; <paramref name="close"/> and &gt; 0.</param>
    /// <exception cref="InvalidOperationException">The signals have no stops.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The stop is not below the close or not positive.</exception>
    public void EnterLong(int bar, double close, double stop)
    {
        if (!HasStops) throw new InvalidOperationException("These signals carry no stops; set LongEntries directly.");
        if (!(stop > 0 && stop < close)) throw new ArgumentOutOfRangeException(nameof(stop), stop, $"A long's stop must be in (0, close = {close}).");
        _longEntries[bar] = true;
        _stopLoss[bar] = stop;
        if (_takeProfit.Length > 0) _takeProfit[bar] = close + RewardRisk.GetValueOrDefault() * (close - stop);
    }

    /// <summary>Marks a short entry on bar <paramref name="bar"/> decided at <paramref name="close"/> with stop <paramref name="stop"/> above it.</summary>
    /// <param name="bar">The decision bar.</param>
    /// <param name="close">That bar's close.</param>
    /// <param name="stop">The stop-loss price, &gt; <paramref name="close"/>.</param>
    /// <exception cref="InvalidOperationException">The signals have no stops or no short columns.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The stop is not above the close.</exception>
    public void EnterShort(int bar, double close, double stop)
    {
        if (!HasStops || _shortEntries.Length == 0) throw new InvalidOperationException("These signals carry no stops or no short columns.");
        if (!(stop > close && double.IsFinite(stop))) throw new ArgumentOutOfRangeException(nameof(stop), stop, $"A short's stop must be above the close {close}.");
        _shortEntries[bar] = true;
        _stopLoss[bar] = stop;
        if (_takeProfit.Length > 0) _takeProfit[bar] = close - RewardRisk.GetValueOrDefault() * (stop - close);
    }

    /// <summary>The columns as simulator input, the stops and take-profits as per-entry price columns.</summary>
    /// <param name="atr">An ATR column for volatility-target sizing or ATR-multiple exit rules (empty: none).</param>
    public SignalInputs ToInputs(ReadOnlySpan<double> atr = default) =>
        new(_longEntries, _longExits, _shortEntries, _shortExits, atr) { StopLossPrice = _stopLoss, TakeProfitPrice = _takeProfit };

    private static double[] NaNs(int count)
    {
        var values = new double[count];
        values.AsSpan().Fill(double.NaN);
        return values;
    }
}
