using VectorBacktest.Cli.Commands.Backtest;

namespace VectorBacktest.Tests.Cli;

public sealed class BacktestOutputTests
{
    [Fact]
    public void Csv_times_are_formatted_as_BarValidator_formats_them()
    {
        var rng = new Random(5);
        Span<char> buffer = stackalloc char[64];
        long[] fixedTimes = [0, 1_704_067_200_000, 1_704_067_200_001, 1_704_067_200_010, 1_704_067_200_100, 1_704_067_200_120, 1_704_067_200_101, 253_402_300_799_999];
        foreach (long t in fixedTimes.Concat(Enumerable.Range(0, 2000).Select(_ => rng.NextInt64(0, 4_102_444_800_000))))
            Assert.Equal(VectorBacktest.Data.BarValidator.FormatTime(t), new string(buffer[..BacktestOutput.FormatTime(t, buffer)]));
    }
}
