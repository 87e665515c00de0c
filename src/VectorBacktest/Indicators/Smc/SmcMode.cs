namespace VectorBacktest.Indicators.Smc;

/// <summary>How an SMC indicator places its values.</summary>
public enum SmcMode
{
    /// <summary>
    /// The default: every value appears only from its KnownAt bar on, so what a strategy reads at bar t depends
    /// only on bars 0..t (no look-ahead, no repaint).
    /// </summary>
    Causal,

    /// <summary>
    /// Reproduces the tables of the Python package smartmoneyconcepts (v0.0.27) bit for bit, including values
    /// placed before the bar at which they become known. For comparison only; not for strategies.
    /// </summary>
    Reference,
}
