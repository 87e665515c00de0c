namespace VectorBacktest.Execution.FillModels;

/// <summary>
/// Decides which of two exit levels a bar reaches first when its range contains both. Implement it on a
/// <c>struct</c>: the simulators take it as a generic argument, so the call is inlined and never virtual.
/// </summary>
/// <remarks>Everything else about an exit is fixed by <see cref="BarExits.FirstTouched{TFill}"/>: a level the
/// open has already passed fills at the open (the gap rule), a level only the range reaches fills at the level.
/// The model is asked only when neither level is beyond the open and the bar's low reaches the lower level while
/// its high reaches the upper one.</remarks>
public interface IFillModel
{
    /// <summary>True when the upper level fills first.</summary>
    /// <param name="open">The bar's open (strictly between the levels).</param>
    /// <param name="high">The bar's high (&gt;= the upper level).</param>
    /// <param name="low">The bar's low (&lt;= the lower level).</param>
    /// <param name="lowerIsAdverse">True when the lower level is the losing one (a long's stop-loss), false when the upper one is (a short's).</param>
    bool UpperFirst(double open, double high, double low, bool lowerIsAdverse);
}
