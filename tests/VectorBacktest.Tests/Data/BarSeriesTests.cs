using VectorBacktest.Data;

namespace VectorBacktest.Tests.Data;

public class BarSeriesTests
{
    private static BarSeries Three() => BarSeries.FromArrays("BTCUSDT", null,
        [0, 60_000, 120_000], [10, 11, 12], [11, 12, 13], [9, 10, 11], [11, 12, 12.5], [1, 2, 3]);

    [Fact]
    public void Wraps_arrays_without_copying_and_infers_the_timeframe()
    {
        double[] close = [11, 12, 12.5];
        var s = BarSeries.FromArrays("X", null, [0, 60_000, 120_000], [10, 11, 12], [11, 12, 13], [9, 10, 11], close, [1, 2, 3]);
        Assert.Equal(Timeframe.M1, s.Timeframe);
        Assert.True(System.Runtime.CompilerServices.Unsafe.AreSame(ref close[0], ref System.Runtime.InteropServices.MemoryMarshal.GetReference(s.Close)));
    }

    [Fact]
    public void Round_trips_through_a_record_batch_and_a_data_frame()
    {
        var s = Three();
        var fromBatch = BarSeries.FromRecordBatch(s.ToRecordBatch(), "BTCUSDT");
        var fromFrame = BarSeries.FromDataFrame(s.ToDataFrame(), "BTCUSDT");
        foreach (var t in new[] { fromBatch, fromFrame })
        {
            Assert.Equal(s.Time.ToArray(), t.Time.ToArray());
            Assert.Equal(s.Open.ToArray(), t.Open.ToArray());
            Assert.Equal(s.High.ToArray(), t.High.ToArray());
            Assert.Equal(s.Low.ToArray(), t.Low.ToArray());
            Assert.Equal(s.Close.ToArray(), t.Close.ToArray());
            Assert.Equal(s.Volume.ToArray(), t.Volume.ToArray());
            Assert.Equal(s.Timeframe, t.Timeframe);
        }
    }

    [Fact]
    public void A_data_frame_with_unspecified_datetimes_is_read_as_utc()
    {
        var frame = Three().ToDataFrame();
        var times = new Microsoft.Data.Analysis.PrimitiveDataFrameColumn<DateTime>("time",
            [DateTime.UnixEpoch.AddMinutes(0), DateTime.UnixEpoch.AddMinutes(1), DateTime.UnixEpoch.AddMinutes(2)]);
        frame.Columns.Remove("time");
        frame.Columns.Insert(0, times);
        var s = BarSeries.FromDataFrame(frame, "X");
        Assert.Equal([0L, 60_000L, 120_000L], s.Time.ToArray());
    }

    [Fact]
    public void Slices_share_buffers()
    {
        var s = Three().Slice(1, 2);
        Assert.Equal(2, s.Length);
        Assert.Equal(60_000, s.Time[0]);
        Assert.Equal(12.5, s.Close[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => Three().Slice(2, 2));
    }

    [Theory]
    [InlineData(1, 0, double.NaN, "open")]
    [InlineData(1, 1, -1.0, "high")]
    [InlineData(2, 2, 13.5, "low")]
    [InlineData(1, 3, 0.0, "close")]
    [InlineData(3, 4, -5.0, "volume")]
    [InlineData(2, 3, 20.0, "close")]
    public void Rejects_bad_values_naming_row_and_column(int row, int column, double value, string name)
    {
        double[][] cols = [[10, 11, 12], [11, 12, 13], [9, 10, 11], [11, 12, 12.5], [1, 2, 3]];
        cols[column][row - 1] = value;
        var e = Assert.Throws<BarDataException>(() =>
            BarSeries.FromArrays("X", null, [0, 60_000, 120_000], cols[0], cols[1], cols[2], cols[3], cols[4]));
        Assert.Equal(row, e.Row);
        Assert.Equal(name, e.Column);
        Assert.Contains($"row {row}", e.Message);
    }

    [Fact]
    public void Rejects_duplicate_and_unsorted_timestamps()
    {
        var dup = Assert.Throws<BarDataException>(() =>
            BarSeries.FromArrays("X", null, [0, 0], [1, 1], [1, 1], [1, 1], [1, 1], [0, 0]));
        Assert.Equal((2, "time"), (dup.Row, dup.Column));
        Assert.Contains("duplicate", dup.Message);
        var back = Assert.Throws<BarDataException>(() =>
            BarSeries.FromArrays("X", null, [5, 1], [1, 1], [1, 1], [1, 1], [1, 1], [0, 0]));
        Assert.Contains("sorted", back.Message);
    }

    [Fact]
    public void Ragged_columns_are_an_argument_error() =>
        Assert.Throws<ArgumentException>(() => BarSeries.FromArrays("X", null, [0, 1], [1], [1, 1], [1, 1], [1, 1], [0, 0]));
}
