namespace VectorBacktest.Execution;

/// <summary>How long an unfilled order stays working.</summary>
/// <remarks>Bars are counted from the first bar the order can fill on: an order placed on bar <c>t</c>'s close
/// under next-open timing is first tested on bar <c>t + 1</c>. <see cref="ImmediateOrCancel"/> equals
/// <c>GoodForBars(1)</c>.</remarks>
public readonly record struct TimeInForce
{
    // 0 encodes good-till-cancelled so that default(TimeInForce) is the documented default.
    private readonly int _bars;

    private TimeInForce(int bars) => _bars = bars;

    /// <summary>Number of bars the order is tested on; <see cref="int.MaxValue"/> for good-till-cancelled.</summary>
    public int Bars => _bars == 0 ? int.MaxValue : _bars;

    /// <summary>Working until filled or cancelled (the default).</summary>
    public static TimeInForce GoodTillCancelled => default;

    /// <summary>Tested on its first fillable bar only, then cancelled.</summary>
    public static TimeInForce ImmediateOrCancel => new(1);

    /// <summary>Tested on at most <paramref name="bars"/> bars, then cancelled (recorded as expired).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bars"/> is less than 1.</exception>
    public static TimeInForce GoodForBars(int bars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bars, 1);
        return new(bars);
    }

    /// <summary>True for good-till-cancelled.</summary>
    public bool IsGoodTillCancelled => _bars == 0;

    /// <inheritdoc/>
    public override string ToString() => IsGoodTillCancelled ? "GTC" : Bars == 1 ? "IOC" : $"GoodFor{Bars}Bars";
}
