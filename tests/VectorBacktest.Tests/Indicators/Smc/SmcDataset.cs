using VectorBacktest.Tests.Infrastructure;

namespace VectorBacktest.Tests.Indicators.Smc;

/// <summary>
/// The golden-table dataset <c>shared/data/btcusd_coinbase_1h.csv</c> (20,111 hourly bars) as plain arrays, read
/// once per test run, and the paths of the reference tables made from it.
/// </summary>
public sealed class SmcDataset
{
    private static readonly Lazy<SmcDataset> Btc = new(() => Load("data/btcusd_coinbase_1h.csv"));

    private SmcDataset(double[] open, double[] high, double[] low, double[] close, double[] volume)
    {
        Open = open; High = high; Low = low; Close = close; Volume = volume;
    }

    /// <summary>The BTC-USD Coinbase 1h dataset (needs the shared folder).</summary>
    public static SmcDataset BtcUsd1h => Btc.Value;

    /// <summary>Open prices.</summary>
    public double[] Open { get; }
    /// <summary>High prices.</summary>
    public double[] High { get; }
    /// <summary>Low prices.</summary>
    public double[] Low { get; }
    /// <summary>Close prices.</summary>
    public double[] Close { get; }
    /// <summary>Volumes.</summary>
    public double[] Volume { get; }

    /// <summary>Number of bars.</summary>
    public int Length => Close.Length;

    /// <summary>Loads the golden table <c>btcusd_coinbase_1h__{<paramref name="function"/>}__{<paramref name="parameters"/>}.csv</c>.</summary>
    public static CsvTable Golden(string function, string parameters) =>
        CsvTable.Load(SharedFolder.File($"reference/smc/btcusd_coinbase_1h__{function}__{parameters}.csv"));

    private static SmcDataset Load(string relative)
    {
        var table = CsvTable.Load(SharedFolder.File(relative));
        return new SmcDataset(table.Doubles("open"), table.Doubles("high"), table.Doubles("low"), table.Doubles("close"), table.Doubles("volume"));
    }
}
