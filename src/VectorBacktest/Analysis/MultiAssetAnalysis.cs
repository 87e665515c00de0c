namespace VectorBacktest.Analysis;

/// <summary>
/// Per-asset attribution of a multi-asset portfolio: contribution returns (the portfolio's bar return split by
/// asset), contribution totals, and the correlation of asset and position returns. Inputs are columns, one per
/// asset, each as long as the portfolio's equity curve: per-bar PnL in cash (mark-to-market change of the asset's
/// position, net of its fees) whose sum over assets is the equity change of the bar.
/// </summary>
public static class MultiAssetAnalysis
{
    /// <summary>
    /// The asset's position (contribution) returns <c>c_t = pnl_t / e_{t−1}</c>, with <c>e_{−1}</c> =
    /// <paramref name="initialCapital"/>: summed over assets, the portfolio's simple return of bar t.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void PositionReturns(ReadOnlySpan<double> assetPnL, ReadOnlySpan<double> equity, double initialCapital, Span<double> destination)
    {
        if (equity.Length != assetPnL.Length) AnalysisThrow.LengthMismatch(nameof(equity), assetPnL.Length, equity.Length);
        if (destination.Length != assetPnL.Length) AnalysisThrow.LengthMismatch(nameof(destination), assetPnL.Length, destination.Length);
        double previous = initialCapital;
        for (int t = 0; t < assetPnL.Length; t++)
        {
            destination[t] = assetPnL[t] / previous;
            previous = equity[t];
        }
    }

    /// <summary>The contribution of each asset (one <see cref="AssetContribution"/> per PnL column, in column order).</summary>
    /// <exception cref="ArgumentException">A column is not as long as <paramref name="equity"/>.</exception>
    public static AssetContribution[] Contributions(IReadOnlyList<double[]> assetPnL, ReadOnlySpan<double> equity, double initialCapital)
    {
        ArgumentNullException.ThrowIfNull(assetPnL);
        var pnl = new double[assetPnL.Count];
        var compounded = new double[assetPnL.Count];
        double total = 0;
        for (int a = 0; a < assetPnL.Count; a++)
        {
            var column = assetPnL[a];
            if (column.Length != equity.Length) AnalysisThrow.LengthMismatch(nameof(assetPnL), equity.Length, column.Length);
            double previous = initialCapital, sum = 0, contribution = 0;
            for (int t = 0; t < column.Length; t++)
            {
                sum += column[t];
                contribution += column[t] / previous;
                previous = equity[t];
            }
            pnl[a] = sum;
            compounded[a] = contribution;
            total += sum;
        }
        var result = new AssetContribution[assetPnL.Count];
        for (int a = 0; a < result.Length; a++)
            result[a] = new AssetContribution(a, pnl[a], total == 0 ? double.NaN : pnl[a] / total, pnl[a] / initialCapital, compounded[a]);
        return result;
    }

    /// <summary>Correlation matrix of the assets' simple price returns (<see cref="Correlations.Matrix"/> of them).</summary>
    /// <exception cref="ArgumentException">The price columns differ in length.</exception>
    public static double[,] AssetReturnCorrelation(IReadOnlyList<double[]> prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var returns = new double[prices.Count][];
        for (int a = 0; a < prices.Count; a++)
        {
            if (prices[a].Length != prices[0].Length) AnalysisThrow.LengthMismatch(nameof(prices), prices[0].Length, prices[a].Length);
            returns[a] = new double[Math.Max(prices[a].Length - 1, 0)];
            Returns.Simple(prices[a], returns[a]);
        }
        return Correlations.Matrix(returns);
    }

    /// <summary>Correlation matrix of the assets' position returns (<see cref="PositionReturns"/>).</summary>
    /// <exception cref="ArgumentException">A column is not as long as <paramref name="equity"/>.</exception>
    public static double[,] PositionReturnCorrelation(IReadOnlyList<double[]> assetPnL, ReadOnlySpan<double> equity, double initialCapital)
    {
        ArgumentNullException.ThrowIfNull(assetPnL);
        var returns = new double[assetPnL.Count][];
        for (int a = 0; a < assetPnL.Count; a++)
        {
            returns[a] = new double[assetPnL[a].Length];
            PositionReturns(assetPnL[a], equity, initialCapital, returns[a]);
        }
        return Correlations.Matrix(returns);
    }
}
