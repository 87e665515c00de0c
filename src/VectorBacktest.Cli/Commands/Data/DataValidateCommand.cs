using System.CommandLine;
using VectorBacktest.Data;

namespace VectorBacktest.Cli.Commands.Data;

/// <summary>
/// <c>vbt data validate [file] [--repair] [--out file]</c>: strict validation (exit code 1 and the file, row and
/// column of the first problem), or repair mode that lists every change and can write the repaired bars.
/// </summary>
internal static class DataValidateCommand
{
    public static Command Create()
    {
        var file = DataCommand.InputArgument();
        var timeframe = DataCommand.TimeframeOption();
        var repair = new Option<bool>("--repair")
        {
            Description = "Drop exact duplicates and invalid rows, sort unsorted rows, and report every change (prices are never invented).",
        };
        var output = new Option<string?>("--out") { Description = "Write the validated (repaired) bars to this file." };
        var command = new Command("validate", "Validate a bar file; with --repair, repair what can be repaired without inventing prices.")
        {
            file, timeframe, repair, output,
        };
        command.SetAction(parse => CliRunner.Run(() =>
        {
            var path = BundledData.OrSample(parse.GetValue(file));
            var result = BarFile.Load(path, DataCommand.ReadOptions(parse.GetValue(timeframe), parse.GetValue(repair)));
            using var series = result.Series;
            var report = result.Report;
            foreach (var change in report.Changes)
                Console.WriteLine(change.ToString());
            foreach (var gap in report.Gaps)
                Console.WriteLine("gap: " + gap);
            Console.WriteLine($"{path}: {report.RowsRead:N0} rows read, {report.BarCount:N0} bars kept, {report.Changes.Count} change(s), " +
                $"{report.Gaps.Count} gap(s) ({report.MissingBars:N0} missing bars): valid");
            if (parse.GetValue(output) is { } outPath)
            {
                BarFile.Write(series, outPath);
                Console.WriteLine($"wrote {outPath}");
            }
            return CliRunner.Ok;
        }));
        return command;
    }
}
