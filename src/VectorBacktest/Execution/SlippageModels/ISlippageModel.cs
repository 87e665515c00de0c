namespace VectorBacktest.Execution.SlippageModels;

/// <summary>
/// Moves a taker fill's price against the trader. Implement it on a <c>struct</c>: the simulators take it as a
/// generic argument, so the calls are inlined and never virtual.
/// </summary>
/// <remarks>Limit fills and take-profit exits (resting orders) are never slipped. Sizing a fraction of cash
/// prices the order twice: at quantity 0, then at the quantity found, so quantity-dependent models stay within budget.</remarks>
public interface ISlippageModel
{
    /// <summary>The executed price.</summary>
    /// <param name="price">The reference price (open, close or a triggered level), quote per base unit.</param>
    /// <param name="side">Buy raises the price, sell lowers it.</param>
    /// <param name="opensPosition">True when the fill opens (or adds to) a position, false when it reduces one.</param>
    /// <param name="quantity">Fill quantity in base units (&gt;= 0; 0 while sizing).</param>
    /// <param name="barVolume">The fill bar's volume in base units.</param>
    double FillPrice(double price, OrderSide side, bool opensPosition, double quantity, double barVolume);
}
