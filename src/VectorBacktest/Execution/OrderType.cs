namespace VectorBacktest.Execution;

/// <summary>How an order's fill price is found.</summary>
/// <remarks>Trigger and fill rules per bar (a gap through a level always fills at the open):
/// <list type="table">
/// <listheader><term>type</term><description>buy / sell</description></listheader>
/// <item><term><see cref="Market"/></term><description>fills at the fill timing's price (next open or the signal bar's close).</description></item>
/// <item><term><see cref="Limit"/></term><description>buy when <c>low &lt;= P</c> at <c>min(open, P)</c>; sell when <c>high &gt;= P</c> at <c>max(open, P)</c>.</description></item>
/// <item><term><see cref="Stop"/></term><description>buy when <c>high &gt;= T</c> at <c>max(open, T)</c>; sell when <c>low &lt;= T</c> at <c>min(open, T)</c>.</description></item>
/// <item><term><see cref="StopLimit"/></term><description>triggers like a stop; on the triggering bar it fills at the stop
/// price (or the worse open) only when the limit allows that price (buy: <c>max(open, T) &lt;= P</c>), otherwise it rests
/// as a limit order at <c>P</c> from the next bar (pessimistic: the path inside the trigger bar is unknown).</description></item>
/// </list>
/// Market and stop fills are takers and pay slippage; limit fills (and stop-limit fills, capped by their limit) do
/// not. Limit fills on a bar after the order started resting are makers.</remarks>
public enum OrderType : byte
{
    /// <summary>Fill at the next available price.</summary>
    Market = 0,
    /// <summary>Fill at the limit price or better.</summary>
    Limit = 1,
    /// <summary>Become a market order once the price trades through the stop price.</summary>
    Stop = 2,
    /// <summary>Become a limit order once the price trades through the stop price.</summary>
    StopLimit = 3,
}
