namespace VectorBacktest.Strategies;

/// <summary>The type of a <see cref="StrategyParameter"/>'s value.</summary>
public enum StrategyParameterKind : byte
{
    /// <summary>A whole number (<see cref="int"/>), e.g. a window in bars.</summary>
    Integer = 0,
    /// <summary>A real number (<see cref="double"/>), e.g. a fraction or a multiple.</summary>
    Number = 1,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean = 2,
    /// <summary>A bar duration such as <c>1h</c> (<see cref="Data.Timeframe"/>).</summary>
    Timeframe = 3,
}
