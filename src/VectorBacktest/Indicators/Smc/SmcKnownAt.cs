namespace VectorBacktest.Indicators.Smc;

/// <summary>Conventions for the <c>KnownAt</c> bar indices of SMC outputs.</summary>
public static class SmcKnownAt
{
    /// <summary>
    /// <c>KnownAt</c> of a value that no finite amount of data settles (only in <see cref="SmcMode.Reference"/>
    /// output, e.g. the artificial swing on the last bar): <see cref="int.MaxValue"/>.
    /// </summary>
    public const int Never = int.MaxValue;
}
