using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;
using VectorBacktest.Portfolio.MultiAsset;

namespace VectorBacktest.Tests.Portfolio.MultiAsset;

// One order book per symbol on the multi-asset signal drivers, hand-computed (no fees, no slippage).
public class PortfolioDepthTests
{
    private static bool[] Column(int symbols, int bars, params (int Symbol, int Bar)[] cells)
    {
        var column = new bool[symbols * bars];
        foreach (var (s, b) in cells) column[s * bars + b] = true;
        return column;
    }

    private static (double, double)?[] Flat(int n, double price)
    {
        var rows = new (double, double)?[n];
        for (int i = 0; i < n; i++) rows[i] = (price, price);
        return rows;
    }

    // Every bar: bids 99 × 3, 98 × 10; asks 101 × 4, 102 × 4.
    private static OrderBookDepth Book(int bars)
    {
        var bid = new double[2 * bars]; var bidQ = new double[2 * bars]; var ask = new double[2 * bars]; var askQ = new double[2 * bars];
        for (int i = 0; i < bars; i++)
        {
            (bid[2 * i], bid[2 * i + 1], bidQ[2 * i], bidQ[2 * i + 1]) = (99, 98, 3, 10);
            (ask[2 * i], ask[2 * i + 1], askQ[2 * i], askQ[2 * i + 1]) = (101, 102, 4, 4);
        }
        return new OrderBookDepth(2, bid, bidQ, ask, askQ);
    }

    private static Universe TwoSymbols() =>
        Universe.Create(PortfolioSimulatorTests.Series("A", Flat(4, 100)), PortfolioSimulatorTests.Series("B", Flat(4, 100)));

    [Fact]
    public void Entries_and_exits_walk_their_symbols_book()
    {
        // B (no book) enters on bar 0: 10 % of 10 000 at 100 = 10 units at bar 1's open. A (its book) enters on bar 1: it wants
        // 10 but the asks hold 8, filled at (4 × 101 + 4 × 102) / 8 = 101.5 (Partial, the 2 left cancelled). Both exit on bar 2: A
        // sells 8 into the bids, (3 × 99 + 5 × 98) / 8 = 98.375 (P&L −25); B sells at 100.
        var ws = new PortfolioWorkspace();
        var options = new PortfolioOptions { InitialCash = 10_000, Sizing = PortfolioSizing.EquityWeight(0.1) };
        var signals = new PortfolioSignals(Column(2, 4, (0, 1), (1, 0)), Column(2, 4, (0, 2), (1, 2)));
        var summary = PortfolioSimulator.FromSignals(TwoSymbols(), signals, options, default(NoFee), default(NoSlippage), ws, [Book(4), null]);
        Assert.Equal(4, ws.Orders.Length);
        Assert.Equal((1, 1, 10.0, 100.0), (ws.Orders[0].Asset, ws.Orders[0].Bar, ws.Orders[0].Quantity, ws.Orders[0].Price));
        Assert.Equal((0, 2, OrderStatus.Partial, 8.0, 10.0, 101.5),
            (ws.Orders[1].Asset, ws.Orders[1].Bar, ws.Orders[1].Status, ws.Orders[1].Quantity, ws.Orders[1].RequestedQuantity, ws.Orders[1].Price));
        Assert.Equal((0, 3, OrderSide.Sell, 8.0, 98.375, ExitReason.Signal),
            (ws.Orders[2].Asset, ws.Orders[2].Bar, ws.Orders[2].Side, ws.Orders[2].Quantity, ws.Orders[2].Price, ws.Orders[2].Reason));
        Assert.Equal((1, 3, 10.0, 100.0), (ws.Orders[3].Asset, ws.Orders[3].Bar, ws.Orders[3].Quantity, ws.Orders[3].Price));
        Assert.Equal(-25.0, ws.Trades[0].Pnl);
        Assert.Equal(9_975.0, summary.FinalEquity);
    }

    [Fact]
    public void A_walk_dearer_than_the_sizing_price_is_cut_to_the_leveraged_free_margin()
    {
        // Leverage 2, cash 500: A wants 500 × 2 / 100 = 10, the asks hold 8 at 101.5 = 812, more than the cash but within the
        // 1 000 the free margin buys: all 8 fill (margin 406).
        var universe = Universe.Create(PortfolioSimulatorTests.Series("A", Flat(4, 100)));
        var options = new PortfolioOptions { InitialCash = 500, Sizing = PortfolioSizing.EquityWeight(1), Leverage = 2 };
        var ws = new PortfolioWorkspace();
        PortfolioSimulator.FromSignals(universe, new PortfolioSignals(Column(1, 4, (0, 0)), new bool[4]), options,
            default(NoFee), default(NoSlippage), ws, [Book(4)]);
        Assert.Equal((1, OrderStatus.Partial, 8.0, 10.0, 101.5),
            (ws.Orders[0].Bar, ws.Orders[0].Status, ws.Orders[0].Quantity, ws.Orders[0].RequestedQuantity, ws.Orders[0].Price));
    }

    [Fact]
    public void A_liquidation_fills_at_its_level_not_through_the_book()
    {
        // Leverage 10, no maintenance margin: A wants 0.1 × 10 000 × 10 / 100 = 100 at bar 1's open, the asks hold 8 at 101.5.
        // Liquidation level 101.5 × 0.9 = 91.35, reached on bar 2 (open 100, low 85): the exchange takes the 8 there, not at the
        // bids' 98.375. P&L 8 × (91.35 − 101.5) = −81.2.
        var universe = Universe.Create(PortfolioSimulatorTests.Series("A", (100, 100), (100, 100), (100, 85), (85, 85)));
        var options = new PortfolioOptions { InitialCash = 10_000, Sizing = PortfolioSizing.EquityWeight(0.1), Leverage = 10 };
        var ws = new PortfolioWorkspace();
        var summary = PortfolioSimulator.FromSignals(universe, new PortfolioSignals(Column(1, 4, (0, 0)), new bool[4]), options,
            default(NoFee), default(NoSlippage), ws, [Book(4)]);
        Assert.Equal(2, ws.Orders.Length);
        Assert.Equal((1, OrderStatus.Partial, 8.0, 101.5), (ws.Orders[0].Bar, ws.Orders[0].Status, ws.Orders[0].Quantity, ws.Orders[0].Price));
        Assert.Equal((2, OrderSide.Sell, 8.0, ExitReason.Liquidation), (ws.Orders[1].Bar, ws.Orders[1].Side, ws.Orders[1].Quantity, ws.Orders[1].Reason));
        Assert.Equal(91.35, ws.Orders[1].Price, 12);
        Assert.Equal(-81.2, ws.Trades[0].Pnl, 9);
        Assert.Equal(10_000 - 81.2, summary.FinalEquity, 9);
    }

    [Fact]
    public void A_carried_entry_remainder_walks_the_next_snapshot()
    {
        // As above without exits and with the remainder carried: A's 2 left fill on bar 3 at its best ask 101; average
        // (8 × 101.5 + 2 × 101) / 10 = 101.4. The event-driven driver with the same books gives the same orders.
        var options = new PortfolioOptions
        {
            InitialCash = 10_000, Sizing = PortfolioSizing.EquityWeight(0.1), Liquidity = new LiquidityLimits { Remainder = RemainderPolicy.Carry },
        };
        var le = Column(2, 4, (0, 1), (1, 0));
        var ws = new PortfolioWorkspace();
        PortfolioSimulator.FromSignals(TwoSymbols(), new PortfolioSignals(le, new bool[8]), options, default(NoFee), default(NoSlippage), ws, [Book(4), null]);
        Assert.Equal(3, ws.Orders.Length);
        Assert.Equal((0, 3, OrderStatus.Filled, 2.0, 101.0), (ws.Orders[2].Asset, ws.Orders[2].Bar, ws.Orders[2].Status, ws.Orders[2].Quantity, ws.Orders[2].Price));
        Assert.Equal(101.4, ws.Orders[2].EntryPriceAfter, 12);

        var strategy = new PortfolioEventDrivenTests.SignalReplay(le, new bool[8], [], [], 4);
        var events = new PortfolioWorkspace();
        PortfolioSimulator.Run(TwoSymbols(), ref strategy, options, default(NoFee), default(NoSlippage), events, depths: [Book(4), null]);
        Assert.Equal(ws.Orders.ToArray(), events.Orders.ToArray());
    }

    [Fact]
    public void Bad_books_name_the_argument()
    {
        var ws = new PortfolioWorkspace();
        var none = new bool[8];
        Assert.Equal("depths", Assert.Throws<ArgumentException>(() => PortfolioSimulator.FromSignals(TwoSymbols(), new PortfolioSignals(none, none), new PortfolioOptions(),
            default(NoFee), default(NoSlippage), ws, [Book(4)])).ParamName);
        Assert.Equal("depths", Assert.Throws<ArgumentException>(() => PortfolioSimulator.FromSignals(TwoSymbols(), new PortfolioSignals(none, none), new PortfolioOptions(),
            default(NoFee), default(NoSlippage), ws, [null, Book(3)])).ParamName);
        var strategy = new PortfolioEventDrivenTests.SignalReplay(new bool[8], new bool[8], [], [], 4);
        Assert.Equal("depths", Assert.Throws<ArgumentException>(() => PortfolioSimulator.Run(TwoSymbols(), ref strategy, new PortfolioOptions(),
            default(NoFee), default(NoSlippage), ws, depths: [Book(4)])).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => PortfolioSimulator.FromSignals(TwoSymbols(), new PortfolioSignals(none, none),
            new PortfolioOptions { Liquidity = new LiquidityLimits { Depth = Book(4) } }, default(NoFee), default(NoSlippage), ws)).ParamName);
    }

    [Fact]
    public void Empty_and_one_bar_universes_run_with_books()
    {
        var ws = new PortfolioWorkspace();
        var empty = Universe.Create(PortfolioSimulatorTests.Series("A"));
        var summary = PortfolioSimulator.FromSignals(empty, new PortfolioSignals([], []), new PortfolioOptions { InitialCash = 500 },
            default(NoFee), default(NoSlippage), ws, [new OrderBookDepth(1, [], [], [], [])]);
        Assert.Equal(500.0, summary.FinalEquity);
        var one = Universe.Create(PortfolioSimulatorTests.Series("A", Flat(1, 100)));
        summary = PortfolioSimulator.FromSignals(one, new PortfolioSignals([true], [false]), new PortfolioOptions { InitialCash = 500 },
            default(NoFee), default(NoSlippage), ws, [Book(1)]);
        Assert.Equal((0, 1, RejectReason.EndOfData), (summary.FilledOrders, summary.RejectedOrders, ws.Orders[0].RejectReason));
    }
}
