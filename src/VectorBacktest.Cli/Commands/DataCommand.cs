using System.CommandLine;

namespace VectorBacktest.Cli.Commands;

/// <summary><c>vbt data …</c>: inspect, validate, resample, convert, generate and download bar data.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var data = new Command("data", "Inspect, validate, resample, convert, generate and download bar data.");
        return data;
    }
}
