using BenchmarkDotNet.Attributes;
using VectorBacktest.Indicators.Smc;

namespace VectorBacktest.Benchmarks;

public partial class Smc1MBenchmarks
{
    /// <summary>Previous daily high/low with broken flags, causal mode; returns a checksum so the work is not elided.</summary>
    [Benchmark]
    public int PreviousHighLow()
    {
        var bars = BenchmarkInputs.Bars1M;
        var result = Indicators.Smc.PreviousHighLow.Compute(bars.Time, bars.High, bars.Low, Data.Timeframe.D1);
        return result.BrokenHigh[^1] + result.KnownAt[^1];
    }

    /// <summary>London session (Europe/London, daylight saving followed), causal mode; returns a checksum.</summary>
    [Benchmark]
    public int Sessions()
    {
        var bars = BenchmarkInputs.Bars1M;
        var result = Indicators.Smc.Sessions.Compute(bars.Time, bars.High, bars.Low, SessionDefinition.London);
        return result.Active[^1] + result.Active[bars.Length / 2];
    }
}
