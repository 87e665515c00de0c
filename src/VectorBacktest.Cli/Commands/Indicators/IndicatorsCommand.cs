using System.CommandLine;
using VectorBacktest.Data;
using VectorBacktest.Data.Writers;
using VectorBacktest.Indicators.Smc;

namespace VectorBacktest.Cli.Commands.Indicators;

/// <summary>
/// <c>vbt indicators &lt;name&gt; [--data file] [--param key=value]... [--mode reference|causal] --out file.csv</c>:
/// one row per bar. Reference mode writes the <c>smartmoneyconcepts</c> column names and encodings, so its
/// tables compare file to file with the reference's; causal mode (the default) places each event on the bar
/// where it became known and adds a <c>KnownAt</c> column, so a table computed on a prefix of the data equals
/// the first rows of the table computed on all of it.
/// </summary>
internal static class IndicatorsCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name")
        {
            Description = "Indicator: " + string.Join(", ", IndicatorCatalog.Names) + ".",
        };
        var data = new Option<string?>("--data") { Description = "Bar file; the bundled sample when omitted." };
        var timeframe = new Option<string?>("--timeframe") { Description = "Resample the bars to this timeframe first (e.g. 1h)." };
        var parameters = new Option<string[]>("--param")
        {
            Description = "A parameter as key=value, with the reference's names (swing_length, join_consecutive, close_break, " +
                          "close_mitigation, range_percent, time_frame, session, start, end, time_zone; window for TA).",
            AllowMultipleArgumentsPerToken = false,
        };
        var mode = new Option<string>("--mode") { Description = "causal (default: look-ahead free) or reference (parity with smartmoneyconcepts).", DefaultValueFactory = _ => "causal" };
        mode.AcceptOnlyFromAmong("causal", "reference");
        var output = new Option<string>("--out") { Description = "Output CSV file.", Required = true };
        var command = new Command("indicators", "Compute an indicator on every bar and write it as CSV.")
        {
            name, data, timeframe, parameters, mode, output,
        };
        command.SetAction(parse => CliRunner.Run(() =>
        {
            using var source = BarFile.Read(BundledData.OrSample(parse.GetValue(data)));
            var bars = parse.GetValue(timeframe) is { } tf
                ? VectorBacktest.Data.Resampling.Resampler.Resample(source, Timeframe.Parse(tf)).Bars
                : source;
            var smcMode = parse.GetValue(mode) == "reference" ? SmcMode.Reference : SmcMode.Causal;
            var table = IndicatorCatalog.Run(parse.GetValue(name)!, bars, new IndicatorParameters(parse.GetValue(parameters) ?? []), smcMode);
            var outPath = parse.GetValue(output)!;
            AtomicFile.Write(outPath, stream => table.WriteCsv(stream));
            Console.WriteLine($"wrote {table.Length:N0} rows x {table.Columns.Count} columns to {outPath}");
            return CliRunner.Ok;
        }));
        return command;
    }
}
