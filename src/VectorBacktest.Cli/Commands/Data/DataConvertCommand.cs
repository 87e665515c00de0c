using System.CommandLine;
using VectorBacktest.Data;

namespace VectorBacktest.Cli.Commands.Data;

/// <summary><c>vbt data convert &lt;in&gt; &lt;out&gt; [--compression zstd]</c>: between CSV, Arrow IPC and Parquet, losslessly.</summary>
internal static class DataConvertCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("in") { Description = "Input file (.csv, .csv.gz, .arrow/.feather/.ipc, .parquet)." };
        var output = new Argument<string>("out") { Description = "Output file; the format follows its extension." };
        var timeframe = DataCommand.TimeframeOption();
        var compression = new Option<BarCompression?>("--compression")
        {
            Description = "Compression of Arrow (Lz4, Zstd) or Parquet (Snappy, Zstd) output.",
        };
        var command = new Command("convert", "Convert bars between CSV, Arrow IPC and Parquet (lossless).") { input, output, timeframe, compression };
        command.SetAction(parse => CliRunner.Run(() =>
        {
            var from = parse.GetValue(input)!;
            var to = parse.GetValue(output)!;
            using var series = BarFile.Read(from, DataCommand.ReadOptions(parse.GetValue(timeframe), repair: false));
            BarFile.Write(series, to, new BarWriteOptions { Compression = parse.GetValue(compression) });
            Console.WriteLine($"wrote {series.Length:N0} bars to {to}");
            return CliRunner.Ok;
        }));
        return command;
    }
}
