using System.Runtime.CompilerServices;

namespace VectorBacktest.Execution;

/// <summary>
/// Order-book depth snapshots, one per bar, in a compact columnar layout: every bar has the same number of
/// <see cref="Levels"/> per side, and bar <c>i</c>'s levels are elements <c>[i × Levels, (i + 1) × Levels)</c> of the four
/// columns, best level first (bids descending, asks ascending in price). A level with quantity 0 (or NaN) is absent, and
/// so are all levels after it (a side shorter than <see cref="Levels"/> pads with zero quantities).
/// </summary>
/// <remarks>Snapshot <c>i</c> is the book at the instant an order fills on bar <c>i</c>: its open under next-open timing,
/// its close under signal-close timing. Quantities are in base units, prices in quote per base unit. The arrays are not
/// copied.</remarks>
public sealed class OrderBookDepth
{
    private readonly double[] _bidPrice, _bidQuantity, _askPrice, _askQuantity;

    /// <summary>Wraps four columns of <c>bars × levels</c> values each.</summary>
    /// <param name="levels">Levels per side per bar, ≥ 1.</param>
    /// <param name="bidPrice">Bid prices, best (highest) first within each bar.</param>
    /// <param name="bidQuantity">Bid quantities, base units, ≥ 0.</param>
    /// <param name="askPrice">Ask prices, best (lowest) first within each bar.</param>
    /// <param name="askQuantity">Ask quantities, base units, ≥ 0.</param>
    /// <exception cref="ArgumentNullException">A column is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="levels"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException">Columns of different lengths or not a multiple of <paramref name="levels"/>; a negative
    /// quantity; a present level with a price that is not finite and &gt; 0 or out of order (the message names the column and bar).</exception>
    public OrderBookDepth(int levels, double[] bidPrice, double[] bidQuantity, double[] askPrice, double[] askQuantity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 1);
        ArgumentNullException.ThrowIfNull(bidPrice);
        ArgumentNullException.ThrowIfNull(bidQuantity);
        ArgumentNullException.ThrowIfNull(askPrice);
        ArgumentNullException.ThrowIfNull(askQuantity);
        int length = bidPrice.Length;
        if (length % levels != 0)
            throw new ArgumentException($"bidPrice has {length} values, not a multiple of {levels} levels.", nameof(bidPrice));
        if (bidQuantity.Length != length) throw new ArgumentException($"bidQuantity has {bidQuantity.Length} values, bidPrice {length}.", nameof(bidQuantity));
        if (askPrice.Length != length) throw new ArgumentException($"askPrice has {askPrice.Length} values, bidPrice {length}.", nameof(askPrice));
        if (askQuantity.Length != length) throw new ArgumentException($"askQuantity has {askQuantity.Length} values, bidPrice {length}.", nameof(askQuantity));
        Levels = levels;
        _bidPrice = bidPrice; _bidQuantity = bidQuantity; _askPrice = askPrice; _askQuantity = askQuantity;
        Check(bidPrice, bidQuantity, levels, descending: true, nameof(bidPrice));
        Check(askPrice, askQuantity, levels, descending: false, nameof(askPrice));
    }

    /// <summary>Levels per side per bar.</summary>
    public int Levels { get; }

    /// <summary>Number of bars covered.</summary>
    public int BarCount => _bidPrice.Length / Levels;

    /// <summary>Bar <paramref name="bar"/>'s bid prices, best first.</summary>
    public ReadOnlySpan<double> BidPrices(int bar) => _bidPrice.AsSpan(bar * Levels, Levels);
    /// <summary>Bar <paramref name="bar"/>'s bid quantities.</summary>
    public ReadOnlySpan<double> BidQuantities(int bar) => _bidQuantity.AsSpan(bar * Levels, Levels);
    /// <summary>Bar <paramref name="bar"/>'s ask prices, best first.</summary>
    public ReadOnlySpan<double> AskPrices(int bar) => _askPrice.AsSpan(bar * Levels, Levels);
    /// <summary>Bar <paramref name="bar"/>'s ask quantities.</summary>
    public ReadOnlySpan<double> AskQuantities(int bar) => _askQuantity.AsSpan(bar * Levels, Levels);

    /// <summary>
    /// Walks bar <paramref name="bar"/>'s book level by level for an order of <paramref name="quantity"/>: a buy takes the asks,
    /// a sell the bids, best first, never past <paramref name="limit"/> (NaN: no limit).
    /// </summary>
    /// <param name="bar">The fill bar.</param>
    /// <param name="side">Buy (takes asks) or sell (takes bids).</param>
    /// <param name="quantity">Quantity wanted, base units, ≥ 0.</param>
    /// <param name="limit">Worst acceptable price (NaN: none).</param>
    /// <param name="averagePrice">The volume-weighted price of what was taken (NaN when nothing was).</param>
    /// <returns>The quantity taken, ≤ <paramref name="quantity"/>.</returns>
    public double Walk(int bar, OrderSide side, double quantity, double limit, out double averagePrice)
    {
        bool buy = side == OrderSide.Buy;
        var prices = buy ? AskPrices(bar) : BidPrices(bar);
        var sizes = buy ? AskQuantities(bar) : BidQuantities(bar);
        double taken = 0, cost = 0;
        for (int l = 0; l < prices.Length && taken < quantity; l++)
        {
            double size = sizes[l];
            if (!(size > 0)) break;
            double price = prices[l];
            if (buy ? price > limit : price < limit) break;
            double take = Math.Min(size, quantity - taken);
            taken += take;
            cost += take * price;
        }
        averagePrice = taken > 0 ? cost / taken : double.NaN;
        return taken;
    }

    private static void Check(double[] price, double[] quantity, int levels, bool descending, string name)
    {
        for (int b = 0; b < price.Length / levels; b++)
        {
            double previous = double.NaN;
            for (int l = 0; l < levels; l++)
            {
                int k = b * levels + l;
                double q = quantity[k];
                if (q < 0) ThrowLevel(name.Replace("Price", "Quantity"), b, l, $"quantity {q} is negative");
                if (!(q > 0)) break;
                double p = price[k];
                if (!(p > 0 && double.IsFinite(p))) ThrowLevel(name, b, l, $"price {p} must be finite and > 0");
                if (l > 0 && (descending ? p >= previous : p <= previous))
                    ThrowLevel(name, b, l, $"price {p} is not {(descending ? "below" : "above")} the previous level's {previous}");
                previous = p;
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLevel(string name, int bar, int level, string problem) =>
        throw new ArgumentException($"{name}: bar {bar}, level {level}: {problem}.", name);
}
