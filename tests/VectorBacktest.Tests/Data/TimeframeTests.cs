using VectorBacktest.Data;

namespace VectorBacktest.Tests.Data;

public class TimeframeTests
{
    [Theory]
    [InlineData("1m", 1)]
    [InlineData("5m", 5)]
    [InlineData("15m", 15)]
    [InlineData("1h", 60)]
    [InlineData("4h", 240)]
    [InlineData("1d", 1440)]
    [InlineData("1w", 10080)]
    [InlineData("90m", 90)]
    [InlineData("1min", 1)]
    [InlineData("1H", 60)]
    [InlineData("1D", 1440)]
    public void Parses_whole_minutes(string text, long minutes) => Assert.Equal(minutes, Timeframe.Parse(text).Minutes);

    [Theory]
    [InlineData("")]
    [InlineData("0m")]
    [InlineData("1M")]
    [InlineData("1.5h")]
    [InlineData("h")]
    [InlineData("1s")]
    [InlineData("-1m")]
    public void Rejects_what_is_not_a_whole_number_of_minutes(string text) =>
        Assert.Throws<FormatException>(() => Timeframe.Parse(text));

    [Theory]
    [InlineData(1, "1m")]
    [InlineData(90, "90m")]
    [InlineData(120, "2h")]
    [InlineData(1440, "1d")]
    [InlineData(20160, "2w")]
    public void Prints_the_shortest_spelling(long minutes, string text) => Assert.Equal(text, new Timeframe(minutes).ToString());

    [Fact]
    public void Weekly_buckets_start_on_monday_utc()
    {
        long wednesday = DateTimeOffset.Parse("2024-06-05T13:45:00Z").ToUnixTimeMilliseconds();
        long monday = DateTimeOffset.Parse("2024-06-03T00:00:00Z").ToUnixTimeMilliseconds();
        Assert.Equal(monday, Timeframe.W1.BucketStart(wednesday));
        Assert.Equal(DateTimeOffset.Parse("2024-06-05T12:00:00Z").ToUnixTimeMilliseconds(), Timeframe.H4.BucketStart(wednesday));
    }

    [Fact]
    public void Buckets_before_the_epoch_floor_downwards() =>
        Assert.Equal(-3_600_000L, Timeframe.H1.BucketStart(-1));

    [Fact]
    public void Infers_the_most_common_step_despite_gaps()
    {
        long h = 3_600_000;
        Assert.Equal(Timeframe.H1, Timeframe.Infer([0, h, 2 * h, 5 * h, 6 * h]));
        Assert.Null(Timeframe.Infer([0]));
    }
}
