namespace VectorBacktest.Portfolio.Orders;

/// <summary>How the values of <see cref="OrderInputs.Size"/> are read (vectorbt's <c>SizeType</c>). Signed values:
/// positive buys (or targets a long), negative sells (or targets a short).</summary>
/// <remarks>Values and percents are converted to a quantity at the fill bar's reference price (before slippage);
/// equity is marked at that price too.</remarks>
public enum SizeType : byte
{
    /// <summary>A quantity to trade, base units.</summary>
    Amount = 0,
    /// <summary>A notional to trade, quote currency.</summary>
    Value = 1,
    /// <summary>A fraction of equity to trade (0.5: buy half of equity's worth).</summary>
    Percent = 2,
    /// <summary>The position to end with, base units (0 closes).</summary>
    TargetAmount = 3,
    /// <summary>The position value to end with, quote currency.</summary>
    TargetValue = 4,
    /// <summary>The position value to end with as a fraction of equity (1: fully invested long, −0.5: half short).</summary>
    TargetPercent = 5,
}
