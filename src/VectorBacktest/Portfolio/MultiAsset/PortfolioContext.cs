using System.Runtime.CompilerServices;
using VectorBacktest.Data;
using VectorBacktest.Execution;

namespace VectorBacktest.Portfolio.MultiAsset;

/// <summary>
/// What an <see cref="IPortfolioStrategy"/> sees on one bar and the market requests it places, per symbol (a symbol is its index
/// in the universe). Per symbol the requests are combined by the rules of signal columns (<see cref="SignalDecision"/>):
/// entering the side already held is ignored, entering the other side reverses, an entry and an exit of one side cancel.
/// An entry may carry its own stop-loss and take-profit prices, as <see cref="PortfolioSignals.StopLossPrice"/> /
/// <see cref="PortfolioSignals.TakeProfitPrice"/> do for signal columns.
/// </summary>
/// <remarks>
/// <para>Prices and volumes are those of the universe (NaN where a symbol has no bar), sliced to bars 0 to <see cref="Bar"/>:
/// later bars are not visible, so no look-ahead is possible.</para>
/// <para>Requests are market orders filled by the run's timing (next open, or this bar's close). A request for a symbol
/// without a bar at <see cref="Bar"/> is rejected with <see cref="RejectReason.MissingBar"/>; one that would fill on a bar the
/// symbol lacks is rejected the same way at the fill. Until the fill, a request can be withdrawn on the bar it was placed
/// (<see cref="CancelRequests"/>); there are no working (limit or stop) orders to amend across bars.</para>
/// </remarks>
public ref struct PortfolioContext
{
    internal const byte LongEntry = 1, LongExit = 2, ShortEntry = 4, ShortExit = 8;

    private readonly Universe _universe;
    private readonly ReadOnlySpan<double> _quantity, _entry, _mark;
    private readonly Span<byte> _requests;
    // Per symbol: long stop, long target, short stop, short target; read only for the entry flags set in _requests.
    private readonly Span<double> _levels;
    // Perpetual futures: the run's leverage and margin mode, and the funding accrued per symbol (empty without a funding column).
    private readonly double _leverage;
    private readonly bool _cross;
    private readonly ReadOnlySpan<double> _accrued;

    internal PortfolioContext(Universe universe, int bar, ReadOnlySpan<double> quantity, ReadOnlySpan<double> entry,
        ReadOnlySpan<double> mark, double balance, Span<byte> requests, Span<double> levels, double leverage, bool cross,
        ReadOnlySpan<double> accrued)
    {
        _levels = levels;
        _leverage = leverage;
        _cross = cross;
        _accrued = accrued;
        _universe = universe;
        Bar = bar;
        _quantity = quantity;
        _entry = entry;
        _mark = mark;
        Balance = balance;
        _requests = requests;
    }

    /// <summary>The current bar's index in the universe; its closes are the latest known prices.</summary>
    public int Bar { get; }
    /// <summary>Number of symbols.</summary>
    public readonly int SymbolCount => _quantity.Length;
    /// <summary>The symbols' names, by index.</summary>
    public readonly IReadOnlyList<string> Symbols => _universe.Symbols;
    /// <summary>Open times (epoch ms UTC) of the index positions 0 to <see cref="Bar"/>.</summary>
    public readonly ReadOnlySpan<long> Time => _universe.Time[..(Bar + 1)];
    /// <summary>Opens of <paramref name="symbol"/>, bars 0 to <see cref="Bar"/> (NaN where it has no bar).</summary>
    public readonly ReadOnlySpan<double> Open(int symbol) => _universe.Open(Check(symbol))[..(Bar + 1)];
    /// <summary>Highs of <paramref name="symbol"/>, bars 0 to <see cref="Bar"/> (NaN where it has no bar).</summary>
    public readonly ReadOnlySpan<double> High(int symbol) => _universe.High(Check(symbol))[..(Bar + 1)];
    /// <summary>Lows of <paramref name="symbol"/>, bars 0 to <see cref="Bar"/> (NaN where it has no bar).</summary>
    public readonly ReadOnlySpan<double> Low(int symbol) => _universe.Low(Check(symbol))[..(Bar + 1)];
    /// <summary>Closes of <paramref name="symbol"/>, bars 0 to <see cref="Bar"/> (NaN where it has no bar).</summary>
    public readonly ReadOnlySpan<double> Close(int symbol) => _universe.Close(Check(symbol))[..(Bar + 1)];
    /// <summary>Volumes of <paramref name="symbol"/>, bars 0 to <see cref="Bar"/> (NaN where it has no bar).</summary>
    public readonly ReadOnlySpan<double> Volume(int symbol) => _universe.Volume(Check(symbol))[..(Bar + 1)];
    /// <summary>Whether <paramref name="symbol"/> has a bar, positions 0 to <see cref="Bar"/>.</summary>
    public readonly ReadOnlySpan<bool> Present(int symbol) => _universe.Present(Check(symbol))[..(Bar + 1)];

    /// <summary>The position of <paramref name="symbol"/> after this bar's fills and exits.</summary>
    public readonly PositionSide Position(int symbol)
    {
        double q = _quantity[Check(symbol)];
        return q > 0 ? PositionSide.Long : q < 0 ? PositionSide.Short : PositionSide.Flat;
    }

    /// <summary>Signed position of <paramref name="symbol"/> in base units.</summary>
    public readonly double Quantity(int symbol) => _quantity[Check(symbol)];
    /// <summary>Entry price of <paramref name="symbol"/>'s position (0 when flat).</summary>
    public readonly double EntryPrice(int symbol) => _entry[Check(symbol)];
    /// <summary>The shared realised balance: initial cash + realised P&amp;L − fees (the open positions' cost basis included).</summary>
    public double Balance { get; }

    /// <summary>Free cash (free margin): <see cref="Balance"/> (cross margin: <see cref="Equity"/>) minus Σ |quantity| × entry
    /// price / leverage minus the funding accrued, as in <see cref="PortfolioWorkspace.Cash"/>.</summary>
    public readonly double Cash
    {
        get
        {
            double free = _cross ? MarkedEquity() : Balance;
            for (int s = 0; s < _quantity.Length; s++) free -= Math.Abs(_quantity[s]) * _entry[s] / _leverage;
            return free - Owed();
        }
    }

    /// <summary>Equity marked at this bar's close, each position at its symbol's last known close, less the funding accrued (the value
    /// <see cref="PortfolioWorkspace.Equity"/> records for this bar when no order fills after this call).</summary>
    public readonly double Equity => MarkedEquity() - Owed();

    // Evaluated in the run's order (PortfolioRun.Close), so the values equal the recorded ones bit for bit.
    private readonly double MarkedEquity()
    {
        double equity = Balance;
        for (int s = 0; s < _quantity.Length; s++)
        {
            double q = _quantity[s];
            if (q == 0) continue;
            double close = _universe.Close(s)[Bar];
            double value = (double.IsNaN(close) ? _mark[s] : close) * q;
            equity += value - q * _entry[s];
        }
        return equity;
    }

    private readonly double Owed()
    {
        double owed = 0;
        for (int s = 0; s < _accrued.Length; s++) owed += _quantity[s] * _accrued[s];
        return owed;
    }

    /// <summary>Open a long on <paramref name="symbol"/> (or reverse a short into one), optionally with its own exit prices.</summary>
    /// <param name="symbol">The symbol's index.</param>
    /// <param name="stopLoss">Stop-loss price of this entry, below the symbol's close on this bar (NaN: <see cref="PortfolioOptions.Exits"/>'
    /// stop-loss); what <see cref="PortfolioSignals.StopLossPrice"/> gives on this bar, with the same rules (and the same
    /// <see cref="ArgumentException"/> when it is on the wrong side, raised when the entry executes).</param>
    /// <param name="takeProfit">Take-profit price of this entry, above the symbol's close on this bar (NaN: the exit rules').</param>
    public readonly void EnterLong(int symbol, double stopLoss = double.NaN, double takeProfit = double.NaN)
    {
        _requests[Check(symbol)] |= LongEntry;
        _levels[4 * symbol] = stopLoss;
        _levels[4 * symbol + 1] = takeProfit;
    }
    /// <summary>Close a long on <paramref name="symbol"/>.</summary>
    public readonly void ExitLong(int symbol) => _requests[Check(symbol)] |= LongExit;
    /// <summary>Open a short on <paramref name="symbol"/> (or reverse a long into one), optionally with its own exit prices
    /// (see <see cref="EnterLong"/>).</summary>
    /// <param name="symbol">The symbol's index.</param>
    /// <param name="stopLoss">Stop-loss price of this entry, above the symbol's close on this bar (NaN: the exit rules').</param>
    /// <param name="takeProfit">Take-profit price of this entry, below the symbol's close on this bar and &gt; 0 (NaN: the exit rules').</param>
    public readonly void EnterShort(int symbol, double stopLoss = double.NaN, double takeProfit = double.NaN)
    {
        _requests[Check(symbol)] |= ShortEntry;
        _levels[4 * symbol + 2] = stopLoss;
        _levels[4 * symbol + 3] = takeProfit;
    }
    /// <summary>Close a short on <paramref name="symbol"/>.</summary>
    public readonly void ExitShort(int symbol) => _requests[Check(symbol)] |= ShortExit;

    /// <summary>Close whatever position <paramref name="symbol"/> holds.</summary>
    public readonly void ClosePosition(int symbol)
    {
        double q = _quantity[Check(symbol)];
        if (q > 0) _requests[symbol] |= LongExit;
        else if (q < 0) _requests[symbol] |= ShortExit;
    }

    /// <summary>Close every open position.</summary>
    public readonly void CloseAll()
    {
        for (int s = 0; s < _quantity.Length; s++)
        {
            if (_quantity[s] > 0) _requests[s] |= LongExit;
            else if (_quantity[s] < 0) _requests[s] |= ShortExit;
        }
    }

    /// <summary>Withdraws the requests placed on <paramref name="symbol"/> during this call.</summary>
    public readonly void CancelRequests(int symbol) => _requests[Check(symbol)] = 0;

    /// <summary>The requests placed on <paramref name="symbol"/>: a combination of <see cref="LongEntry"/>, <see cref="LongExit"/>,
    /// <see cref="ShortEntry"/> and <see cref="ShortExit"/>.</summary>
    internal readonly byte RequestsOf(int symbol) => _requests[symbol];

    internal readonly void Add(int symbol, byte requests) => _requests[symbol] |= requests;

    /// <summary>The explicit stop-loss and take-profit prices of <paramref name="symbol"/>'s long (or short) entry request
    /// (NaN: none); meaningful only while that entry is requested.</summary>
    internal readonly (double StopLoss, double TakeProfit) EntryLevels(int symbol, bool isLong)
    {
        int k = 4 * symbol + (isLong ? 0 : 2);
        return (_levels[k], _levels[k + 1]);
    }

    /// <summary>The same bar and state with its requests kept in <paramref name="requests"/> (one per symbol) and their levels
    /// in <paramref name="levels"/> (four per symbol).</summary>
    internal readonly PortfolioContext WithRequests(Span<byte> requests, Span<double> levels) =>
        new(_universe, Bar, _quantity, _entry, _mark, Balance, requests, levels, _leverage, _cross, _accrued);

    private readonly int Check(int symbol)
    {
        if ((uint)symbol >= (uint)_quantity.Length) ThrowSymbol(symbol, _quantity.Length);
        return symbol;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSymbol(int symbol, int count) =>
        throw new ArgumentOutOfRangeException(nameof(symbol), symbol, $"The universe has {count} symbols (indices 0 to {count - 1}).");
}
