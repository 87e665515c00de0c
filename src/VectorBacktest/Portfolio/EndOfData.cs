namespace VectorBacktest.Portfolio;

/// <summary>What happens to a position still open after the last bar.</summary>
public enum EndOfData : byte
{
    /// <summary>It stays open, marked at the last close, and is reported as an open trade (vectorbt; the default).</summary>
    KeepOpen = 0,
    /// <summary>It is closed at the last bar's close (a taker fill, with fee and slippage).</summary>
    CloseAtLastClose = 1,
    /// <summary>It is closed at the last bar's open, after that bar's exit levels were checked (backtesting.py's
    /// <c>finalize_trades=True</c>).</summary>
    CloseAtLastOpen = 2,
}
