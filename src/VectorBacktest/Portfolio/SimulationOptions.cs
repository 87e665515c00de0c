using VectorBacktest.Execution;

namespace VectorBacktest.Portfolio;

/// <summary>
/// Everything about a single-asset simulation except the bars, the signals and the three pluggable models (fill,
/// fee, slippage), which are passed as <c>struct</c> generic arguments. Presets (<see cref="Presets.ExecutionPreset"/>)
/// bundle options with models.
/// </summary>
public sealed record SimulationOptions
{
    /// <summary>Starting cash in quote currency, &gt; 0 (default 10,000).</summary>
    public double InitialCash { get; init; } = 10_000;

    /// <summary>When a decision is executed (default: the next bar's open).</summary>
    public FillTiming Timing { get; init; } = FillTiming.NextOpen;

    /// <summary>Entry size (default: all free cash, fees included).</summary>
    public OrderSizing Sizing { get; init; } = OrderSizing.AllCash;

    /// <summary>The order an entry decision places (default: market).</summary>
    public EntryOrder Entry { get; init; }

    /// <summary>Exits attached to every entry (default: none).</summary>
    public ExitRules Exits { get; init; }

    /// <summary>Quantity step and minimums (default: any fractional quantity).</summary>
    public LotRules Lots { get; init; }

    /// <summary>What happens to a position open after the last bar (default: kept open, marked at the last close).</summary>
    public EndOfData EndOfData { get; init; } = EndOfData.KeepOpen;

    /// <summary>Whether stop-loss and trailing-stop exits (taker fills) pay slippage (default true; vectorbt: false).
    /// Take-profit exits, resting limit orders, never do.</summary>
    public bool SlipStopExits { get; init; } = true;

    /// <summary>
    /// Notional per unit of margin, ≥ 1 (default 1: fully funded, no liquidation). Above 1 the position is an isolated-margin
    /// perpetual-futures position: sizing fractions buy up to <c>Leverage ×</c> their budget, and the position is liquidated
    /// (closed as a taker at the level, or at the open on a gap, reason <see cref="ExitReason.Liquidation"/>) when the price
    /// reaches <c>entry × (1 − 1/L) / (1 − m)</c> for a long or <c>entry × (1 + 1/L) / (1 + m)</c> for a short, where the
    /// position's margin plus its loss falls to the maintenance margin <c>m × notional</c>. Simplification: the close is at
    /// the liquidation price itself, not the exchange's bankruptcy price, and no insurance-fund fee is charged.
    /// </summary>
    public double Leverage { get; init; } = 1;

    /// <summary>Maintenance margin rate <c>m</c>, a fraction of notional in [0, 1/Leverage) (Binance's lowest USDⓈ-M tier: 0.004).
    /// Only used when <see cref="Leverage"/> &gt; 1.</summary>
    public double MaintenanceMargin { get; init; }

    /// <summary>
    /// Risk controls (default: none), with the multi-asset semantics applied to the one position. Entries are cut to the
    /// tightest of <see cref="MultiAsset.RiskLimits.MaxPositionQuantity"/> and the exposure caps (<c>|quantity × price| ≤
    /// cap × equity</c> at the fill; with one asset <see cref="MultiAsset.RiskLimits.MaxAssetExposure"/> and
    /// <see cref="MultiAsset.RiskLimits.MaxTotalExposure"/> are the same leverage cap, binding above 1 only with
    /// <see cref="Leverage"/>), recorded <see cref="OrderStatus.Partial"/> with the requested quantity, or rejected with the
    /// cap's reason when nothing is left; attached exits apply to the filled quantity. The daily loss limit (UTC day) and
    /// the drawdown stop mark equity at every close (<c>SignalSimulator.FromSignals</c> then walks every bar, like the
    /// event-driven driver): the drawdown stop closes the position at the next fill (the next bar's open, or this bar's
    /// close under signal-close timing; <see cref="ExitReason.DrawdownHalt"/>) and rejects every later entry.
    /// </summary>
    public MultiAsset.RiskLimits Risk { get; init; }

    /// <summary>
    /// Liquidity caps on entries of the signal drivers (default: none): an entry fills at most
    /// <see cref="LiquidityLimits.MaxVolumeShare"/> of its fill bar's volume and, with <see cref="LiquidityLimits.Depth"/>, walks
    /// the book (fill price = the average of the levels taken, no slippage; a limit entry stops at its limit; a walk dearer than
    /// the sizing price is cut to the cash). The fill is recorded <see cref="OrderStatus.Partial"/> with the requested
    /// quantity (nothing fillable: <see cref="RejectReason.NoLiquidity"/>); the attached exits are resolved from its fill
    /// price and apply to the quantity held. The unfilled part is cancelled, or with <see cref="RemainderPolicy.Carry"/>
    /// (leverage 1, no funding) added to the position on the following bars at their default price (open or close by the
    /// timing; average cost, exit levels unchanged) until filled, cancelled (<see cref="RejectReason.Cancelled"/>) when the
    /// position closes or reverses, or <see cref="RejectReason.EndOfData"/>; <c>SignalSimulator.FromSignals</c> then walks
    /// every bar. Exits are not capped (they close the whole position). <c>OrderSimulator.FromOrders</c> uses this value
    /// when its <c>limits</c> argument is default.
    /// </summary>
    public LiquidityLimits Liquidity { get; init; }

    /// <summary>What is recorded (default: every order and trade).</summary>
    public RecordLevel RecordLevel { get; init; } = RecordLevel.Full;

    /// <summary>Checks every value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range; the message names it.</exception>
    public void Validate()
    {
        if (!(InitialCash > 0 && double.IsFinite(InitialCash)))
            throw new ArgumentOutOfRangeException(nameof(InitialCash), InitialCash, "The initial cash must be finite and > 0.");
        if (!Enum.IsDefined(Timing)) throw new ArgumentOutOfRangeException(nameof(Timing), Timing, "Unknown fill timing.");
        if (!Enum.IsDefined(EndOfData)) throw new ArgumentOutOfRangeException(nameof(EndOfData), EndOfData, "Unknown end-of-data policy.");
        if (!Enum.IsDefined(RecordLevel)) throw new ArgumentOutOfRangeException(nameof(RecordLevel), RecordLevel, "Unknown record level.");
        if (!(Leverage >= 1 && double.IsFinite(Leverage)))
            throw new ArgumentOutOfRangeException(nameof(Leverage), Leverage, "The leverage must be finite and >= 1.");
        if (!(MaintenanceMargin >= 0 && MaintenanceMargin < 1 / Leverage))
            throw new ArgumentOutOfRangeException(nameof(MaintenanceMargin), MaintenanceMargin, "The maintenance margin must be in [0, 1/Leverage).");
        Entry.Validated();
        Sizing.Validate();
        Exits.Validate();
        Lots.Validate();
        Risk.Validate();
    }
}
