namespace VectorBacktest.Indicators.Smc;

/// <summary>
/// Columns of <see cref="Sessions"/>, one row per bar, named after the reference's columns (<c>Active</c>,
/// <c>High</c>, <c>Low</c>).
/// </summary>
/// <remarks>
/// <c>Active</c> in row t is known at the OPEN of bar t (it depends only on the bar's timestamp); <c>High</c> and
/// <c>Low</c> at its CLOSE (they include bar t). Causal mode: NaN on inactive rows. Reference mode: 0 on inactive
/// rows and float32-rounded values (stored as doubles exactly representable as float32).
/// </remarks>
public sealed class SessionsResult
{
    /// <summary>Wraps the given columns (not copied); all must have the same length.</summary>
    /// <exception cref="ArgumentException">The columns differ in length.</exception>
    public SessionsResult(int[] active, double[] high, double[] low)
    {
        ArgumentNullException.ThrowIfNull(active);
        if (high.Length != active.Length || low.Length != active.Length)
            throw new ArgumentException("All columns must have the same length.", nameof(high));
        Active = active;
        High = high;
        Low = low;
    }

    /// <summary>Number of rows (bars).</summary>
    public int Length => Active.Length;

    /// <summary>1 when the bar lies in the session, else 0.</summary>
    public int[] Active { get; }

    /// <summary>Highest high of the session so far, including this bar, in price units.</summary>
    public double[] High { get; }

    /// <summary>Lowest low of the session so far, including this bar, in price units.</summary>
    public double[] Low { get; }
}
