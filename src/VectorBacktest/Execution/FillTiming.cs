namespace VectorBacktest.Execution;

/// <summary>When a decision taken on bar <c>t</c> (from data up to and including bar <c>t</c>'s close) is executed.</summary>
public enum FillTiming : byte
{
    /// <summary>
    /// At bar <c>t + 1</c>'s open (the default, and the only timing free of look-ahead). Attached exits are checked
    /// from bar <c>t + 1</c> on, after the open fill, along the intra-bar path. A decision on the last bar has no
    /// next bar and is recorded as rejected (<see cref="RejectReason.EndOfData"/>).
    /// </summary>
    NextOpen = 0,

    /// <summary>
    /// At bar <c>t</c>'s own close (vectorbt's default). Assumes the order reaches the market in the instant the bar
    /// closes. Attached exits are checked from bar <c>t + 1</c> on; an exit level hit on a bar pre-empts that bar's
    /// own signal.
    /// </summary>
    SignalClose = 1,
}
