namespace VectorBacktest.Data;

/// <summary>The canonical column names of a bar table, as written by every writer.</summary>
public static class BarColumns
{
    /// <summary>Open time of the bar, UTC.</summary>
    public const string Time = "time";
    /// <summary>First traded price of the bar.</summary>
    public const string Open = "open";
    /// <summary>Highest traded price of the bar.</summary>
    public const string High = "high";
    /// <summary>Lowest traded price of the bar.</summary>
    public const string Low = "low";
    /// <summary>Last traded price of the bar.</summary>
    public const string Close = "close";
    /// <summary>Traded quantity in the base asset.</summary>
    public const string Volume = "volume";

    /// <summary>The five price and volume columns, in table order.</summary>
    public static readonly string[] Values = [Open, High, Low, Close, Volume];
}
