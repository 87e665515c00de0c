namespace VectorBacktest.Execution;

/// <summary>How an <see cref="ExitLevel"/>'s value is read.</summary>
public enum ExitLevelKind : byte
{
    /// <summary>No level.</summary>
    None = 0,
    /// <summary>A fraction of the reference price: 0.02 = 2 % away from it.</summary>
    Fraction = 1,
    /// <summary>An absolute price in quote currency.</summary>
    Price = 2,
    /// <summary>A multiple of the ATR column's value on the decision bar.</summary>
    AtrMultiple = 3,
}
