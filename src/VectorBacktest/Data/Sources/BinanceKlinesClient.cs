using System.Globalization;
using System.Net;
using System.Text.Json;

namespace VectorBacktest.Data.Sources;

/// <summary>
/// Downloads spot klines (OHLCV bars) from the Binance REST API, <c>GET /api/v3/klines</c>, page by page, with retries,
/// and resumes a download from bars already on disk.
/// </summary>
/// <remarks>
/// <para>Bars are returned as a <see cref="BarSeries"/> labelled by open time (epoch ms UTC); volume is the base-asset
/// volume (field 5 of a kline). Quote volume, trade count and taker volumes are not kept.</para>
/// <para>Requests ask for <see cref="BinanceKlinesOptions.PageSize"/> klines from a cursor that moves past the last
/// kline received, until the end time or a short page. HTTP 429 (rate limit), 418 (IP ban), 5xx and network errors
/// are retried up to <see cref="BinanceKlinesOptions.MaxRetries"/> times, waiting the server's Retry-After (seconds)
/// when given, else an exponential backoff. Any other status fails at once with Binance's error message.</para>
/// <para>The still-open last kline (close time not yet past) is left out by default, so a cached file never holds a
/// bar that will still change.</para>
/// </remarks>
public sealed class BinanceKlinesClient
{
    private readonly HttpClient _http;
    private readonly BinanceKlinesOptions _options;

    /// <summary>Creates a client over <paramref name="httpClient"/> (owned by the caller).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (page size, retries, waits).</exception>
    public BinanceKlinesClient(HttpClient httpClient, BinanceKlinesOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _http = httpClient;
        _options = options ?? new BinanceKlinesOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.PageSize, 1, nameof(options.PageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.PageSize, 1000, nameof(options.PageSize));
        ArgumentOutOfRangeException.ThrowIfNegative(_options.MaxRetries, nameof(options.MaxRetries));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.InitialBackoff, TimeSpan.Zero, nameof(options.InitialBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxBackoff, TimeSpan.Zero, nameof(options.MaxBackoff));
        ArgumentNullException.ThrowIfNull(_options.BaseAddress, nameof(options.BaseAddress));
        ArgumentNullException.ThrowIfNull(_options.TimeProvider, nameof(options.TimeProvider));
    }

    /// <summary>Downloads the bars of <paramref name="symbol"/> that open in <c>[start, end)</c>.</summary>
    /// <param name="symbol">Binance symbol, e.g. <c>BTCUSDT</c>.</param>
    /// <param name="timeframe">A timeframe Binance serves (see <see cref="BinanceIntervals.ToInterval"/>).</param>
    /// <param name="start">First open time wanted (inclusive).</param>
    /// <param name="end">Open times before this are wanted (exclusive); null = now.</param>
    /// <param name="cancellationToken">Cancels the download, including a wait between retries.</param>
    /// <exception cref="ArgumentException">Empty symbol, an interval Binance does not serve, or <paramref name="end"/> before <paramref name="start"/>.</exception>
    /// <exception cref="BinanceApiException">A request failed for good.</exception>
    /// <exception cref="BarDataException">A kline is malformed or breaks a bar invariant; names the page and row.</exception>
    public async Task<BarSeries> DownloadAsync(string symbol, Timeframe timeframe, DateTimeOffset start, DateTimeOffset? end = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        string interval = BinanceIntervals.ToInterval(timeframe);
        long startMs = start.ToUnixTimeMilliseconds();
        long endMs = (end ?? _options.TimeProvider.GetUtcNow()).ToUnixTimeMilliseconds();
        if (endMs < startMs)
            throw new ArgumentException($"End {BarValidator.FormatTime(endMs)} is before start {BarValidator.FormatTime(startMs)}.", nameof(end));
        var bars = new KlineBuffer();
        await FetchAsync(symbol, interval, timeframe, startMs, endMs, bars, cancellationToken).ConfigureAwait(false);
        return bars.ToSeries(symbol, timeframe);
    }

    /// <summary>
    /// Continues a download: fetches the bars after <paramref name="existing"/>'s last open time up to
    /// <paramref name="end"/> and returns <paramref name="existing"/> followed by them. A kline the server sends again
    /// for an open time already held is dropped, so the result has no duplicate.
    /// </summary>
    /// <param name="existing">Bars already downloaded (for example read back from the cache file); its symbol and timeframe are used.</param>
    /// <param name="end">Open times before this are wanted (exclusive); null = now.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="ArgumentException"><paramref name="existing"/> is empty (nothing says where to start: use <see cref="DownloadAsync"/>).</exception>
    /// <exception cref="BinanceApiException">A request failed for good.</exception>
    /// <exception cref="BarDataException">A kline is malformed or breaks a bar invariant.</exception>
    public async Task<BarSeries> ResumeAsync(BarSeries existing, DateTimeOffset? end = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(existing);
        if (existing.Length == 0)
            throw new ArgumentException("The existing series is empty, so there is no last bar to resume after; use DownloadAsync.", nameof(existing));
        var timeframe = existing.Timeframe;
        string interval = BinanceIntervals.ToInterval(timeframe);
        long lastOpen = existing.Time[^1];
        long endMs = (end ?? _options.TimeProvider.GetUtcNow()).ToUnixTimeMilliseconds();
        var bars = new KlineBuffer(existing, lastOpen);
        long startMs = lastOpen + timeframe.Milliseconds;
        if (endMs > startMs)
            await FetchAsync(existing.Symbol, interval, timeframe, startMs, endMs, bars, cancellationToken).ConfigureAwait(false);
        return bars.ToSeries(existing.Symbol, timeframe);
    }

    private async Task FetchAsync(string symbol, string interval, Timeframe timeframe, long startMs, long endMs, KlineBuffer bars,
        CancellationToken cancellationToken)
    {
        long cursor = startMs;
        int page = 0;
        while (cursor < endMs)
        {
            page++;
            var uri = new Uri(_options.BaseAddress,
                $"/api/v3/klines?symbol={Uri.EscapeDataString(symbol)}&interval={interval}&startTime={cursor}&endTime={endMs - 1}&limit={_options.PageSize}");
            using var document = await GetJsonAsync(uri, cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            string source = $"Binance klines {symbol} {interval}, page {page} from {BarValidator.FormatTime(cursor)}";
            if (root.ValueKind != JsonValueKind.Array)
                throw new BarDataException(source, 0, null, $"expected a JSON array of klines, got {root.ValueKind}.");
            int rows = root.GetArrayLength();
            if (rows == 0) break;
            long nowMs = _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
            long lastOpen = cursor;
            bool reachedOpenKline = false;
            int row = 0;
            foreach (var kline in root.EnumerateArray())
            {
                row++;
                var k = Kline.Parse(kline, source, row);
                lastOpen = Math.Max(lastOpen, k.OpenTime);
                if (k.OpenTime < cursor || k.OpenTime >= endMs) continue;
                if (_options.ExcludeOpenKline && k.CloseTime >= nowMs)
                {
                    reachedOpenKline = true;
                    break;
                }
                bars.Add(k, source, row);
            }
            if (reachedOpenKline || rows < _options.PageSize) break;
            cursor = lastOpen + timeframe.Milliseconds;
        }
    }

    private async Task<JsonDocument> GetJsonAsync(Uri uri, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            HttpStatusCode? status = null;
            TimeSpan? retryAfter = null;
            Exception? failure;
            try
            {
                using var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                    return await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
                }
                status = response.StatusCode;
                string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var (code, message) = ErrorOf(body);
                string text = $"Binance answered {(int)response.StatusCode} {response.ReasonPhrase} to {uri}" +
                              (message is null ? "." : $": {message}" + (code is null ? "" : $" (code {code})."));
                if (!IsRetryable(response.StatusCode))
                    throw new BinanceApiException(text, uri, response.StatusCode, code, attempt);
                retryAfter = RetryAfterOf(response);
                if (retryAfter > _options.MaxRetryAfter)
                    throw new BinanceApiException(
                        $"{text} Retry-After asks to wait {retryAfter}, longer than MaxRetryAfter {_options.MaxRetryAfter}; giving up.",
                        uri, response.StatusCode, code, attempt);
                failure = new BinanceApiException(text, uri, response.StatusCode, code, attempt);
            }
            catch (HttpRequestException e) when (e is not BinanceApiException)
            {
                failure = e;
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = e; // HttpClient.Timeout elapsed
            }
            if (attempt > _options.MaxRetries)
                throw new BinanceApiException(
                    $"Gave up on {uri} after {attempt} attempts ({_options.MaxRetries} retries); last failure: {failure.Message}",
                    uri, status, (failure as BinanceApiException)?.ErrorCode, attempt, failure);
            await WaitAsync(retryAfter ?? Backoff(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    private Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        _options.Delay is { } delayFunction
            ? delayFunction(delay, cancellationToken)
            : Task.Delay(delay, _options.TimeProvider, cancellationToken);

    private TimeSpan Backoff(int attempt)
    {
        double ms = _options.InitialBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1);
        return ms >= _options.MaxBackoff.TotalMilliseconds ? _options.MaxBackoff : TimeSpan.FromMilliseconds(ms);
    }

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or (HttpStatusCode)418 || (int)status >= 500;

    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var wait = date - _options.TimeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    private static (int? Code, string? Message) ErrorOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, null);
            int? code = root.TryGetProperty("code", out var c) && c.TryGetInt32(out int value) ? value : null;
            string? message = root.TryGetProperty("msg", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return (code, message);
        }
        catch (JsonException)
        {
            return (null, body.Length > 200 ? body[..200] : body.Length == 0 ? null : body);
        }
    }

    /// <summary>One kline: <c>[openTime, "open", "high", "low", "close", "volume", closeTime, ...]</c>.</summary>
    private readonly record struct Kline(long OpenTime, double Open, double High, double Low, double Close, double Volume, long CloseTime)
    {
        public static Kline Parse(JsonElement kline, string source, int row)
        {
            if (kline.ValueKind != JsonValueKind.Array || kline.GetArrayLength() < 7)
                throw new BarDataException(source, row, null, "a kline must be an array of at least 7 fields [openTime, open, high, low, close, volume, closeTime, ...].");
            return new Kline(Time(kline[0], source, row, BarColumns.Time), Price(kline[1], source, row, BarColumns.Open),
                Price(kline[2], source, row, BarColumns.High), Price(kline[3], source, row, BarColumns.Low),
                Price(kline[4], source, row, BarColumns.Close), Price(kline[5], source, row, BarColumns.Volume),
                Time(kline[6], source, row, "close_time"));
        }

        private static long Time(JsonElement e, string source, int row, string column) =>
            e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long ms) ? ms
                : throw new BarDataException(source, row, column, $"'{e}' is not an epoch-millisecond time.");

        // Binance sends prices and volumes as strings to keep their decimals; a number is accepted too.
        private static double Price(JsonElement e, string source, int row, string column)
        {
            if (e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double n)) return n;
            if (e.ValueKind == JsonValueKind.String &&
                double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) return v;
            throw new BarDataException(source, row, column, $"'{e}' is not a number.");
        }
    }

    /// <summary>Growing columns of downloaded bars, optionally after the bars of an existing series.</summary>
    private sealed class KlineBuffer
    {
        private readonly List<long> _time = [];
        private readonly List<double> _open = [], _high = [], _low = [], _close = [], _volume = [];
        private long _last = long.MinValue;

        public KlineBuffer() { }

        public KlineBuffer(BarSeries existing, long lastOpen)
        {
            _time.AddRange(existing.Time);
            _open.AddRange(existing.Open);
            _high.AddRange(existing.High);
            _low.AddRange(existing.Low);
            _close.AddRange(existing.Close);
            _volume.AddRange(existing.Volume);
            _last = lastOpen;
        }

        public void Add(in Kline k, string source, int row)
        {
            if (k.OpenTime <= _last) return; // overlap with bars already held (a resumed download or a repeated page)
            if (BarValidator.CheckBar(k.Open, k.High, k.Low, k.Close, k.Volume) is { } bad)
                throw new BarDataException(source, row, bad.Column, bad.Problem);
            _time.Add(k.OpenTime);
            _open.Add(k.Open);
            _high.Add(k.High);
            _low.Add(k.Low);
            _close.Add(k.Close);
            _volume.Add(k.Volume);
            _last = k.OpenTime;
        }

        public BarSeries ToSeries(string symbol, Timeframe timeframe) => BarSeries.FromArrays(symbol, timeframe, [.. _time], [.. _open],
            [.. _high], [.. _low], [.. _close], [.. _volume]);
    }
}
