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
    /// Liquidity caps on the fills of the signal drivers (default: none; not with a funding-rate column). An entry fills at
    /// most <see cref="LiquidityLimits.MaxVolumeShare"/> of its fill bar's volume and, with <see cref="LiquidityLimits.Depth"/>,
    /// walks the book (fill price = the average of the levels taken, no slippage; a limit entry stops at its limit; a walk
    /// dearer than the sizing price is cut to the cash). The fill is recorded <see cref="OrderStatus.Partial"/> with the
    /// requested quantity (nothing fillable: <see cref="RejectReason.NoLiquidity"/>); the attached exits are resolved from
    /// its fill price and apply to the quantity held. The unfilled part is cancelled, or with <see cref="RemainderPolicy.Carry"/>
    /// (leverage 1) added to the position on the following bars at their default price (open or close by the timing;
    /// average cost, exit levels unchanged) until filled, cancelled (<see cref="RejectReason.Cancelled"/>) when the position
    /// closes, reverses, is added to or starts an exit, or <see cref="RejectReason.EndOfData"/>.
    /// <para>Exits are capped the same way (signal exits, the closing half of a reversal, stop-loss, take-profit, trailing
    /// and time stops, the drawdown halt): the filled part is a <see cref="OrderStatus.Partial"/> order with a trade for that
    /// quantity at average cost. A liquidation is not capped (the exchange closes the whole position), nor is the
    /// end-of-data close (<see cref="EndOfData"/>). Under <see cref="RemainderPolicy.Cancel"/> the rest of the position stays
    /// open with its exits attached (nothing fillable: <see cref="RejectReason.NoLiquidity"/>) until a later exit signal or
    /// level closes it; the opening half of a reversal whose close was cut is rejected (<see cref="RejectReason.NoLiquidity"/>).
    /// Under <see cref="RemainderPolicy.Carry"/> the rest is sold (bought) on each following bar at its default price, capped
    /// again, until flat, or <see cref="RejectReason.EndOfData"/>; meanwhile the exit levels are not checked (the position is
    /// already being closed as fast as the bars allow) and signals are ignored, except a reversal, whose new side opens at
    /// the fill that makes the position flat (a working entry order likewise waits until flat). Each order has the whole
    /// cap of its bar (two orders on one bar are not netted). With liquidity limits <c>SignalSimulator.FromSignals</c>
    /// walks every bar (through the event-driven loop). <c>OrderSimulator.FromOrders</c> uses this value when its
    /// <c>limits</c> argument is default.</para>
    /// </summary>
    public LiquidityLimits Liquidity { get; init; }

    /// <summary>
    /// Pyramiding (vectorbt's <c>accumulate="addonly"</c>; default false): an entry signal on the side already held adds to the
    /// position, sized by <see cref="Sizing"/> as any entry (cash-based rules spend the free cash, i.e. the balance less the
    /// cost of the position held; none left: <see cref="RejectReason.InsufficientFunds"/>), through the fees, lot rules, <see cref="Risk"/> caps (which count the quantity held) and
    /// <see cref="Liquidity"/> caps; the entry price becomes the average cost. An exit closes the whole position (vectorbt's
    /// <c>accumulate=True</c> would reduce it by the entry size instead). The exits attached to the first entry (stop-loss,
    /// take-profit, trailing anchor, time stop) stay as they were: they protect the position as planned when it was opened
    /// (the same rule as a carried entry remainder), so adding never loosens or delays them. An add decided on the bar the
    /// time stop fires is dropped. Needs market entries, leverage 1 and no funding-rate column.
    /// </summary>
    public bool Accumulate { get; init; }

    /// <summary>With <see cref="Accumulate"/>, the most adds to one position (the first entry not counted), ≥ 1 (default:
    /// no limit). Entry signals past it are ignored, as without <see cref="Accumulate"/>.</summary>
    public int MaxAdds { get; init; } = int.MaxValue;

    /// <summary>What is recorded (default: every order and trade).</summary>
    public RecordLevel RecordLevel { get; init; } = RecordLevel.Full;

    /// <summary>Checks every value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range; the message names it.</exception>
    /// <exception cref="ArgumentException"><see cref="Accumulate"/> with a non-market entry or leverage.</exception>
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
        if (MaxAdds < 1) throw new ArgumentOutOfRangeException(nameof(MaxAdds), MaxAdds, "The most adds to one position must be >= 1.");
        if (Accumulate && (Entry.Type != OrderType.Market || Leverage != 1))
            throw new ArgumentException("Accumulate needs market entries (Entry) and Leverage 1.", nameof(Accumulate));
    }
}
