namespace VectorBacktest.Portfolio;

/// <summary>
/// A strategy driven bar by bar by <see cref="EventDrivenSimulator"/>. It may be a <c>struct</c> (passed by reference,
/// so it can keep state, and called without a virtual call) or a class.
/// </summary>
public interface IBarStrategy
{
    /// <summary>
    /// Called once per bar, after that bar's fills and exit-level checks, with data up to and including the bar's close
    /// (<see cref="StrategyContext.Bar"/>). Requests placed on <paramref name="context"/> are executed by the simulator's
    /// <see cref="Execution.FillTiming"/>; amendments of the working entry order and of the position's exit levels act from the
    /// next bar.
    /// </summary>
    void OnBar(ref StrategyContext context);
}
