namespace VectorBacktest.Portfolio.MultiAsset;

/// <summary>How the positions of a leveraged portfolio (<see cref="PortfolioOptions.Leverage"/>) are collateralised.</summary>
public enum MarginMode
{
    /// <summary>Each symbol's position has its own margin (notional / leverage) and is liquidated alone at its own liquidation
    /// price, exactly as the single-asset book's position (<see cref="SimulationOptions.Leverage"/>).</summary>
    Isolated,
    /// <summary>Every position shares the account's equity as collateral: the account is liquidated (every position closed) when
    /// its equity falls to the total maintenance margin.</summary>
    Cross,
}
