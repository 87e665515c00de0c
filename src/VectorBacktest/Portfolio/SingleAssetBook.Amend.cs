using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;

namespace VectorBacktest.Portfolio;

// Exit levels moved by a strategy while the position is open (StrategyContext.SetStopLoss / SetTakeProfit).
internal ref partial struct SingleAssetBook<TFill, TFee, TSlippage>
    where TFill : struct, IFillModel where TFee : struct, IFeeModel where TSlippage : struct, ISlippageModel
{
    /// <summary>Replaces the open position's stop-loss (when <paramref name="setStopLoss"/>) and take-profit (when
    /// <paramref name="setTakeProfit"/>) with the given prices (NaN removes the level), checked from the next
    /// <see cref="CheckExitLevels"/> call; the trailing stop's anchor, the time stop and, with leverage, the liquidation price
    /// stay (a leveraged signal position has a single fill, so its entry price is the fill price the liquidation was computed
    /// from). The caller checks the prices' sides.</summary>
    public void AmendExits(bool setStopLoss, double stopLoss, bool setTakeProfit, double takeProfit)
    {
        if (setStopLoss) _stopLoss = stopLoss;
        if (setTakeProfit) _takeProfit = takeProfit;
        if (!double.IsNaN(_stopLoss) || !double.IsNaN(_takeProfit)) _hasLevels = true;
        PlaceLevels(Side == PositionSide.Long, EntryPrice);
    }
}
