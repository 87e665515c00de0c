namespace VectorBacktest.Indicators.Smc;

/// <summary>
/// Which semantics an SMC indicator follows.
/// </summary>
/// <remarks>
/// <para><see cref="Causal"/> (the default) is what a strategy consumes: every output carries the bar index at
/// whose <b>close</b> it becomes known (<c>KnownAt</c>), values readable at bar <c>t</c> depend on bars
/// <c>0…t</c> only, and nothing already known at <c>t</c> changes when later bars are appended.</para>
/// <para><see cref="Reference"/> reproduces the tables of the Python package <c>smartmoneyconcepts</c> v0.0.27
/// bit for bit, including its look-ahead (values placed on the swing bar) and its end-of-data artefacts
/// (forced labels on the first and last bar). It is meant for comparison, never for trading.</para>
/// <para><b>Shape shared by the SMC indicators.</b> An indicator made of sparse events (<see cref="Swings"/>,
/// <see cref="StructureBreaks"/>) is a sealed result class holding a columnar event list in time order: the
/// event's own bar(s) (<c>Index</c>, <c>SwingIndex</c>, <c>BrokenIndex</c>, …), its <c>KnownAt</c> bar and its
/// values, as spans of length <c>Count</c>. <c>ToTable()</c> / <c>WriteTable(…)</c> give the per-bar view with
/// columns named after the reference's: placed on the event bar in reference mode (the reference table) and on
/// the <c>KnownAt</c> bar in causal mode (what a strategy reads at bar <c>t</c>). Indicators that take swings as
/// input inherit the mode of the <see cref="Swings"/> they are given. Per-bar indicators
/// (<see cref="Retracements"/>) write row <c>t</c> from bars <c>0…t</c> in causal mode.</para>
/// </remarks>
public enum SmcMode
{
    /// <summary>Look-ahead-free: outputs are stamped with, and placed on, the bar at which they become known.</summary>
    Causal = 0,

    /// <summary>Parity with <c>smartmoneyconcepts</c> v0.0.27, look-ahead and end-of-data artefacts included.</summary>
    Reference = 1,
}
