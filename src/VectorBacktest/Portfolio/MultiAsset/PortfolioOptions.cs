using VectorBacktest.Execution;

namespace VectorBacktest.Portfolio.MultiAsset;

/// <summary>Everything about a multi-asset run except the universe, the signals and the fee and slippage models.</summary>
public sealed record PortfolioOptions
{
    /// <summary>Starting cash shared by all symbols, quote currency, &gt; 0 (default 10,000).</summary>
    public double InitialCash { get; init; } = 10_000;
    /// <summary>When a decision is executed (default: the next bar's open).</summary>
    public FillTiming Timing { get; init; } = FillTiming.NextOpen;
    /// <summary>Entry size (default: equal weight 0.1 of equity).</summary>
    public PortfolioSizing Sizing { get; init; } = PortfolioSizing.EquityWeight(0.1);
    /// <summary>
    /// Stop-loss and take-profit attached to every entry, per symbol (default: none): a fraction of the reference, an absolute
    /// price or an ATR multiple (<c>signals.Atr</c>), measured from the fill price or the decision close
    /// (<see cref="ExitRules.Reference"/>). Checked on each of the symbol's bars from the fill bar (next-open) or the bar after
    /// (signal-close) with the run's fill model and the single-asset book's intra-bar rules; under signal-close timing a
    /// level reached on a bar pre-empts the symbol's signal there. Trailing and time stops are not supported here
    /// (<see cref="ArgumentException"/>).
    /// </summary>
    public ExitRules Exits { get; init; }
    /// <summary>Whether stop-loss exits pay slippage (default true). Take-profit exits never do.</summary>
    public bool SlipStopExits { get; init; } = true;
    /// <summary>Exposure caps, daily loss limit, drawdown stop (default: none).</summary>
    public RiskLimits Risk { get; init; }
    /// <summary>Quantity step and minimums, applied to every symbol (default: any fractional quantity).</summary>
    public LotRules Lots { get; init; }
    /// <summary>What is recorded (default: every order and trade).</summary>
    public RecordLevel RecordLevel { get; init; } = RecordLevel.Full;

    /// <summary>Checks every value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range; the message names it.</exception>
    /// <exception cref="ArgumentException">A trailing or time stop in <see cref="Exits"/>.</exception>
    public void Validate()
    {
        if (!(InitialCash > 0 && double.IsFinite(InitialCash)))
            throw new ArgumentOutOfRangeException(nameof(InitialCash), InitialCash, "The initial cash must be finite and > 0.");
        if (!Enum.IsDefined(Timing)) throw new ArgumentOutOfRangeException(nameof(Timing), Timing, "Unknown fill timing.");
        if (!Enum.IsDefined(RecordLevel)) throw new ArgumentOutOfRangeException(nameof(RecordLevel), RecordLevel, "Unknown record level.");
        Sizing.Validate();
        Exits.Validate();
        if (Exits.TrailingFraction > 0 || Exits.TimeStopBars > 0)
            throw new ArgumentException("Multi-asset exits are a stop-loss and a take-profit: Exits.TrailingFraction and Exits.TimeStopBars must be 0.", nameof(Exits));
        Risk.Validate();
        Lots.Validate();
    }
}
