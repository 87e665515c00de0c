using System.Text.Json.Serialization;
using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;
using VectorBacktest.Presets;

namespace VectorBacktest.Results;

/// <summary>
/// The execution side of a run as plain, serializable values (what a JSON config file and the result's
/// <see cref="RunDescription"/> hold): an optional preset, cash, costs, timing, sizing, attached exits, accumulation, leverage,
/// liquidity caps and risk limits. It resolves
/// to <see cref="SimulationOptions"/> plus fill, fee and slippage models and runs <see cref="SignalSimulator"/>.
/// </summary>
/// <remarks>
/// <para>Without a <see cref="Preset"/> the library defaults apply: next-open fills, all free cash per entry,
/// <see cref="FractionFee"/> of <see cref="Fees"/> and <see cref="FixedFractionSlippage"/> of <see cref="Slippage"/> on
/// every fill, positions kept open at the end. With a preset its conventions apply (<see cref="BacktestingPyPreset"/>:
/// <see cref="Slippage"/> is the spread paid on entry; <see cref="VectorbtPreset"/>: signal-close fills, stop exits not
/// slipped), and every nullable field that is set overrides the preset's value.</para>
/// <para>Fractional stops (<see cref="StopLoss"/>, <see cref="TakeProfit"/>) are measured from the fill price by
/// default and from the signal close under a preset (as the preset's engine does). A strategy that places its own
/// stops (e.g. beyond an order block) gives them per entry (<see cref="SignalInputs.StopLossPrice"/>,
/// <see cref="SignalInputs.TakeProfitPrice"/>); they take precedence over these for the entries that carry them, and
/// <c>risk-fraction</c> sizing sizes from them.</para>
/// </remarks>
public sealed record ExecutionSettings
{
    /// <summary>Execution preset: <c>backtesting.py</c> (alias <c>btpy</c>, <c>backtesting-py</c>), <c>vectorbt</c>
    /// (alias <c>vbt</c>), or null for the library defaults.</summary>
    public string? Preset { get; init; }

    /// <summary>Starting cash in quote currency, finite and &gt; 0 (default 10,000).</summary>
    public double InitialCash { get; init; } = 10_000;

    /// <summary>Fee as a fraction of notional on every fill, in [0, 1) (default 0.001 = 0.1 %, Binance spot's taker fee
    /// without discounts: a backtest without costs flatters every strategy, so costs are on unless switched off).</summary>
    public double Fees { get; init; } = DefaultFees;

    /// <summary>Slippage as a fraction of the price, in [0, 1) (backtesting.py preset: the spread, paid on entry; default
    /// 0.0002 = 2 basis points, a typical BTC spot spread plus impact for a small order).</summary>
    public double Slippage { get; init; } = DefaultSlippage;

    /// <summary>Default of <see cref="Fees"/>.</summary>
    public const double DefaultFees = 0.001;

    /// <summary>Default of <see cref="Slippage"/>.</summary>
    public const double DefaultSlippage = 0.0002;

    /// <summary>When a decision fills; null: the preset's, else next open.</summary>
    public FillTiming? Timing { get; init; }

    /// <summary>How entries are sized (quantity, notional, equity-, cash- or risk-fraction); null: the preset's, else all free
    /// cash. <see cref="SizingValue"/> gives the amount.</summary>
    public SizingKind? Sizing { get; init; }

    /// <summary>The quantity, notional or fraction for <see cref="Sizing"/> (null: 1, i.e. all of it for the fraction kinds).</summary>
    public double? SizingValue { get; init; }

    /// <summary>Stop-loss as a fraction of the reference price, in [0, 1) (0 = none; default 0).</summary>
    public double StopLoss { get; init; }

    /// <summary>Take-profit as a fraction of the reference price, finite and ≥ 0 (0 = none; default 0).</summary>
    public double TakeProfit { get; init; }

    /// <summary>Trailing stop as a fraction of the best price since entry, in [0, 1) (0 = none; default 0).</summary>
    public double TrailingStop { get; init; }

    /// <summary>Bars to hold before a forced exit, ≥ 0 (0 = none; default 0).</summary>
    public int TimeStopBars { get; init; }

    /// <summary>Which exit level fills first when two are inside one bar; null: pessimistic.</summary>
    public FillModelKind? FillModel { get; init; }

    /// <summary>What happens to a position open after the last bar; null: the preset's, else kept open.</summary>
    public EndOfData? EndOfData { get; init; }

    /// <summary>Add to a held position on each further entry signal of its side (vectorbt's <c>accumulate="addonly"</c>;
    /// <see cref="SimulationOptions.Accumulate"/>; default false).</summary>
    public bool Accumulate { get; init; }

    /// <summary>Most adds per position with <see cref="Accumulate"/>, ≥ 0 (0 = no limit; default 0).</summary>
    public int MaxAdds { get; init; }

    /// <summary>Notional per unit of margin, finite and ≥ 1 (default 1: fully funded; above 1 an isolated-margin perpetual position,
    /// see <see cref="SimulationOptions.Leverage"/>).</summary>
    public double Leverage { get; init; } = 1;

    /// <summary>Maintenance margin rate in [0, 1/<see cref="Leverage"/>) (default 0; Binance's lowest USDⓈ-M tier is 0.004).</summary>
    public double MaintenanceMargin { get; init; }

    /// <summary>Largest share of a bar's volume one fill may take, in [0, 1] (0 = no cap; default 0); see
    /// <see cref="SimulationOptions.Liquidity"/>.</summary>
    public double MaxVolumeShare { get; init; }

    /// <summary>What happens to the part of a fill cut by <see cref="MaxVolumeShare"/>: cancelled (default) or carried to the
    /// following bars.</summary>
    public RemainderPolicy Remainder { get; init; }

    /// <summary>Drawdown from the equity peak, in [0, 1), at which the position is closed and trading halts (0 = none; default 0);
    /// see <see cref="Portfolio.MultiAsset.RiskLimits.MaxDrawdown"/>.</summary>
    public double MaxDrawdown { get; init; }

    /// <summary>Loss within one UTC day, in [0, 1), after which entries are rejected for the rest of the day (0 = none; default 0).</summary>
    public double DailyLossLimit { get; init; }

    /// <summary>The preset's canonical name (<see cref="ExecutionPreset.Names"/>), or null without a preset.</summary>
    /// <exception cref="ArgumentException">An unknown preset name (the message lists the known ones).</exception>
    [JsonIgnore]
    public string? PresetName => Preset is null ? null : Canonical(Preset);

    /// <summary>Checks every value and resolves the simulation options.</summary>
    /// <param name="strategyExits">Exits the strategy attaches itself (e.g. a stop beyond an order block), or null.</param>
    /// <returns>The options a run uses.</returns>
    /// <exception cref="ArgumentException">An unknown preset; fractional stops combined with <paramref name="strategyExits"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range (the message names it).</exception>
    public SimulationOptions ToOptions(ExitRules? strategyExits = null)
    {
        if (!(InitialCash > 0 && double.IsFinite(InitialCash)))
            throw new ArgumentOutOfRangeException(nameof(InitialCash), InitialCash, "The initial cash must be finite and > 0.");
        Fraction(Fees, nameof(Fees));
        Fraction(Slippage, nameof(Slippage));
        Fraction(StopLoss, nameof(StopLoss));
        Fraction(TrailingStop, nameof(TrailingStop));
        if (!(TakeProfit >= 0 && double.IsFinite(TakeProfit)))
            throw new ArgumentOutOfRangeException(nameof(TakeProfit), TakeProfit, "The take-profit fraction must be finite and >= 0 (0 = none).");
        if (TimeStopBars < 0) throw new ArgumentOutOfRangeException(nameof(TimeStopBars), TimeStopBars, "The time stop must be >= 0 bars (0 = none).");
        if (MaxAdds < 0) throw new ArgumentOutOfRangeException(nameof(MaxAdds), MaxAdds, "MaxAdds must be >= 0 (0 = no limit).");
        Fraction(MaxDrawdown, nameof(MaxDrawdown));
        Fraction(DailyLossLimit, nameof(DailyLossLimit));
        if (!(MaxVolumeShare >= 0 && MaxVolumeShare <= 1))
            throw new ArgumentOutOfRangeException(nameof(MaxVolumeShare), MaxVolumeShare, "MaxVolumeShare must be in [0, 1] (0 = no cap).");
        if (!Enum.IsDefined(Remainder)) throw new ArgumentOutOfRangeException(nameof(Remainder), Remainder, "Unknown remainder policy.");
        if (FillModel is { } f && !Enum.IsDefined(f)) throw new ArgumentOutOfRangeException(nameof(FillModel), f, "Unknown fill model.");
        if (strategyExits is not null && (StopLoss > 0 || TakeProfit > 0))
            throw new ArgumentException("The strategy places its own stop-loss and take-profit; remove the stopLoss/takeProfit execution settings " +
                "(a trailing stop or a time stop may still be added).", nameof(StopLoss));

        var preset = Preset is null ? null : ResolvePreset(Preset);
        var options = preset?.Options ?? new SimulationOptions();
        var reference = preset is null ? StopReference.FillPrice : StopReference.SignalClose;
        var exits = strategyExits ?? new ExitRules
        {
            StopLoss = StopLoss > 0 ? ExitLevel.Fraction(StopLoss) : ExitLevel.None,
            TakeProfit = TakeProfit > 0 ? ExitLevel.Fraction(TakeProfit) : ExitLevel.None,
            Reference = reference,
        };
        options = options with
        {
            InitialCash = InitialCash,
            Timing = Timing ?? options.Timing,
            Sizing = Sizing is { } kind ? MakeSizing(kind, SizingValue ?? 1.0) : options.Sizing,
            Exits = exits with { TrailingFraction = TrailingStop, TimeStopBars = TimeStopBars },
            EndOfData = EndOfData ?? options.EndOfData,
            Accumulate = Accumulate,
            MaxAdds = MaxAdds > 0 ? MaxAdds : int.MaxValue,
            Leverage = Leverage,
            MaintenanceMargin = MaintenanceMargin,
            Liquidity = MaxVolumeShare > 0 ? new LiquidityLimits { MaxVolumeShare = MaxVolumeShare, Remainder = Remainder } : default,
            Risk = options.Risk with { MaxDrawdown = MaxDrawdown, DailyLossLimit = DailyLossLimit },
        };
        options.Validate();
        return options;
    }

    /// <summary>Runs the vectorized simulation with these settings.</summary>
    /// <param name="bars">The bars.</param>
    /// <param name="signals">The signal columns (with the strategy's per-entry stop-loss and take-profit prices when it
    /// places its own).</param>
    /// <param name="workspace">Receives the orders and trades.</param>
    /// <param name="strategyExits">Exits the strategy attaches itself, or null.</param>
    /// <returns>The run's summary.</returns>
    /// <exception cref="ArgumentException">Bad settings (see <see cref="ToOptions"/>) or bad input, as for
    /// <see cref="SignalSimulator.FromSignals{TFill, TFee, TSlippage}"/> (e.g. risk-fraction sizing of an entry without a
    /// stop-loss).</exception>
    public SimulationSummary Run(BarSeries bars, SignalInputs signals, SimulationWorkspace workspace, ExitRules? strategyExits = null)
    {
        var options = ToOptions(strategyExits);
        var fee = new FractionFee(Fees);
        bool spread = PresetName == BacktestingPyPreset.PresetName;
        return (FillModel ?? FillModelKind.Pessimistic, spread) switch
        {
            (FillModelKind.Optimistic, false) => SignalSimulator.FromSignals(bars, signals, options, default(OptimisticFillModel), fee, new FixedFractionSlippage(Slippage), workspace),
            (FillModelKind.Optimistic, true) => SignalSimulator.FromSignals(bars, signals, options, default(OptimisticFillModel), fee, new EntrySpreadSlippage(Slippage), workspace),
            (FillModelKind.IntraBarPath, false) => SignalSimulator.FromSignals(bars, signals, options, default(IntraBarPathFillModel), fee, new FixedFractionSlippage(Slippage), workspace),
            (FillModelKind.IntraBarPath, true) => SignalSimulator.FromSignals(bars, signals, options, default(IntraBarPathFillModel), fee, new EntrySpreadSlippage(Slippage), workspace),
            (_, false) => SignalSimulator.FromSignals(bars, signals, options, default(PessimisticFillModel), fee, new FixedFractionSlippage(Slippage), workspace),
            (_, true) => SignalSimulator.FromSignals(bars, signals, options, default(PessimisticFillModel), fee, new EntrySpreadSlippage(Slippage), workspace),
        };
    }

    // The preset only contributes its options; Run rebuilds its models (the same types) with these settings' costs.
    private ExecutionPreset ResolvePreset(string name) =>
        ExecutionPreset.Create(Canonical(name), InitialCash > 0 && double.IsFinite(InitialCash) ? InitialCash : 1.0);

    private static string Canonical(string name) => name.Trim().ToLowerInvariant() switch
    {
        "backtesting-py" or "backtesting.py" or "backtestingpy" or "btpy" => BacktestingPyPreset.PresetName,
        "vectorbt" or "vbt" => VectorbtPreset.PresetName,
        _ => throw new ArgumentException(
            $"Unknown execution preset '{name}'. Known presets: backtesting-py (alias backtesting.py, btpy), vectorbt (alias vbt).", nameof(Preset)),
    };

    private static OrderSizing MakeSizing(SizingKind kind, double value) => kind switch
    {
        SizingKind.Quantity => OrderSizing.Quantity(value),
        SizingKind.Notional => OrderSizing.Notional(value),
        SizingKind.EquityFraction => OrderSizing.EquityFraction(value),
        SizingKind.CashFraction => OrderSizing.CashFraction(value),
        SizingKind.RiskFraction => OrderSizing.RiskFraction(value),
        _ => throw new ArgumentOutOfRangeException(nameof(Sizing), kind,
            "Execution settings support the sizing kinds quantity, notional, equity-fraction, cash-fraction and risk-fraction."),
    };

    private static void Fraction(double value, string name)
    {
        if (!(value >= 0 && value < 1)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be a fraction in [0, 1).");
    }
}
