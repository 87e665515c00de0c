namespace VectorBacktest.Execution.FillModels;

/// <summary>
/// The documented intra-bar path: open, then the extreme nearer to the open, then the other extreme, then close.
/// The level on the first leg fills first; when the open is equally far from high and low, the path is taken to
/// visit the losing level first.
/// </summary>
/// <remarks>A common heuristic (e.g. MetaTrader's "OHLC" tester mode and Backtrader's bar-path assumptions):
/// a bar that opens near its high more likely went up first. It is a guess about unseen ticks; the
/// pessimistic model is the safer default.</remarks>
public readonly struct IntraBarPathFillModel : IFillModel
{
    /// <inheritdoc/>
    public bool UpperFirst(double open, double high, double low, bool lowerIsAdverse)
    {
        double up = high - open, down = open - low;
        return up < down || (up == down && !lowerIsAdverse);
    }
}
