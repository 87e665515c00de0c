using VectorBacktest.Data;
using VectorBacktest.Data.Resampling;
using VectorBacktest.Data.SampleData;
using VectorBacktest.Strategies;

namespace VectorBacktest.Tests.Strategies;

/// <summary>Bars and checks shared by the strategy tests.</summary>
internal static class StrategyTestData
{
    private static readonly Lazy<BarSeries> Sample15m = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", "btcusdt-synth-1m.parquet");
        using var minutes = BarFile.Read(path);
        var bars = Resampler.Resample(minutes, Timeframe.Parse("15m")).Bars;
        // Copy out of the memory the reader may map, so the series outlives the file handle.
        return BarSeries.FromArrays(bars.Symbol, bars.Timeframe, bars.Time.ToArray(), bars.Open.ToArray(), bars.High.ToArray(),
            bars.Low.ToArray(), bars.Close.ToArray(), bars.Volume.ToArray());
    });

    /// <summary>The bundled sample (90 days of 1m bars) resampled to 15m.</summary>
    public static BarSeries BundledSample15m => Sample15m.Value;

    /// <summary>Synthetic crypto-like bars of the given timeframe.</summary>
    public static BarSeries Synthetic(int count, string timeframe, ulong seed) =>
        SyntheticBars.Generate(new SyntheticBarsOptions { BarCount = count, Timeframe = Timeframe.Parse(timeframe), Seed = seed });

    /// <summary>Asserts that signals computed on each prefix equal the first rows of the signals on the whole series.</summary>
    public static void AssertNoLookAhead(ISignalStrategy strategy, BarSeries bars, int cuts, int seed)
    {
        var full = strategy.Generate(bars);
        var rng = new Random(seed);
        for (int c = 0; c < cuts; c++)
        {
            int length = c == 0 ? bars.Length - 1 : rng.Next(1, bars.Length);
            var prefix = strategy.Generate(bars.Slice(0, length));
            AssertPrefix(full.LongEntries, prefix.LongEntries, length, "LongEntries");
            AssertPrefix(full.LongExits, prefix.LongExits, length, "LongExits");
            AssertPrefix(full.ShortEntries, prefix.ShortEntries, length, "ShortEntries");
            AssertPrefix(full.ShortExits, prefix.ShortExits, length, "ShortExits");
            AssertPrefix<double>(full.StopLoss, prefix.StopLoss, length, "StopLoss");
            AssertPrefix<double>(full.TakeProfit, prefix.TakeProfit, length, "TakeProfit");
        }
    }

    private static void AssertPrefix<T>(ReadOnlySpan<T> full, ReadOnlySpan<T> prefix, int length, string column)
    {
        if (full.IsEmpty)
        {
            Assert.True(prefix.IsEmpty, column);
            return;
        }
        Assert.Equal(length, prefix.Length);
        for (int i = 0; i < length; i++)
            if (!EqualityComparer<T>.Default.Equals(full[i], prefix[i]))
                Assert.Fail($"{column}[{i}] is {prefix[i]} on the first {length} bars but {full[i]} on all {full.Length}.");
    }

    /// <summary>Number of true values.</summary>
    public static int Count(ReadOnlySpan<bool> column)
    {
        int count = 0;
        foreach (bool b in column) if (b) count++;
        return count;
    }
}
