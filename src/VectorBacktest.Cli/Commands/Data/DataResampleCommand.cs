using System.CommandLine;
using VectorBacktest.Data;
using VectorBacktest.Data.Resampling;

namespace VectorBacktest.Cli.Commands.Data;

/// <summary><c>vbt data resample [file] --to 1h [--keep-incomplete] [--out file]</c>.</summary>
internal static class DataResampleCommand
{
    public static Command Create()
    {
        var file = DataCommand.InputArgument();
        var timeframe = DataCommand.TimeframeOption();
        var to = new Option<string>("--to") { Description = "Target timeframe, a whole multiple of the input's (5m, 1h, 4h, 1d, 1w, ...).", Required = true };
        var keep = new Option<bool>("--keep-incomplete")
        {
            Description = "Keep (and flag) a last bar that the data ends inside of; by default it is dropped.",
        };
        var output = new Option<string?>("--out") { Description = "Output file (format from its extension); prints a summary only when omitted." };
        var command = new Command("resample", "Aggregate bars to a longer timeframe (labelled by open time, UTC; gaps preserved).")
        {
            file, timeframe, to, keep, output,
        };
        command.SetAction(parse => CliRunner.Run(() =>
        {
            var path = BundledData.OrSample(parse.GetValue(file));
            using var source = BarFile.Read(path, DataCommand.ReadOptions(parse.GetValue(timeframe), repair: false));
            var target = Timeframe.Parse(parse.GetValue(to)!);
            var result = Resampler.Resample(source, target, parse.GetValue(keep) ? IncompleteBarPolicy.Keep : IncompleteBarPolicy.Drop);
            Console.WriteLine($"{source.Length:N0} {source.Timeframe} bars -> {result.Bars.Length:N0} {target} bars" +
                (result.IncompleteBarDropped ? " (incomplete last bar dropped)" : result.LastBarIncomplete ? " (last bar incomplete, kept)" : ""));
            if (parse.GetValue(output) is { } outPath)
            {
                BarFile.Write(result.Bars, outPath);
                Console.WriteLine($"wrote {outPath}");
            }
            return CliRunner.Ok;
        }));
        return command;
    }
}
