using VectorBacktest.Data;
using VectorBacktest.Data.Resampling;
using VectorBacktest.Results;
using VectorBacktest.Strategies;

namespace VectorBacktest.Cli.Commands.Backtest;

/// <summary>Runs a <see cref="BacktestConfig"/>: reads and resamples the data, builds the strategy, simulates.</summary>
internal static class BacktestJob
{
    /// <exception cref="ArgumentException">An unknown strategy, parameter or preset, a value out of range, or a timeframe the data cannot be resampled to.</exception>
    /// <exception cref="BarDataException">The data file is bad.</exception>
    /// <exception cref="FileNotFoundException">The data file does not exist.</exception>
    public static BacktestResult Run(BacktestConfig config)
    {
        // Validate everything that needs no data first, so a typo fails before a large file is read.
        var strategy = StrategyRegistry.Create(config.Strategy ?? BacktestConfig.DefaultStrategy, StrategyRegistry.FromJson(config.Parameters));
        _ = config.Execution.PresetName;
        var target = config.Timeframe is null ? (Timeframe?)null : Timeframe.Parse(config.Timeframe);
        bool sample = config.Data is null;
        string path = config.Data ?? BundledData.SamplePath;
        if (sample && target is null) target = Timeframe.Parse(BacktestConfig.DefaultSampleTimeframe);

        using var source = BarFile.Read(path);
        string hash = DataDescription.HashFile(path);
        BarSeries bars = source;
        Timeframe? resampledFrom = null;
        if (target is { } tf && tf != source.Timeframe)
        {
            bars = Resampler.Resample(source, tf).Bars;
            resampledFrom = source.Timeframe;
        }
        var data = DataDescription.Of(bars, path, hash, resampledFrom);
        return StrategyBacktest.Run(bars, strategy, config.Execution, data);
    }
}
