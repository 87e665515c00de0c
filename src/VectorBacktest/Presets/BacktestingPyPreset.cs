using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;

namespace VectorBacktest.Presets;

/// <summary>
/// The conventions of backtesting.py 0.6.6 (<c>shared/reference/btpy/SEMANTICS.md</c>) for a strategy that, on a
/// signal, closes its position and places a default-size market order, optionally with fractional SL/TP.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A decision on bar <c>t</c>'s close fills at bar <c>t + 1</c>'s open; a reversal closes first, then sizes the
/// new entry from the freed cash.</item>
/// <item>Size: the default <c>1 − 2⁻⁵²</c> of equity, fee included, rounded down to whole units.</item>
/// <item>Commission <c>rate × |size| × price</c> on both sides; the spread is paid once, on entry.</item>
/// <item>SL/TP are fractions of the <b>signal bar's close</b>; checked from the entry bar (after its open fill);
/// a gap fills at the open; the stop-loss wins when both are inside one bar.</item>
/// <item><c>finalize_trades=True</c>: a position left open is closed at the last bar's open, after that bar's
/// SL/TP check.</item>
/// </list>
/// Known difference: backtesting.py would still fill an entry decided on the very last bar (in its finalize pass) and
/// leave it open; here it is recorded as rejected (<see cref="RejectReason.EndOfData"/>). With a spread, the size budgets
/// the fee on the spread-adjusted price (backtesting.py: on the unadjusted one), which can change a size by one unit at
/// a rounding boundary. Only margin 1 (no leverage) and <c>hedging=False</c> are modelled. All five shared goldens are
/// reproduced bit for bit (trades and per-bar equity).
/// </remarks>
public sealed class BacktestingPyPreset : ExecutionPreset
{
    /// <summary>The name <see cref="ExecutionPreset.Create"/> accepts.</summary>
    public const string PresetName = "backtesting.py";

    /// <summary>backtesting.py's default order size: <c>1 − 2⁻⁵²</c> of the available margin.</summary>
    public const double DefaultSizeFraction = 1.0 - 1.0 / (1L << 52);

    private readonly FractionFee _fee;
    private readonly EntrySpreadSlippage _spread;

    /// <summary>Creates the preset.</summary>
    /// <param name="cash">Starting cash (<c>Backtest(cash=)</c>), &gt; 0.</param>
    /// <param name="commission">Commission rate (<c>Backtest(commission=)</c>), &gt;= 0.</param>
    /// <param name="spread">Spread (<c>Backtest(spread=)</c>), in [0, 1).</param>
    /// <param name="stopLoss">Stop-loss as a fraction of the signal close (0 = none).</param>
    /// <param name="takeProfit">Take-profit as a fraction of the signal close (0 = none).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range.</exception>
    public BacktestingPyPreset(double cash, double commission, double spread = 0, double stopLoss = 0, double takeProfit = 0)
    {
        _fee = new FractionFee(commission);
        _spread = new EntrySpreadSlippage(spread);
        Options = new SimulationOptions
        {
            InitialCash = cash,
            Timing = FillTiming.NextOpen,
            Sizing = OrderSizing.EquityFraction(DefaultSizeFraction),
            Lots = LotRules.WholeUnits,
            Exits = FractionExits(stopLoss, takeProfit),
            EndOfData = EndOfData.CloseAtLastOpen,
        };
        Options.Validate();
    }

    /// <inheritdoc/>
    public override string Name => PresetName;

    /// <inheritdoc/>
    public override SimulationOptions Options { get; }

    /// <inheritdoc/>
    public override SimulationSummary Run(BarSeries bars, SignalInputs signals, SimulationWorkspace workspace) =>
        SignalSimulator.FromSignals(bars, signals, Options, default(PessimisticFillModel), _fee, _spread, workspace);
}
