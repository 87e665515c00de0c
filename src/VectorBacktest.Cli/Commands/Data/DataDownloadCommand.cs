using System.CommandLine;
using System.Globalization;
using VectorBacktest.Data;
using VectorBacktest.Data.Sources;

namespace VectorBacktest.Cli.Commands.Data;

/// <summary>
/// <c>vbt data download --symbol BTCUSDT --timeframe 1h --start 2024-01-01 --out file</c>: Binance spot klines.
/// When the output file exists, the download resumes after its last bar and the file is replaced atomically.
/// </summary>
internal static class DataDownloadCommand
{
    public static Command Create()
    {
        var symbol = new Option<string>("--symbol") { Description = "Binance spot symbol, e.g. BTCUSDT.", Required = true };
        var timeframe = new Option<string>("--timeframe") { Description = "Kline interval (1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w).", DefaultValueFactory = _ => "1h" };
        var start = new Option<string?>("--start") { Description = "First open time, ISO-8601 UTC (required unless resuming an existing --out file)." };
        var end = new Option<string?>("--end") { Description = "Exclusive end time, ISO-8601 UTC (default: now)." };
        var output = new Option<string>("--out") { Description = "Output file; resumed when it exists.", Required = true };
        var baseUrl = new Option<string?>("--base-url") { Description = "REST base address (default https://api.binance.com)." };
        var command = new Command("download", "Download Binance spot klines into a bar file (resumable).")
        {
            symbol, timeframe, start, end, output, baseUrl,
        };
        command.SetAction((parse, cancel) => CliRunner.RunAsync(async () =>
        {
            var options = new BinanceKlinesOptions();
            if (parse.GetValue(baseUrl) is { } url) options = options with { BaseAddress = new Uri(url) };
            using var http = new HttpClient();
            var client = new BinanceKlinesClient(http, options);
            var outPath = parse.GetValue(output)!;
            DateTimeOffset? endTime = parse.GetValue(end) is { } e ? ParseTime(e) : null;
            using var existing = File.Exists(outPath) ? BarFile.Read(outPath) : null;
            BarSeries series;
            if (existing is not null)
            {
                series = await client.ResumeAsync(existing, endTime, cancel).ConfigureAwait(false);
                Console.WriteLine($"resumed {outPath}: {existing.Length:N0} -> {series.Length:N0} bars");
            }
            else
            {
                var from = parse.GetValue(start) ?? throw new ArgumentException("--start is required when the output file does not exist yet.");
                series = await client.DownloadAsync(parse.GetValue(symbol)!, Timeframe.Parse(parse.GetValue(timeframe)!), ParseTime(from), endTime, cancel)
                    .ConfigureAwait(false);
                Console.WriteLine($"downloaded {series.Length:N0} bars");
            }
            BarFile.Write(series, outPath);
            Console.WriteLine($"wrote {outPath}");
            return CliRunner.Ok;
        }));
        return command;
    }

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
