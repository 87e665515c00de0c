namespace VectorBacktest.Execution;

/// <summary>The price a fractional or ATR-multiple exit level is measured from.</summary>
public enum StopReference : byte
{
    /// <summary>The entry's fill price after slippage (the default).</summary>
    FillPrice = 0,

    /// <summary>The close of the bar the entry decision was taken on (backtesting.py strategies that pass
    /// <c>sl = close * (1 - x)</c>; vectorbt, whose entry fills at that close).</summary>
    SignalClose = 1,
}
