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
    /// Exits attached to every entry, per symbol (default: none), with the single-asset book's rules (<see cref="ExitRules"/>).
    /// Stop-loss and take-profit: a fraction of the reference, an absolute price or an ATR multiple (<c>signals.Atr</c>),
    /// measured from the fill price or the decision close (<see cref="ExitRules.Reference"/>). Stop-loss, take-profit and
    /// trailing stop are checked on each of the symbol's bars from the fill bar (next-open) or the bar after (signal-close)
    /// with the run's fill model and the single-asset book's intra-bar rules (the trailing stop is tested with the extreme up
    /// to the previous bar and the bar's open, then moved by the bar's extreme); a missing bar is skipped; under signal-close
    /// timing a level reached on a bar pre-empts the symbol's signal there. The time stop counts bars of the universe's time
    /// index, missing bars included (a holding time): it is decided on bar <c>fill + N − 1</c> (next-open) or <c>fill + N</c>
    /// (signal-close) like an exit signal, when the symbol has no actionable signal there; when the symbol has no bar on that
    /// bar the stop is decided on its next bar, and while it stays unfilled (no bar at the fill, or cut by
    /// <see cref="Liquidity"/>) it is decided again on each of the symbol's following bars.
    /// </summary>
    public ExitRules Exits { get; init; }
    /// <summary>Whether stop-loss exits pay slippage (default true). Take-profit exits never do.</summary>
    public bool SlipStopExits { get; init; } = true;
    /// <summary>
    /// Liquidity caps on the fills of <c>PortfolioSimulator.FromSignals</c> (default: none): every fill — entries, exits of
    /// any reason, the closing half of a reversal — takes at most <see cref="LiquidityLimits.MaxVolumeShare"/> of its symbol's
    /// fill bar volume (rounded down to the lot step), recorded <see cref="OrderStatus.Partial"/> with the requested quantity,
    /// or <see cref="RejectReason.NoLiquidity"/> when nothing fills. The opening half of a reversal fills only once the closing
    /// half has closed the whole position (else rejected, <see cref="RejectReason.NoLiquidity"/>). The unfilled part is
    /// cancelled (a capped exit leaves the rest of the position open, its exits still attached; after the drawdown stop the rest
    /// is closed on the symbol's following bars anyway), or with
    /// <see cref="RemainderPolicy.Carry"/> worked on the symbol's following bars at their default price (open or close by the
    /// timing; carried exits before entries): an entry's remainder through the average-cost order path (capped by the free cash,
    /// the risk limits and the liquidity like any entry; exits unchanged), cancelled (<see cref="RejectReason.Cancelled"/>) when
    /// its position closes or reverses; an exit's remainder until the position is flat, replaced (cancelled) by a newer exit or
    /// reversal of the symbol; <see cref="RejectReason.EndOfData"/> when the data ends first. <see cref="LiquidityLimits.Depth"/>
    /// (one order book) is refused with an <see cref="ArgumentException"/>: a universe would need one book per symbol.
    /// <c>PortfolioSimulator.FromOrders</c> takes its caps in its <c>limits</c> argument and refuses this one.
    /// </summary>
    public LiquidityLimits Liquidity { get; init; }
    /// <summary>Exposure caps, daily loss limit, drawdown stop (default: none).</summary>
    public RiskLimits Risk { get; init; }
    /// <summary>Quantity step and minimums, applied to every symbol (default: any fractional quantity).</summary>
    public LotRules Lots { get; init; }
    /// <summary>What is recorded (default: every order and trade).</summary>
    public RecordLevel RecordLevel { get; init; } = RecordLevel.Full;

    /// <summary>
    /// Perpetual-futures leverage <c>L</c>, finite and ≥ 1 (default 1: fully funded). A position's initial margin is
    /// <c>|quantity| × entry / L</c>; free margin is the balance (isolated) or the equity (cross) minus Σ initial margin, and
    /// caps new entries and additions as a budget buying up to <c>L ×</c> itself (funding accrued and not yet settled is left
    /// out, as in the single-asset book; <see cref="PortfolioWorkspace.Cash"/> records the free margin less it); sizing fractions (<see cref="PortfolioSizing.EquityWeight"/>, Kelly) buy up to <c>L ×</c> their
    /// budget, the single-asset convention (<see cref="SimulationOptions.Leverage"/>). Liquidation by <see cref="MarginMode"/>:
    /// <see cref="MultiAsset.MarginMode.Isolated"/> liquidates each position at the single-asset book's level
    /// <c>entry × (1 − 1/L) / (1 − m)</c> (long) or <c>entry × (1 + 1/L) / (1 + m)</c> (short), computed from the position's
    /// (average) entry price and checked with the symbol's other exit levels (at L = 1 there is none);
    /// <see cref="MultiAsset.MarginMode.Cross"/> liquidates the whole account (see <see cref="MarginMode"/>).
    /// </summary>
    public double Leverage { get; init; } = 1;

    /// <summary>Maintenance margin rate <c>m</c>, a fraction of notional in [0, 1/<see cref="Leverage"/>) (default 0).</summary>
    public double MaintenanceMargin { get; init; }

    /// <summary>
    /// Isolated (default) or cross margin. Cross: before each bar's exit levels are checked (after its open fills and its
    /// funding), the account is tested against the bar's adverse prices. Every held symbol with a bar is assumed to move in
    /// proportion from its open to its adverse extreme (the low for a long, the high for a short) — the conservative path,
    /// since the order of the symbols' extremes within a bar is unknown; on it, equity minus the maintenance margin
    /// <c>balance − funding accrued + Σ q × (p − entry) − m × Σ |q| × p</c> falls linearly. When it reaches 0 at the open (a gap)
    /// or on the path, every position with a bar is closed at its price at that point (the open on a gap), as a taker with
    /// slippage when <see cref="SlipStopExits"/>, reason <see cref="ExitReason.Liquidation"/> (capped by
    /// <see cref="Liquidity"/> like any exit); a symbol without a bar there is recorded <see cref="RejectReason.MissingBar"/> and
    /// stays open, tested again on the next bar. The run then goes on with what is left (an exchange keeps the account): later
    /// entries are sized from the remaining equity. Under signal-close timing a liquidated symbol's signal of that bar is dropped,
    /// as after an exit level. Simplification: no bankruptcy price or insurance-fund fee; the equity can end below 0 after a gap.
    /// </summary>
    public MarginMode MarginMode { get; init; }

    /// <summary>Checks every value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range; the message names it.</exception>
    public void Validate()
    {
        if (!(InitialCash > 0 && double.IsFinite(InitialCash)))
            throw new ArgumentOutOfRangeException(nameof(InitialCash), InitialCash, "The initial cash must be finite and > 0.");
        if (!Enum.IsDefined(Timing)) throw new ArgumentOutOfRangeException(nameof(Timing), Timing, "Unknown fill timing.");
        if (!Enum.IsDefined(RecordLevel)) throw new ArgumentOutOfRangeException(nameof(RecordLevel), RecordLevel, "Unknown record level.");
        if (!(Leverage >= 1 && double.IsFinite(Leverage)))
            throw new ArgumentOutOfRangeException(nameof(Leverage), Leverage, "The leverage must be finite and >= 1.");
        if (!(MaintenanceMargin >= 0 && MaintenanceMargin < 1 / Leverage))
            throw new ArgumentOutOfRangeException(nameof(MaintenanceMargin), MaintenanceMargin, "The maintenance margin must be in [0, 1/Leverage).");
        if (!Enum.IsDefined(MarginMode)) throw new ArgumentOutOfRangeException(nameof(MarginMode), MarginMode, "Unknown margin mode.");
        Sizing.Validate();
        Exits.Validate();
        Risk.Validate();
        Lots.Validate();
    }
}
