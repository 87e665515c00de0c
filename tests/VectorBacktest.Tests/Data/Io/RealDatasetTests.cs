using VectorBacktest.Data;
using VectorBacktest.Tests.Infrastructure;

namespace VectorBacktest.Tests.Data.Io;

public class RealDatasetTests
{
    [SharedFact]
    public void The_coinbase_hourly_dataset_loads_and_validates_without_gaps()
    {
        var result = BarFile.Load(SharedFolder.File("data/btcusd_coinbase_1h.csv"));
        Assert.Equal(20_111, result.Series.Length);
        Assert.Equal(Timeframe.H1, result.Series.Timeframe);
        Assert.Equal("btcusd_coinbase_1h", result.Series.Symbol);
        Assert.Empty(result.Report.Gaps);
        Assert.True(result.Report.IsUnchanged);
        Assert.Equal(DateTimeOffset.Parse("2017-07-01T11:00:00Z"), result.Series.TimeAt(0));
        Assert.Equal(2505.56, result.Series.Open[0]);
        Assert.Equal(114.6, result.Series.Volume[0]);

        var table = CsvTable.Load(SharedFolder.File("data/btcusd_coinbase_1h.csv"));
        Assert.Equal(table.EpochMs("timestamp"), result.Series.Time.ToArray());
        Assert.Equal(table.Doubles("close"), result.Series.Close.ToArray());
    }
}
