namespace VectorBacktest.Data;

/// <summary>
/// Several symbols on one time index: the sorted union of their open times, at one timeframe. Every symbol has one
/// value per index position; a bar a symbol does not have stays missing (NaN in all five price and volume columns,
/// false in <see cref="Present"/>) and is never invented.
/// </summary>
/// <remarks>
/// <para>Columns are spans. A symbol whose bars cover the whole index is not copied: its spans are its
/// <see cref="BarSeries"/> buffers. When all symbols share the same times, the index itself is the first series'
/// time column.</para>
/// <para>Volume is NaN, not zero, at a missing bar, so that a missing bar never passes for a quiet one. The only
/// filling offered is the explicit <see cref="ForwardFillClose"/>, which marks what it filled.</para>
/// </remarks>
public sealed class Universe
{
    private readonly BarSeries[] _series;
    private readonly SymbolColumns?[] _columns; // null: the series covers the whole index
    private readonly long[]? _time;              // null: every series has the same times
    private readonly string[] _symbols;
    private readonly Dictionary<string, int> _bySymbol;
    private bool[]? _allPresent;

    private Universe(BarSeries[] series, long[]? time, SymbolColumns?[] columns, Dictionary<string, int> bySymbol)
    {
        _series = series;
        _time = time;
        _columns = columns;
        _bySymbol = bySymbol;
        _symbols = new string[series.Length];
        for (int s = 0; s < series.Length; s++) _symbols[s] = series[s].Symbol;
        Timeframe = series[0].Timeframe;
    }

    /// <summary>Aligns <paramref name="series"/> on the union of their open times.</summary>
    /// <param name="series">One series per symbol, all of the same timeframe, with distinct symbols.</param>
    /// <exception cref="ArgumentException">No series, a null series, two series with the same symbol, or timeframes that differ.</exception>
    public static Universe Create(params IReadOnlyList<BarSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0) throw new ArgumentException("A universe needs at least one series.", nameof(series));
        var copy = new BarSeries[series.Count];
        var bySymbol = new Dictionary<string, int>(series.Count, StringComparer.Ordinal);
        for (int s = 0; s < copy.Length; s++)
        {
            var one = series[s] ?? throw new ArgumentException($"Series {s} is null.", nameof(series));
            if (one.Timeframe != series[0].Timeframe)
                throw new ArgumentException(
                    $"All series must share one timeframe: {series[0].Symbol} is {series[0].Timeframe}, {one.Symbol} is {one.Timeframe}. Resample first.",
                    nameof(series));
            if (!bySymbol.TryAdd(one.Symbol, s))
                throw new ArgumentException($"Symbol '{one.Symbol}' appears twice.", nameof(series));
            copy[s] = one;
        }

        var columns = new SymbolColumns?[copy.Length];
        if (UniverseIndex.AllEqual(copy)) return new Universe(copy, null, columns, bySymbol);

        var time = UniverseIndex.Union(copy);
        for (int s = 0; s < copy.Length; s++)
            if (copy[s].Length != time.Length) columns[s] = SymbolColumns.Scatter(copy[s], time);
        return new Universe(copy, time, columns, bySymbol);
    }

    /// <summary>The symbols, in the order given to <see cref="Create"/>; a symbol's position is its index.</summary>
    public IReadOnlyList<string> Symbols => _symbols;

    /// <summary>Number of symbols.</summary>
    public int SymbolCount => _series.Length;

    /// <summary>The common bar duration.</summary>
    public Timeframe Timeframe { get; }

    /// <summary>Number of index positions (bar open times).</summary>
    public int Length => Time.Length;

    /// <summary>The index: open times, epoch ms UTC, strictly increasing; the union of every symbol's times.</summary>
    public ReadOnlySpan<long> Time => _time ?? _series[0].Time;

    /// <summary>The position of <paramref name="symbol"/>, or -1 when the universe does not hold it.</summary>
    public int IndexOf(string symbol) => _bySymbol.GetValueOrDefault(symbol, -1);

    /// <summary>The bars of symbol <paramref name="symbolIndex"/> as given (its own times, no missing values).</summary>
    public BarSeries Series(int symbolIndex) => _series[symbolIndex];

    /// <summary>Opens of symbol <paramref name="symbolIndex"/> on the index; NaN where it has no bar.</summary>
    public ReadOnlySpan<double> Open(int symbolIndex) => _columns[symbolIndex] is { } c ? c.Open : _series[symbolIndex].Open;

    /// <summary>Highs of symbol <paramref name="symbolIndex"/> on the index; NaN where it has no bar.</summary>
    public ReadOnlySpan<double> High(int symbolIndex) => _columns[symbolIndex] is { } c ? c.High : _series[symbolIndex].High;

    /// <summary>Lows of symbol <paramref name="symbolIndex"/> on the index; NaN where it has no bar.</summary>
    public ReadOnlySpan<double> Low(int symbolIndex) => _columns[symbolIndex] is { } c ? c.Low : _series[symbolIndex].Low;

    /// <summary>Closes of symbol <paramref name="symbolIndex"/> on the index; NaN where it has no bar.</summary>
    public ReadOnlySpan<double> Close(int symbolIndex) => _columns[symbolIndex] is { } c ? c.Close : _series[symbolIndex].Close;

    /// <summary>Volumes of symbol <paramref name="symbolIndex"/> on the index; NaN (not 0) where it has no bar.</summary>
    public ReadOnlySpan<double> Volume(int symbolIndex) => _columns[symbolIndex] is { } c ? c.Volume : _series[symbolIndex].Volume;

    /// <summary>True at the index positions where symbol <paramref name="symbolIndex"/> has a bar.</summary>
    public ReadOnlySpan<bool> Present(int symbolIndex) =>
        _columns[symbolIndex] is { } c ? c.Present : (_allPresent ??= CreateAllPresent(Length));

    /// <summary>True when symbol <paramref name="symbolIndex"/> has a bar at every index position.</summary>
    public bool IsComplete(int symbolIndex) => _columns[symbolIndex] is null;

    /// <summary>
    /// Opt-in forward fill of symbol <paramref name="symbolIndex"/>'s close: a missing bar takes the close of the newest
    /// present bar before it, and is marked in <see cref="ForwardFilledClose.Filled"/>. Positions before the symbol's
    /// first bar stay NaN. Use it for valuation (marking a position to market across a missing bar), not as price data:
    /// no trade can fill on a filled bar. Allocates the result.
    /// </summary>
    public ForwardFilledClose ForwardFillClose(int symbolIndex)
    {
        var close = Close(symbolIndex);
        var present = Present(symbolIndex);
        var values = new double[close.Length];
        var filled = new bool[close.Length];
        double last = double.NaN;
        for (int i = 0; i < values.Length; i++)
        {
            if (present[i])
            {
                last = close[i];
                values[i] = last;
            }
            else
            {
                values[i] = last;
                filled[i] = !double.IsNaN(last);
            }
        }
        return new ForwardFilledClose(values, filled);
    }

    private static bool[] CreateAllPresent(int length)
    {
        var all = new bool[length];
        all.AsSpan().Fill(true);
        return all;
    }

    /// <summary>A symbol's columns copied onto the index, NaN where it has no bar.</summary>
    private sealed class SymbolColumns
    {
        public required double[] Open, High, Low, Close, Volume;
        public required bool[] Present;

        public static SymbolColumns Scatter(BarSeries series, long[] index)
        {
            var positions = new int[series.Length];
            UniverseIndex.Locate(series.Time, index, positions);
            var columns = new SymbolColumns
            {
                Open = Spread(series.Open, positions, index.Length),
                High = Spread(series.High, positions, index.Length),
                Low = Spread(series.Low, positions, index.Length),
                Close = Spread(series.Close, positions, index.Length),
                Volume = Spread(series.Volume, positions, index.Length),
                Present = new bool[index.Length],
            };
            foreach (int p in positions) columns.Present[p] = true;
            return columns;
        }

        private static double[] Spread(ReadOnlySpan<double> values, int[] positions, int length)
        {
            var result = new double[length];
            result.AsSpan().Fill(double.NaN);
            for (int i = 0; i < positions.Length; i++) result[positions[i]] = values[i];
            return result;
        }
    }
}
