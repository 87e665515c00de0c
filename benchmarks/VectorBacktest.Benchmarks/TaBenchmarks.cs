using BenchmarkDotNet.Attributes;
using VectorBacktest.Indicators;
using VectorBacktest.Kernels;
using VectorBacktest.Signals;

namespace VectorBacktest.Benchmarks;

/// <summary>
/// Technical-analysis kernels on the 1,000,000-bar <c>SingleRun1M</c> bars, single-threaded, writing into a
/// preallocated column (so the allocation column shows the kernels allocate nothing). Target: SMA, EMA, ATR and
/// rolling max/min at most 2 ms each. The crossover check of BENCHMARKS.md (3,181 entries and exits) runs once in
/// the setup before anything is timed.
/// </summary>
[MemoryDiagnoser]
public class TaBenchmarks
{
    private double[] _high = [];
    private double[] _low = [];
    private double[] _close = [];
    private double[] _output = [];
    private double[] _fast = [];
    private double[] _slow = [];
    private bool[] _entries = [];
    private bool[] _exits = [];
    private BitColumn _entryBits = new(0);

    /// <summary>Copies the bars once, precomputes the crossover inputs and checks the workload's signal count.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var bars = BenchmarkInputs.Bars1M;
        _high = bars.High.ToArray();
        _low = bars.Low.ToArray();
        _close = bars.Close.ToArray();
        _output = new double[_close.Length];
        _fast = Sma.Compute(_close, 50);
        _slow = Sma.Compute(_close, 200);
        _entries = new bool[_close.Length];
        _exits = new bool[_close.Length];
        Crossings.Above(_fast, _slow, _entries);
        Crossings.Below(_fast, _slow, _exits);
        int entries = BoolSignals.Count(_entries), exits = BoolSignals.Count(_exits);
        if (entries != 3181 || exits != 3181)
            throw new InvalidOperationException($"SMA(50)/SMA(200) crossover gave {entries} entries and {exits} exits; BENCHMARKS.md expects 3,181 each.");
        _entryBits = BitColumn.FromBools(_entries);
    }

    /// <summary>SMA(50), the default (fast) mode.</summary>
    [Benchmark(Baseline = true)]
    public void Sma50() => Sma.Compute(_close, 50, _output);

    /// <summary>SMA(50), pandas-exact mode.</summary>
    [Benchmark]
    public void Sma50Pandas() => Sma.Compute(_close, 50, _output, SmaMode.Pandas);

    /// <summary>SMA(200), the default (fast) mode.</summary>
    [Benchmark]
    public void Sma200() => Sma.Compute(_close, 200, _output);

    /// <summary>SMA(200), pandas-exact mode.</summary>
    [Benchmark]
    public void Sma200Pandas() => Sma.Compute(_close, 200, _output, SmaMode.Pandas);

    /// <summary>EMA(20), pandas <c>ewm(adjust=False)</c> (the default seed).</summary>
    [Benchmark]
    public void Ema20() => Ema.Compute(_close, 20, _output);

    /// <summary>EMA(20), SMA-seeded (TA-Lib).</summary>
    [Benchmark]
    public void Ema20SmaSeed() => Ema.Compute(_close, 20, _output, EmaSeed.Sma);

    /// <summary>ATR(14), Wilder.</summary>
    [Benchmark]
    public void Atr14() => Atr.Compute(_high, _low, _close, 14, _output);

    /// <summary>Rolling maximum of highs over 50 bars.</summary>
    [Benchmark]
    public void RollingMax50() => RollingMax.Compute(_high, 50, _output);

    /// <summary>Rolling minimum of lows over 50 bars.</summary>
    [Benchmark]
    public void RollingMin50() => RollingMin.Compute(_low, 50, _output);

    /// <summary>RSI(14), Wilder.</summary>
    [Benchmark]
    public void Rsi14() => Rsi.Compute(_close, 14, _output);

    /// <summary>Both crossover columns of the SMA(50)/SMA(200) pair.</summary>
    [Benchmark]
    public void CrossoverColumns()
    {
        Crossings.Above(_fast, _slow, _entries);
        Crossings.Below(_fast, _slow, _exits);
    }

    /// <summary>Visits every entry with the bool-column scan; returns the count.</summary>
    [Benchmark]
    public int ScanEntriesBool()
    {
        int count = 0;
        for (int i = BoolSignals.IndexOfNextTrue(_entries, 0); i >= 0; i = BoolSignals.IndexOfNextTrue(_entries, i + 1)) count++;
        return count;
    }

    /// <summary>Visits every entry with the bit-column scan; returns the count.</summary>
    [Benchmark]
    public int ScanEntriesBits()
    {
        int count = 0;
        for (int i = _entryBits.IndexOfNextTrue(0); i >= 0; i = _entryBits.IndexOfNextTrue(i + 1)) count++;
        return count;
    }
}
