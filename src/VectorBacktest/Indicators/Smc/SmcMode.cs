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
/// </remarks>
public enum SmcMode
{
    /// <summary>Look-ahead-free: outputs are stamped with, and placed on, the bar at which they become known.</summary>
    Causal = 0,

    /// <summary>Parity with <c>smartmoneyconcepts</c> v0.0.27, look-ahead and end-of-data artefacts included.</summary>
    Reference = 1,
}
