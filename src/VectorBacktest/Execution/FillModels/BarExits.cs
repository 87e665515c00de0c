namespace VectorBacktest.Execution.FillModels;

/// <summary>The trigger and price rules for a position's two exit levels on one bar.</summary>
public static class BarExits
{
    /// <summary>
    /// Tests one bar against a lower and an upper level (use −∞ / +∞ for an absent level; NaN prices never trigger).
    /// A level the open has passed fills at the open (gap rule); a level reached only by the range fills at the
    /// level; when both are reached, <typeparamref name="TFill"/> decides.
    /// </summary>
    /// <returns>The level hit and its fill price before slippage (NaN when none).</returns>
    public static (ExitLevelHit Hit, double Price) FirstTouched<TFill>(TFill model, double open, double high, double low,
        double lower, double upper, bool lowerIsAdverse) where TFill : struct, IFillModel
    {
        if (open <= lower) return (ExitLevelHit.Lower, open);
        if (open >= upper) return (ExitLevelHit.Upper, open);
        bool lowHit = low <= lower, highHit = high >= upper;
        if (lowHit && highHit)
            return model.UpperFirst(open, high, low, lowerIsAdverse) ? (ExitLevelHit.Upper, upper) : (ExitLevelHit.Lower, lower);
        if (lowHit) return (ExitLevelHit.Lower, lower);
        if (highHit) return (ExitLevelHit.Upper, upper);
        return (ExitLevelHit.None, double.NaN);
    }
}
