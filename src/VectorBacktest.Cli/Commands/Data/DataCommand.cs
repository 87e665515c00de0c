using System.CommandLine;

namespace VectorBacktest.Cli.Commands.Data;

/// <summary><c>vbt data …</c>: inspect, validate, resample, convert, generate and download bar data.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var data = new Command("data", "Inspect, validate, resample, convert, generate and download bar data.");
        data.Subcommands.Add(DataInfoCommand.Create());
        data.Subcommands.Add(DataValidateCommand.Create());
        data.Subcommands.Add(DataResampleCommand.Create());
        data.Subcommands.Add(DataConvertCommand.Create());
        data.Subcommands.Add(DataGenerateCommand.Create());
        data.Subcommands.Add(DataDownloadCommand.Create());
        return data;
    }

    /// <summary>The optional input file argument; the bundled sample when omitted.</summary>
    public static Argument<string?> InputArgument() => new("file")
    {
        Description = "A bar file (.csv, .csv.gz, .arrow/.feather/.ipc, .parquet); the bundled sample when omitted.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>The <c>--timeframe</c> override of the input's timeframe.</summary>
    public static Option<string?> TimeframeOption() => new("--timeframe")
    {
        Description = "The input's timeframe (1m, 5m, 1h, 4h, 1d, 1w, 90m, ...); inferred from the timestamps when omitted.",
    };

    /// <summary>Read options from the common switches.</summary>
    public static VectorBacktest.Data.BarReadOptions ReadOptions(string? timeframe, bool repair) => new()
    {
        Timeframe = timeframe is null ? null : VectorBacktest.Data.Timeframe.Parse(timeframe),
        Mode = repair ? VectorBacktest.Data.Validation.ValidationMode.Repair : VectorBacktest.Data.Validation.ValidationMode.Strict,
    };
}
