using System.Net;
using VectorBacktest.Data;
using VectorBacktest.Data.SampleData;
using VectorBacktest.Data.Sources;

namespace VectorBacktest.Tests.Data.Sources;

public sealed class BinanceKlinesClientTests : IDisposable
{
    // 2,500 one-minute bars from 2024-01-01: three pages of 1000 at the default page size.
    private static readonly BarSeries Bars = SyntheticBars.Generate(new SyntheticBarsOptions { BarCount = 2500, Symbol = "BTCUSDT" });
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(Bars.Time[0]);
    private static readonly DateTimeOffset End = DateTimeOffset.FromUnixTimeMilliseconds(Bars.Time[^1] + 60_000);

    private readonly FakeBinanceServer _server = new(Bars);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private readonly List<TimeSpan> _waits = [];

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    private BinanceKlinesClient Client(int maxRetries = 3, int pageSize = 1000) => new(_http, new BinanceKlinesOptions
    {
        BaseAddress = _server.BaseAddress,
        PageSize = pageSize,
        MaxRetries = maxRetries,
        InitialBackoff = TimeSpan.FromMilliseconds(5),
        Delay = (wait, ct) =>
        {
            lock (_waits) _waits.Add(wait);
            return Task.Delay(TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds, 5)), ct);
        },
    });

    private static void AssertSameBars(BarSeries expected, BarSeries actual)
    {
        Assert.Equal(expected.Time.ToArray(), actual.Time.ToArray());
        Assert.Equal(expected.Open.ToArray(), actual.Open.ToArray());
        Assert.Equal(expected.High.ToArray(), actual.High.ToArray());
        Assert.Equal(expected.Low.ToArray(), actual.Low.ToArray());
        Assert.Equal(expected.Close.ToArray(), actual.Close.ToArray());
        Assert.Equal(expected.Volume.ToArray(), actual.Volume.ToArray());
    }

    [Fact]
    public async Task Pages_through_the_whole_range()
    {
        var bars = await Client().DownloadAsync("BTCUSDT", Timeframe.M1, Start, End);

        AssertSameBars(Bars, bars);
        Assert.Equal("BTCUSDT", bars.Symbol);
        Assert.Equal(Timeframe.M1, bars.Timeframe);
        var requests = _server.Requests.ToArray();
        Assert.Equal(3, requests.Length);
        Assert.Contains($"startTime={Bars.Time[0]}", requests[0]);
        Assert.Contains($"startTime={Bars.Time[1000]}", requests[1]);
        Assert.Contains($"startTime={Bars.Time[2000]}", requests[2]);
        Assert.All(requests, r => Assert.Contains("symbol=BTCUSDT&interval=1m", r));
        Assert.All(requests, r => Assert.Contains($"endTime={End.ToUnixTimeMilliseconds() - 1}", r));
    }

    [Fact]
    public async Task Keeps_only_bars_inside_the_range_with_small_pages()
    {
        var from = DateTimeOffset.FromUnixTimeMilliseconds(Bars.Time[100]);
        var to = DateTimeOffset.FromUnixTimeMilliseconds(Bars.Time[350]);
        var bars = await Client(pageSize: 60).DownloadAsync("BTCUSDT", Timeframe.M1, from, to);
        AssertSameBars(Bars.Slice(100, 250), bars);
        Assert.Equal(5, _server.Requests.Count); // 60 + 60 + 60 + 60 + 10
    }

    [Fact]
    public async Task Waits_the_retry_after_of_a_429_then_succeeds()
    {
        _server.Failures.Enqueue((429, 1, """{"code":-1003,"msg":"Too many requests."}"""));
        _server.Failures.Enqueue((429, 0, """{"code":-1003,"msg":"Too many requests."}"""));
        var bars = await Client().DownloadAsync("BTCUSDT", Timeframe.M1, Start, End);
        AssertSameBars(Bars, bars);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.Zero], _waits);
    }

    [Fact]
    public async Task Backs_off_exponentially_after_server_errors_then_succeeds()
    {
        _server.Failures.Enqueue((500, null, "oops"));
        _server.Failures.Enqueue((503, null, ""));
        _server.Failures.Enqueue((418, null, """{"code":-1003,"msg":"Way too many requests; IP banned."}"""));
        var bars = await Client().DownloadAsync("BTCUSDT", Timeframe.M1, Start, End);
        AssertSameBars(Bars, bars);
        Assert.Equal([TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20)], _waits);
    }

    [Fact]
    public async Task Gives_up_after_the_maximum_retries_with_a_clear_exception()
    {
        for (int i = 0; i < 10; i++) _server.Failures.Enqueue((502, null, "bad gateway"));
        var e = await Assert.ThrowsAsync<BinanceApiException>(() => Client(maxRetries: 2).DownloadAsync("BTCUSDT", Timeframe.M1, Start, End));
        Assert.Equal(3, e.Attempts);
        Assert.Equal(HttpStatusCode.BadGateway, e.StatusCode);
        Assert.Contains("after 3 attempts", e.Message);
        Assert.Contains("502", e.Message);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task A_client_error_fails_at_once_with_binance_s_message()
    {
        _server.Failures.Enqueue((400, null, """{"code":-1121,"msg":"Invalid symbol."}"""));
        var e = await Assert.ThrowsAsync<BinanceApiException>(() => Client().DownloadAsync("NOPE", Timeframe.M1, Start, End));
        Assert.Equal(-1121, e.ErrorCode);
        Assert.Contains("Invalid symbol.", e.Message);
        Assert.Equal(1, e.Attempts);
        Assert.Empty(_waits);
    }

    [Fact]
    public async Task A_retry_after_longer_than_allowed_fails_at_once()
    {
        _server.Failures.Enqueue((418, 3600, """{"code":-1003,"msg":"IP banned until later."}"""));
        var e = await Assert.ThrowsAsync<BinanceApiException>(() => Client().DownloadAsync("BTCUSDT", Timeframe.M1, Start, End));
        Assert.Contains("MaxRetryAfter", e.Message);
        Assert.Empty(_waits);
    }

    [Fact]
    public async Task Resumes_after_the_bars_already_held_without_duplicates()
    {
        var cached = Bars.Slice(0, 1234);
        var bars = await Client().ResumeAsync(cached, End);
        AssertSameBars(Bars, bars);
        Assert.Contains($"startTime={Bars.Time[1234]}", _server.Requests.First());
    }

    [Fact]
    public async Task Drops_the_overlapping_bars_a_server_sends_again()
    {
        _server.Overlap = 2;
        var bars = await Client(pageSize: 500).ResumeAsync(Bars.Slice(0, 1234), End);
        AssertSameBars(Bars, bars);
    }

    [Fact]
    public async Task Leaves_out_the_kline_that_is_still_open()
    {
        // Close times shifted into the future make the last kline look open now.
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds(Bars.Time[^1] + 30_000));
        var options = new BinanceKlinesOptions { BaseAddress = _server.BaseAddress, TimeProvider = clock };
        var bars = await new BinanceKlinesClient(_http, options).DownloadAsync("BTCUSDT", Timeframe.M1, Start, End);
        AssertSameBars(Bars.Slice(0, Bars.Length - 1), bars);
        var all = await new BinanceKlinesClient(_http, options with { ExcludeOpenKline = false }).DownloadAsync("BTCUSDT", Timeframe.M1, Start, End);
        AssertSameBars(Bars, all);
    }

    [Theory]
    [InlineData("""[[1704067200000,"1","2","0.5","1.5","10",1704067259999],[1704067260000,"1.5","abc","1","1.2","3",1704067319999]]""", 2, "high")]
    [InlineData("""[[1704067200000,"1","0.9","0.5","0.8","10",1704067259999]]""", 1, "open")]
    [InlineData("""[[1704067200000,"1","2","0.5"]]""", 1, null)]
    public async Task A_malformed_kline_names_its_page_row_and_column(string body, int row, string? column)
    {
        _server.Failures.Enqueue((200, null, body));
        var e = await Assert.ThrowsAsync<BarDataException>(() => Client().DownloadAsync("BTCUSDT", Timeframe.M1, Start, End));
        Assert.Equal(row, e.Row);
        Assert.Equal(column, e.Column);
        Assert.Contains("page 1", e.Source);
    }

    [Fact]
    public async Task Cancellation_stops_a_wait_between_retries()
    {
        _server.Failures.Enqueue((429, 30, ""));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var client = new BinanceKlinesClient(_http, new BinanceKlinesOptions { BaseAddress = _server.BaseAddress });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.DownloadAsync("BTCUSDT", Timeframe.M1, Start, End, cts.Token));
    }

    [Theory]
    [InlineData(1, "1m")]
    [InlineData(3, "3m")]
    [InlineData(30, "30m")]
    [InlineData(120, "2h")]
    [InlineData(480, "8h")]
    [InlineData(720, "12h")]
    [InlineData(4320, "3d")]
    [InlineData(10080, "1w")]
    public void Maps_timeframes_to_binance_intervals(long minutes, string interval) =>
        Assert.Equal(interval, BinanceIntervals.ToInterval(new Timeframe(minutes)));

    [Theory]
    [InlineData(2)]
    [InlineData(90)]
    [InlineData(2880)]
    [InlineData(20160)]
    public void Rejects_timeframes_binance_does_not_serve(long minutes)
    {
        var e = Assert.Throws<ArgumentException>(() => BinanceIntervals.ToInterval(new Timeframe(minutes)));
        Assert.Contains(new Timeframe(minutes).ToString(), e.Message);
        Assert.Equal("timeframe", e.ParamName);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
