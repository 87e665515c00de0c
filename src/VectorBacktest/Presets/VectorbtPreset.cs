using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;

namespace VectorBacktest.Presets;

/// <summary>
/// The conventions of vectorbt 0.25's <c>Portfolio.from_signals</c> (<c>shared/reference/vbt/SEMANTICS.md</c>).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A signal on bar <c>t</c> fills at bar <c>t</c>'s close; slippage moves signal fills against the trader.</item>
/// <item>All-in sizing: <c>size = (cash / (1 + fee)) / price</c>, fractional.</item>
/// <item>The fee fraction is paid on every fill.</item>
/// <item>SL/TP are fractions of the entry bar's close, checked from the next bar, the stop-loss first; a gap fills
/// at the open; stop fills pay the fee but no slippage; a stop exit pre-empts that bar's signal.</item>
/// <item>A position open at the end stays open, marked at the last close.</item>
/// </list>
/// </remarks>
public sealed class VectorbtPreset : ExecutionPreset
{
    /// <summary>The name <see cref="ExecutionPreset.Create"/> accepts.</summary>
    public const string PresetName = "vectorbt";

    private readonly FractionFee _fee;
    private readonly FixedFractionSlippage _slippage;

    /// <summary>Creates the preset.</summary>
    /// <param name="cash">Starting cash (<c>init_cash</c>), &gt; 0.</param>
    /// <param name="fees">Fee fraction per fill (<c>fees</c>), &gt;= 0.</param>
    /// <param name="slippage">Slippage fraction of signal fills (<c>slippage</c>), in [0, 1).</param>
    /// <param name="stopLoss">Stop-loss fraction (<c>sl_stop</c>; 0 = none).</param>
    /// <param name="takeProfit">Take-profit fraction (<c>tp_stop</c>; 0 = none).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range.</exception>
    public VectorbtPreset(double cash, double fees, double slippage = 0, double stopLoss = 0, double takeProfit = 0)
    {
        _fee = new FractionFee(fees);
        _slippage = new FixedFractionSlippage(slippage);
        Options = new SimulationOptions
        {
            InitialCash = cash,
            Timing = FillTiming.SignalClose,
            Sizing = OrderSizing.AllCash,
            Exits = FractionExits(stopLoss, takeProfit),
            EndOfData = EndOfData.KeepOpen,
            SlipStopExits = false,
        };
        Options.Validate();
    }

    /// <inheritdoc/>
    public override string Name => PresetName;

    /// <inheritdoc/>
    public override SimulationOptions Options { get; }

    /// <inheritdoc/>
    public override SimulationSummary Run(BarSeries bars, SignalInputs signals, SimulationWorkspace workspace) =>
        SignalSimulator.FromSignals(bars, signals, Options, default(PessimisticFillModel), _fee, _slippage, workspace);
}
