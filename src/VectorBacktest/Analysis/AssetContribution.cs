namespace VectorBacktest.Analysis;

/// <summary>What one asset of a multi-asset portfolio contributed (see <see cref="MultiAssetAnalysis.Contributions"/>).</summary>
/// <param name="Asset">Index of the asset's column.</param>
/// <param name="PnL">Σ of the asset's per-bar PnL in cash (net of its fees).</param>
/// <param name="ShareOfPnL">PnL / the portfolio's total PnL (NaN when that total is 0); shares sum to 1.</param>
/// <param name="ReturnContribution">PnL / initial capital: the asset's part of the total simple return.</param>
/// <param name="CompoundedContribution">Σ_t of the asset's contribution returns <c>pnl_t / e_{t−1}</c>: its part of
/// the sum of the portfolio's bar returns (the additive, arithmetic attribution).</param>
public readonly record struct AssetContribution(int Asset, double PnL, double ShareOfPnL, double ReturnContribution, double CompoundedContribution);
