using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using VectorBacktest.Data;

namespace VectorBacktest.Tests.Data.Sources;

/// <summary>
/// A local HTTP server on 127.0.0.1 that answers <c>GET /api/v3/klines</c> like Binance (the documented array-of-arrays
/// format, startTime/endTime inclusive on open time, at most <c>limit</c> klines), from a series it holds. Scripted
/// failures are served first, one per request.
/// </summary>
internal sealed class FakeBinanceServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly BarSeries _bars;
    private readonly Task _loop;

    public FakeBinanceServer(BarSeries bars)
    {
        _bars = bars;
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                _listener = listener;
                BaseAddress = new Uri($"http://127.0.0.1:{port}");
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseAddress { get; } = null!;

    /// <summary>Responses served before the normal ones, in order: status, Retry-After seconds (or null), body.</summary>
    public ConcurrentQueue<(int Status, int? RetryAfterSeconds, string Body)> Failures { get; } = new();

    /// <summary>Every request's query string, in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Klines served from before startTime, as a server that repeats the overlap would.</summary>
    public int Overlap { get; set; }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            Handle(context);
        }
    }

    private void Handle(HttpListenerContext context)
    {
        var request = context.Request;
        Requests.Enqueue(request.Url!.Query);
        var response = context.Response;
        string body;
        if (Failures.TryDequeue(out var failure))
        {
            response.StatusCode = failure.Status;
            if (failure.RetryAfterSeconds is { } seconds) response.AddHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
            body = failure.Body;
        }
        else if (request.Url.AbsolutePath != "/api/v3/klines")
        {
            response.StatusCode = 404;
            body = "";
        }
        else
        {
            body = Klines(request);
        }
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        response.OutputStream.Write(bytes);
        response.Close();
    }

    private string Klines(HttpListenerRequest request)
    {
        long start = long.Parse(request.QueryString["startTime"] ?? "0", CultureInfo.InvariantCulture);
        long end = long.Parse(request.QueryString["endTime"] ?? long.MaxValue.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        int limit = int.Parse(request.QueryString["limit"] ?? "500", CultureInfo.InvariantCulture);
        long step = _bars.Timeframe.Milliseconds;
        var sb = new StringBuilder("[");
        int written = 0;
        int first = 0;
        while (first < _bars.Length && _bars.Time[first] < start) first++;
        for (int i = Math.Max(0, first - Overlap); i < _bars.Length && written < limit; i++)
        {
            long t = _bars.Time[i];
            if (t > end) break;
            if (written++ > 0) sb.Append(',');
            sb.Append(CultureInfo.InvariantCulture,
                $"[{t},\"{_bars.Open[i]:R}\",\"{_bars.High[i]:R}\",\"{_bars.Low[i]:R}\",\"{_bars.Close[i]:R}\",\"{_bars.Volume[i]:R}\",{t + step - 1},\"0\",12,\"0\",\"0\",\"0\"]");
        }
        return sb.Append(']').ToString();
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
