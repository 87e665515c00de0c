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
    /// <summary>Exposure caps, daily loss limit, drawdown stop (default: none).</summary>
    public RiskLimits Risk { get; init; }
    /// <summary>Quantity step and minimums, applied to every symbol (default: any fractional quantity).</summary>
    public LotRules Lots { get; init; }
    /// <summary>What is recorded (default: every order and trade).</summary>
    public RecordLevel RecordLevel { get; init; } = RecordLevel.Full;

    /// <summary>Checks every value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range; the message names it.</exception>
    public void Validate()
    {
        if (!(InitialCash > 0 && double.IsFinite(InitialCash)))
            throw new ArgumentOutOfRangeException(nameof(InitialCash), InitialCash, "The initial cash must be finite and > 0.");
        if (!Enum.IsDefined(Timing)) throw new ArgumentOutOfRangeException(nameof(Timing), Timing, "Unknown fill timing.");
        if (!Enum.IsDefined(RecordLevel)) throw new ArgumentOutOfRangeException(nameof(RecordLevel), RecordLevel, "Unknown record level.");
        Sizing.Validate();
        Risk.Validate();
        Lots.Validate();
    }
}
