using BenchmarkDotNet.Attributes;
using VectorBacktest.Data;
using VectorBacktest.Data.Resampling;

namespace VectorBacktest.Benchmarks;

public partial class DataBenchmarks
{
    private BarSeries _resampleSource = null!;

    /// <summary>Materialises the shared 1,000,000 one-minute bars before timing.</summary>
    [GlobalSetup(Target = nameof(Resample1MTo1h))]
    public void SetupResample() => _resampleSource = BenchmarkInputs.Bars1M;

    /// <summary>1,000,000 one-minute bars to 16,667 hourly bars (target: at most 10 ms).</summary>
    [Benchmark]
    public BarSeries Resample1MTo1h() => Resampler.Resample(_resampleSource, Timeframe.H1).Bars;
}
