namespace VectorBacktest.Analysis;

/// <summary>Per-bar returns from an equity (portfolio value) curve, written into caller-owned spans.</summary>
public static class Returns
{
    /// <summary>
    /// Simple returns <c>(e[t] − e[t−1]) / e[t−1]</c> for t = 1 … n−1: <paramref name="destination"/>[t−1] holds the
    /// return earned over bar t. A zero previous value gives ±infinity or NaN (IEEE division), as empyrical does.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not <c>equity.Length − 1</c> long
    /// (or 0 long for an empty curve).</exception>
    public static void Simple(ReadOnlySpan<double> equity, Span<double> destination)
    {
        int expected = Math.Max(equity.Length - 1, 0);
        if (destination.Length != expected) AnalysisThrow.LengthMismatch(nameof(destination), expected, destination.Length);
        for (int t = 1; t < equity.Length; t++) destination[t - 1] = (equity[t] - equity[t - 1]) / equity[t - 1];
    }

    /// <summary>
    /// Simple returns with the first bar measured against <paramref name="initialCapital"/> (empyrical's and
    /// vectorbt's rule when the initial capital is known): <paramref name="destination"/>[t] is the return of bar
    /// t, t = 0 … n−1.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not as long as <paramref name="equity"/>.</exception>
    public static void Simple(ReadOnlySpan<double> equity, double initialCapital, Span<double> destination)
    {
        if (destination.Length != equity.Length) AnalysisThrow.LengthMismatch(nameof(destination), equity.Length, destination.Length);
        double previous = initialCapital;
        for (int t = 0; t < equity.Length; t++)
        {
            destination[t] = (equity[t] - previous) / previous;
            previous = equity[t];
        }
    }

    /// <summary>Log returns <c>ln(e[t] / e[t−1])</c> for t = 1 … n−1 (destination[t−1]).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not <c>equity.Length − 1</c> long.</exception>
    public static void Log(ReadOnlySpan<double> equity, Span<double> destination)
    {
        int expected = Math.Max(equity.Length - 1, 0);
        if (destination.Length != expected) AnalysisThrow.LengthMismatch(nameof(destination), expected, destination.Length);
        for (int t = 1; t < equity.Length; t++) destination[t - 1] = Math.Log(equity[t] / equity[t - 1]);
    }
}
