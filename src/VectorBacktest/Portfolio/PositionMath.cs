namespace VectorBacktest.Portfolio;

/// <summary>
/// Average-cost position accounting shared by the order path of the single-asset book and the multi-asset portfolio:
/// a fill that adds to (or opens) a position moves the entry price to the quantity-weighted average; a fill against the
/// position realises <c>sign × reduced × (price − entry)</c> on the reduced part and, past zero, opens the rest at the fill price.
/// </summary>
internal static class PositionMath
{
    /// <summary>Applies a signed fill to a signed position.</summary>
    /// <param name="quantity">Signed position, base units; updated.</param>
    /// <param name="entry">Average entry price (0 when flat); updated.</param>
    /// <param name="delta">Signed fill quantity (positive buys).</param>
    /// <param name="price">Fill price.</param>
    /// <param name="reduced">The part of the fill that reduced the position (≥ 0, base units).</param>
    /// <returns>The realised P&amp;L of the reduced part, before fees.</returns>
    public static double Apply(ref double quantity, ref double entry, double delta, double price, out double reduced)
    {
        double q = quantity;
        if (q == 0 || (q > 0) == (delta > 0))
        {
            reduced = 0;
            double after = q + delta;
            entry = q == 0 ? price : (q * entry + delta * price) / after;
            quantity = after;
            return 0;
        }
        double size = Math.Abs(q), amount = Math.Abs(delta);
        reduced = Math.Min(size, amount);
        double pnl = (q > 0 ? reduced : -reduced) * (price - entry);
        if (amount < size)
        {
            quantity = q + delta;
        }
        else if (amount == size)
        {
            quantity = 0;
            entry = 0;
        }
        else
        {
            quantity = q + delta;
            entry = price;
        }
        return pnl;
    }
}
