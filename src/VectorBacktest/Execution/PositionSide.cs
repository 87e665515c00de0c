namespace VectorBacktest.Execution;

/// <summary>Direction of a position or trade.</summary>
public enum PositionSide : sbyte
{
    /// <summary>Short: negative quantity, profits when the price falls.</summary>
    Short = -1,
    /// <summary>No position.</summary>
    Flat = 0,
    /// <summary>Long: positive quantity, profits when the price rises.</summary>
    Long = 1,
}
