namespace VectorBacktest.Data.Sources;

/// <summary>Settings of <see cref="BinanceKlinesClient"/>.</summary>
public sealed record BinanceKlinesOptions
{
    /// <summary>Scheme and host of the REST API; default <c>https://api.binance.com</c> (a mirror or a test server also works).</summary>
    public Uri BaseAddress { get; init; } = new("https://api.binance.com");

    /// <summary>Klines per request, 1 to 1000 (Binance's maximum); default 1000.</summary>
    public int PageSize { get; init; } = 1000;

    /// <summary>Retries of one request after HTTP 429, 418, 5xx or a network error, before giving up; default 5.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>Wait before the first retry when the server sends no Retry-After; doubled each retry. Default 1 s.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between retries without a Retry-After; default 60 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Longest Retry-After honoured; a longer one (Binance's 418 IP ban can last hours) fails at once with a
    /// <see cref="BinanceApiException"/> instead of blocking. Default 5 minutes.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Leave out the last kline while it is still open (its close time is not yet past); default true.</summary>
    public bool ExcludeOpenKline { get; init; } = true;

    /// <summary>The clock that decides which kline is still open; default the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How to wait between retries; default <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> on <see cref="TimeProvider"/>.</summary>
    public Func<TimeSpan, CancellationToken, Task>? Delay { get; init; }
}
