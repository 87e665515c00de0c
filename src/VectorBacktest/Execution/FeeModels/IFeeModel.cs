namespace VectorBacktest.Execution.FeeModels;

/// <summary>
/// A trading fee schedule. Implement it on a <c>struct</c>: the simulators take it as a generic argument, so the
/// calls are inlined and never virtual.
/// </summary>
public interface IFeeModel
{
    /// <summary>The fee in quote currency for filling <paramref name="quantity"/> base units at <paramref name="price"/>.</summary>
    /// <param name="quantity">Filled quantity, &gt; 0.</param>
    /// <param name="price">Fill price after slippage, quote per base unit.</param>
    /// <param name="liquidity">Maker or taker.</param>
    /// <param name="tradedNotional">Quote notional already traded in this run before this fill (for volume tiers).</param>
    double Fee(double quantity, double price, Liquidity liquidity, double tradedNotional);

    /// <summary>
    /// The largest quantity whose cost <c>quantity × price + Fee(quantity, price)</c> stays within
    /// <paramref name="budget"/> (before lot rounding); 0 when the budget does not cover a fixed fee.
    /// </summary>
    double AffordableQuantity(double budget, double price, Liquidity liquidity, double tradedNotional);
}
