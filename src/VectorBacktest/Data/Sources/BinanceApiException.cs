using System.Net;

namespace VectorBacktest.Data.Sources;

/// <summary>
/// A Binance request that failed for good: a non-retryable status (for example 400 for an unknown symbol), a retryable
/// one (429, 418, 5xx, network error) that persisted through every retry, or a Retry-After longer than allowed.
/// </summary>
public sealed class BinanceApiException : HttpRequestException
{
    /// <summary>Creates the exception.</summary>
    public BinanceApiException(string message, Uri requestUri, HttpStatusCode? statusCode, int? errorCode, int attempts, Exception? inner = null)
        : base(message, inner, statusCode)
    {
        RequestUri = requestUri;
        ErrorCode = errorCode;
        Attempts = attempts;
    }

    /// <summary>The request that failed.</summary>
    public Uri RequestUri { get; }

    /// <summary>Binance's own error code from the response body (<c>{"code":-1121,"msg":"Invalid symbol."}</c>), when it sent one.</summary>
    public int? ErrorCode { get; }

    /// <summary>How many times the request was sent.</summary>
    public int Attempts { get; }
}
