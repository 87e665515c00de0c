using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FsCheck;
using FsCheck.Xunit;
using VectorBacktest.Data;
using VectorBacktest.Tests.Data.Resampling;
using BarUniverse = VectorBacktest.Data.Universe;

namespace VectorBacktest.Tests.Data.Universe;

public class UniverseTests
{
    private static BarSeries Bars(string symbol, params long[] minutes)
    {
        var time = minutes.Select(m => m * 60_000L).ToArray();
        var close = minutes.Select(m => 100.0 + m).ToArray();
        return BarSeries.FromArrays(symbol, Timeframe.M1, time, close, close.Select(c => c + 1).ToArray(),
            close.Select(c => c - 1).ToArray(), close, minutes.Select(m => (double)m).ToArray());
    }

    [Fact]
    public void Missing_bars_stay_missing_on_the_union_index()
    {
        var u = BarUniverse.Create(Bars("BTC", 0, 1, 2, 4), Bars("ETH", 1, 2, 3, 4, 5));

        Assert.Equal(["BTC", "ETH"], u.Symbols);
        Assert.Equal([0L, 60_000, 120_000, 180_000, 240_000, 300_000], u.Time.ToArray());
        double nan = double.NaN;
        Assert.Equal([100, 101, 102, nan, 104, nan], u.Close(0).ToArray());
        Assert.Equal([0, 1, 2, nan, 4, nan], u.Volume(0).ToArray());
        Assert.Equal([101, 102, 103, nan, 105, nan], u.High(0).ToArray());
        Assert.Equal([true, true, true, false, true, false], u.Present(0).ToArray());
        Assert.Equal([nan, 101, 102, 103, 104, 105], u.Open(1).ToArray());
        Assert.Equal([nan, 100, 101, 102, 103, 104], u.Low(1).ToArray());
        Assert.False(u.IsComplete(0));
        Assert.Equal(1, u.IndexOf("ETH"));
        Assert.Equal(-1, u.IndexOf("SOL"));
        Assert.Equal(4, u.Series(0).Length);
    }

    [Fact]
    public void Forward_fill_is_explicit_and_marks_what_it_filled()
    {
        var u = BarUniverse.Create(Bars("BTC", 0, 1, 2, 4), Bars("ETH", 2, 3, 4, 5));
        var btc = u.ForwardFillClose(0);
        var eth = u.ForwardFillClose(1);
        double nan = double.NaN;
        Assert.Equal([100, 101, 102, 102, 104, 104], btc.Values.ToArray());
        Assert.Equal([false, false, false, true, false, true], btc.Filled.ToArray());
        Assert.Equal([nan, nan, 102, 103, 104, 105], eth.Values.ToArray());
        Assert.Equal([false, false, false, false, false, false], eth.Filled.ToArray());
        // The universe itself is untouched.
        Assert.True(double.IsNaN(u.Close(0)[3]));
    }

    [Fact]
    public void Series_with_the_same_times_are_not_copied()
    {
        var btc = Bars("BTC", 0, 1, 2);
        var eth = Bars("ETH", 0, 1, 2);
        var u = BarUniverse.Create(btc, eth);
        Assert.True(Unsafe.AreSame(ref MemoryMarshal.GetReference(btc.Time), ref MemoryMarshal.GetReference(u.Time)));
        Assert.True(Unsafe.AreSame(ref MemoryMarshal.GetReference(eth.Close), ref MemoryMarshal.GetReference(u.Close(1))));
        Assert.True(u.IsComplete(1));
        Assert.Equal([true, true, true], u.Present(1).ToArray());

        // A complete symbol in a universe with an incomplete one keeps its own buffers too.
        var mixed = BarUniverse.Create(btc, Bars("SOL", 1));
        Assert.True(Unsafe.AreSame(ref MemoryMarshal.GetReference(btc.Close), ref MemoryMarshal.GetReference(mixed.Close(0))));
    }

    [Fact]
    public void Bad_input_is_rejected()
    {
        var m1 = Bars("BTC", 0, 1);
        var h1 = BarSeries.FromArrays("ETH", Timeframe.H1, [0L], [1.0], [1.0], [1.0], [1.0], [1.0]);
        var e = Assert.Throws<ArgumentException>(() => BarUniverse.Create(m1, h1));
        Assert.Contains("1h", e.Message);
        Assert.Contains("1m", e.Message);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => BarUniverse.Create(m1, Bars("BTC", 3))).Message);
        Assert.Throws<ArgumentException>(() => BarUniverse.Create());
    }

    [Property(MaxTest = 100)]
    public void Every_symbol_has_exactly_its_own_bars_on_the_index(int seed, byte symbols, byte length)
    {
        int count = symbols % 5 + 1;
        var series = new BarSeries[count];
        for (int s = 0; s < count; s++)
            series[s] = GappyBars.Create(seed + s, (length + s * 37) % 300, Timeframe.M5, gapChance: 0.2, origin: 0, symbol: "S" + s);
        var u = BarUniverse.Create(series);

        var expectedIndex = series.SelectMany(s => s.Time.ToArray()).Distinct().Order().ToArray();
        Assert.Equal(expectedIndex, u.Time.ToArray());
        for (int s = 0; s < count; s++)
        {
            var rows = new Dictionary<long, int>();
            for (int r = 0; r < series[s].Length; r++) rows[series[s].Time[r]] = r;
            for (int i = 0; i < u.Length; i++)
            {
                bool has = rows.TryGetValue(u.Time[i], out int r);
                Assert.Equal(has, u.Present(s)[i]);
                Assert.Equal(has ? series[s].Open[r] : double.NaN, u.Open(s)[i]);
                Assert.Equal(has ? series[s].High[r] : double.NaN, u.High(s)[i]);
                Assert.Equal(has ? series[s].Low[r] : double.NaN, u.Low(s)[i]);
                Assert.Equal(has ? series[s].Close[r] : double.NaN, u.Close(s)[i]);
                Assert.Equal(has ? series[s].Volume[r] : double.NaN, u.Volume(s)[i]);
            }
        }
    }
}
