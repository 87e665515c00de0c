using FsCheck;
using FsCheck.Fluent;
using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;
using VectorBacktest.Portfolio.MultiAsset;
using VectorBacktest.Portfolio.Orders;
using VectorBacktest.Tests.Infrastructure;

namespace VectorBacktest.Tests.Portfolio.MultiAsset;

public class PortfolioOrderTests
{
    internal static double[] Sizes(int symbols, int bars, params (int Symbol, int Bar, double Size)[] cells)
    {
        var size = new double[symbols * bars];
        Array.Fill(size, double.NaN);
        foreach (var (s, b, v) in cells) size[s * bars + b] = v;
        return size;
    }

    internal static (double, double)?[] Flat(int n, double price)
    {
        var rows = new (double, double)?[n];
        for (int i = 0; i < n; i++) rows[i] = (price, price);
        return rows;
    }

    private static PortfolioSummary Run(Universe u, PortfolioOrders orders, PortfolioOptions options, PortfolioWorkspace ws,
        LiquidityLimits limits = default) =>
        PortfolioSimulator.FromOrders(u, orders, options, default(NoFee), default(NoSlippage), ws, limits);

    [Fact]
    public void Sales_fill_before_purchases_so_freed_cash_is_spent_on_the_same_bar()
    {
        // B (symbol 1) is sold on bar 2 although A (symbol 0) comes first: A's buy needs the cash of that sale.
        var u = Universe.Create(PortfolioSimulatorTests.Series("A", Flat(4, 50)), PortfolioSimulatorTests.Series("B", Flat(4, 100)));
        var ws = new PortfolioWorkspace();
        var summary = Run(u, new PortfolioOrders(Sizes(2, 4, (1, 0, 10), (0, 1, 20), (1, 1, -10))), new PortfolioOptions { InitialCash = 1000 }, ws);
        Assert.Equal(3, ws.Orders.Length);
        Assert.Equal((1, OrderSide.Sell, 2), (ws.Orders[1].Asset, ws.Orders[1].Side, ws.Orders[1].Bar));
        Assert.Equal((0, OrderStatus.Filled, 20.0), (ws.Orders[2].Asset, ws.Orders[2].Status, ws.Orders[2].Quantity));
        Assert.Equal(1000.0, summary.FinalEquity);
        Assert.Equal(0.0, ws.Cash[3]);
    }

    [Fact]
    public void Target_percent_is_a_fraction_of_the_shared_equity_and_a_missing_bar_never_fills()
    {
        var rows = Flat(4, 10);
        rows[2] = null;
        var u = Universe.Create(PortfolioSimulatorTests.Series("A", Flat(4, 100)), PortfolioSimulatorTests.Series("B", rows));
        var ws = new PortfolioWorkspace();
        Run(u, new PortfolioOrders(Sizes(2, 4, (0, 0, 0.5), (1, 0, 0.25), (1, 1, 0.5)), SizeType.TargetPercent),
            new PortfolioOptions { InitialCash = 1000 }, ws);
        Assert.Equal((0, 5.0), (ws.Orders[0].Asset, ws.Orders[0].Quantity));
        Assert.Equal((1, 25.0), (ws.Orders[1].Asset, ws.Orders[1].Quantity));
        Assert.Equal((OrderStatus.Rejected, RejectReason.MissingBar, 2), (ws.Orders[2].Status, ws.Orders[2].RejectReason, ws.Orders[2].Bar));
        Assert.Equal(3, ws.Orders.Length);
    }

    [Fact]
    public void Risk_limits_cut_additions_and_the_daily_loss_limit_spares_reductions()
    {
        var u = Universe.Create(PortfolioSimulatorTests.Series("A", Flat(4, 100)), PortfolioSimulatorTests.Series("B", Flat(4, 100)));
        var ws = new PortfolioWorkspace();
        var options = new PortfolioOptions { InitialCash = 1000, Risk = new RiskLimits { MaxPositionQuantity = 3, MaxTotalExposure = 0.5 } };
        Run(u, new PortfolioOrders(Sizes(2, 4, (0, 0, 4), (1, 0, 4), (0, 1, 1))), options, ws);
        Assert.Equal((OrderStatus.Partial, 3.0, 4.0), (ws.Orders[0].Status, ws.Orders[0].Quantity, ws.Orders[0].RequestedQuantity));
        Assert.Equal((OrderStatus.Partial, 2.0), (ws.Orders[1].Status, ws.Orders[1].Quantity));
        Assert.Equal((OrderStatus.Rejected, RejectReason.PositionLimit), (ws.Orders[2].Status, ws.Orders[2].RejectReason));

        var falling = Flat(30, 100);
        for (int i = 2; i < 30; i++) falling[i] = (i == 2 ? 100 : 90, 90);
        u = Universe.Create(PortfolioSimulatorTests.Series("A", falling), PortfolioSimulatorTests.Series("B", Flat(30, 10)));
        Run(u, new PortfolioOrders(Sizes(2, 30, (0, 0, 5), (1, 3, 10), (0, 3, -2), (1, 25, 10))),
            new PortfolioOptions { InitialCash = 1000, Risk = new RiskLimits { DailyLossLimit = 0.04 } }, ws);
        Assert.Equal((0, OrderStatus.Filled, 4), (ws.Orders[1].Asset, ws.Orders[1].Status, ws.Orders[1].Bar));
        Assert.Equal((1, RejectReason.DailyLossLimit), (ws.Orders[2].Asset, ws.Orders[2].RejectReason));
        Assert.Equal((1, OrderStatus.Filled, 26), (ws.Orders[3].Asset, ws.Orders[3].Status, ws.Orders[3].Bar));
    }

    [Fact]
    public void Drawdown_stop_flattens_every_symbol_and_rejects_later_additions_under_signal_close()
    {
        var a = Flat(6, 100);
        for (int i = 2; i < 6; i++) a[i] = (80, 80);
        var u = Universe.Create(PortfolioSimulatorTests.Series("A", a), PortfolioSimulatorTests.Series("B", Flat(6, 10)));
        var ws = new PortfolioWorkspace();
        var options = new PortfolioOptions { InitialCash = 1000, Timing = FillTiming.SignalClose, Risk = new RiskLimits { MaxDrawdown = 0.05 } };
        var summary = Run(u, new PortfolioOrders(Sizes(2, 6, (0, 0, 0.5), (1, 0, 0.2), (1, 4, 0.5)), SizeType.TargetPercent), options, ws);
        // A falls 20 % on bar 2: equity 900 at its close (10 % drawdown), both positions close there, B's later target is refused.
        Assert.Equal(2, summary.HaltBar);
        Assert.Equal((ExitReason.DrawdownHalt, 2, 0), (ws.Orders[2].Reason, ws.Orders[2].Bar, ws.Orders[2].Asset));
        Assert.Equal((ExitReason.DrawdownHalt, 2, 1), (ws.Orders[3].Reason, ws.Orders[3].Bar, ws.Orders[3].Asset));
        Assert.Equal((OrderStatus.Rejected, RejectReason.DrawdownHalt, 4), (ws.Orders[4].Status, ws.Orders[4].RejectReason, ws.Orders[4].Bar));
        Assert.Equal(ws.Equity[2], ws.Equity[5]);
    }

    [Fact]
    public void Volume_share_carries_the_remainder_to_the_symbols_next_bars()
    {
        var rows = Flat(5, 10);
        rows[2] = null;
        var u = Universe.Create(PortfolioSimulatorTests.Series("A", Flat(5, 10)), PortfolioSimulatorTests.Series("B", rows));
        var ws = new PortfolioWorkspace();
        // Volume 1000 per bar, 10 % share: 250 units of B take bars 1, 3 (bar 2 is missing) and 4.
        Run(u, new PortfolioOrders(Sizes(2, 5, (1, 0, 250))), new PortfolioOptions { InitialCash = 10_000 }, ws,
            new LiquidityLimits { MaxVolumeShare = 0.1, Remainder = RemainderPolicy.Carry });
        Assert.Equal(3, ws.Orders.Length);
        Assert.Equal((1, OrderStatus.Partial, 100.0, 250.0), (ws.Orders[0].Bar, ws.Orders[0].Status, ws.Orders[0].Quantity, ws.Orders[0].RequestedQuantity));
        Assert.Equal((3, 100.0, 0), (ws.Orders[1].Bar, ws.Orders[1].Quantity, ws.Orders[1].DecisionBar));
        Assert.Equal((4, 50.0, 250.0), (ws.Orders[2].Bar, ws.Orders[2].Quantity, ws.Orders[2].PositionAfter));
    }

    [Fact]
    public void Each_symbol_walks_its_own_order_book()
    {
        // A has a book (asks 101 × 2, 102 × 3 every bar), B none: A's buys walk it without slippage, B's are slipped.
        var u = Universe.Create(PortfolioSimulatorTests.Series("A", Flat(4, 100)), PortfolioSimulatorTests.Series("B", Flat(4, 100)));
        var book = new OrderBookDepth(2, [99.0, 98, 99, 98, 99, 98, 99, 98], [2.0, 3, 2, 3, 2, 3, 2, 3],
            [101.0, 102, 101, 102, 101, 102, 101, 102], [2.0, 3, 2, 3, 2, 3, 2, 3]);
        var ws = new PortfolioWorkspace();
        PortfolioSimulator.FromOrders(u, new PortfolioOrders(Sizes(2, 4, (0, 0, 4), (1, 0, 4), (0, 1, 10))), new PortfolioOptions(),
            default(NoFee), new FixedFractionSlippage(0.01), ws, default, [book, null]);
        Assert.Equal((0, 4.0, (2 * 101 + 2 * 102) / 4.0), (ws.Orders[0].Asset, ws.Orders[0].Quantity, ws.Orders[0].Price));
        Assert.Equal((1, 4.0), (ws.Orders[1].Asset, ws.Orders[1].Quantity));
        Assert.Equal(101.0, ws.Orders[1].Price, 12);
        // 10 more of A: the book holds 5 (remainder cancelled), at (2 × 101 + 3 × 102) / 5.
        Assert.Equal((OrderStatus.Partial, 5.0, 10.0), (ws.Orders[2].Status, ws.Orders[2].Quantity, ws.Orders[2].RequestedQuantity));
        Assert.Equal((2 * 101 + 3 * 102) / 5.0, ws.Orders[2].Price, 12);

        // Carried, the remaining 5 fill on bar 3 from its snapshot.
        PortfolioSimulator.FromOrders(u, new PortfolioOrders(Sizes(2, 4, (0, 1, 10))), new PortfolioOptions(), default(NoFee), default(NoSlippage), ws,
            new LiquidityLimits { Remainder = RemainderPolicy.Carry }, [book, null]);
        Assert.Equal((3, 5.0, 10.0), (ws.Orders[1].Bar, ws.Orders[1].Quantity, ws.Orders[1].PositionAfter));
    }

    [Fact]
    public void Size_types_can_differ_per_symbol()
    {
        var u = Universe.Create(PortfolioSimulatorTests.Series("A", Flat(3, 100)), PortfolioSimulatorTests.Series("B", Flat(3, 10)));
        var ws = new PortfolioWorkspace();
        // A: half the equity (1000) as a target, 5 units; B: 20 units.
        Run(u, new PortfolioOrders(Sizes(2, 3, (0, 0, 0.5), (1, 0, 20)), sizeTypes: [SizeType.TargetPercent, SizeType.Amount]),
            new PortfolioOptions { InitialCash = 1000 }, ws);
        Assert.Equal((0, 5.0), (ws.Orders[0].Asset, ws.Orders[0].Quantity));
        Assert.Equal((1, 20.0), (ws.Orders[1].Asset, ws.Orders[1].Quantity));
        Assert.Equal("orders.SizeTypes", Assert.Throws<ArgumentException>(() =>
            Run(u, new PortfolioOrders(new double[6], sizeTypes: [SizeType.Amount]), new PortfolioOptions(), ws)).ParamName);
        Assert.Equal("orders.SizeTypes", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Run(u, new PortfolioOrders(new double[6], sizeTypes: [SizeType.Amount, (SizeType)42]), new PortfolioOptions(), ws)).ParamName);
    }

    [Fact]
    public void Bad_order_books_name_the_argument()
    {
        var u = Universe.Create(PortfolioSimulatorTests.Series("A", Flat(2, 100)), PortfolioSimulatorTests.Series("B", Flat(2, 100)));
        var ws = new PortfolioWorkspace();
        var book = new OrderBookDepth(1, [99.0, 99], [1.0, 1], [101.0, 101], [1.0, 1]);
        var orders = new double[4];
        Assert.Equal("limits", Assert.Throws<ArgumentException>(() => PortfolioSimulator.FromOrders(u, new PortfolioOrders(orders),
            new PortfolioOptions(), default(NoFee), default(NoSlippage), ws, new LiquidityLimits { Depth = book })).ParamName);
        Assert.Equal("depths", Assert.Throws<ArgumentException>(() => PortfolioSimulator.FromOrders(u, new PortfolioOrders(orders),
            new PortfolioOptions(), default(NoFee), default(NoSlippage), ws, default, [book])).ParamName);
        var short1 = new OrderBookDepth(1, [99.0], [1.0], [101.0], [1.0]);
        Assert.Equal("depths", Assert.Throws<ArgumentException>(() => PortfolioSimulator.FromOrders(u, new PortfolioOrders(orders),
            new PortfolioOptions(), default(NoFee), default(NoSlippage), ws, default, [null, short1])).ParamName);
    }

    [Fact]
    public void Bad_input_names_the_argument()
    {
        var u = Universe.Create(PortfolioSimulatorTests.Series("A", Flat(3, 100)), PortfolioSimulatorTests.Series("B", Flat(3, 100)));
        var ws = new PortfolioWorkspace();
        Assert.Equal("orders.Size", Assert.Throws<ArgumentException>(() => Run(u, new PortfolioOrders(new double[3]), new PortfolioOptions(), ws)).ParamName);
        Assert.Equal("orders.Price", Assert.Throws<ArgumentException>(() =>
            Run(u, new PortfolioOrders(new double[6], SizeType.Amount, new double[5]), new PortfolioOptions(), ws)).ParamName);
        Assert.Equal("orders.SizeType", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Run(u, new PortfolioOrders(new double[6], (SizeType)42), new PortfolioOptions(), ws)).ParamName);
        Assert.Equal("orders", Assert.Throws<ArgumentException>(() => Run(u, new PortfolioOrders(new double[6]),
            new PortfolioOptions { Exits = new ExitRules { StopLoss = ExitLevel.AtrMultiple(2) } }, ws)).ParamName);
        Assert.Equal("orders.Atr", Assert.Throws<ArgumentException>(() =>
            Run(u, new PortfolioOrders(new double[6], atr: new double[5]), new PortfolioOptions(), ws)).ParamName);
        Assert.Equal("MaxVolumeShare", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Run(u, new PortfolioOrders(new double[6]), new PortfolioOptions(), ws, new LiquidityLimits { MaxVolumeShare = 2 })).ParamName);
        Assert.Throws<ArgumentNullException>(() => Run(u, new PortfolioOrders(new double[6]), new PortfolioOptions(), null!));
    }

    // A one-symbol portfolio is the single-asset order path: same orders, trades and equity, bit for bit.
    private static string? SingleAssetMismatch(int n, int seed)
    {
        var rng = new Random(seed);
        var bars = TestBars.Random(n, seed);
        var type = (SizeType)rng.Next(6);
        var size = new double[n];
        for (int i = 0; i < n; i++)
            size[i] = rng.NextDouble() >= 0.25 ? double.NaN : type switch
            {
                SizeType.Amount or SizeType.TargetAmount => Math.Round((rng.NextDouble() * 2 - 1) * 150, 2),
                SizeType.Value or SizeType.TargetValue => (rng.NextDouble() * 2 - 1) * 15_000,
                _ => rng.NextDouble() * 2.4 - 1.2,
            };
        double[] price = [];
        if (rng.Next(2) == 0)
        {
            price = new double[n];
            for (int i = 0; i < n; i++)
                price[i] = rng.Next(3) == 0 ? bars.Low[i] + (bars.High[i] - bars.Low[i]) * (rng.NextDouble() * 1.2 - 0.1) : double.NaN;
        }
        var timing = rng.Next(2) == 0 ? FillTiming.NextOpen : FillTiming.SignalClose;
        var limits = rng.Next(2) == 0 ? default : new LiquidityLimits
        {
            MaxVolumeShare = rng.Next(3) == 0 ? 0 : 0.01 + rng.NextDouble() * 0.1,
            Remainder = rng.Next(2) == 0 ? RemainderPolicy.Cancel : RemainderPolicy.Carry,
        };
        var depth = rng.Next(3) == 0 ? RandomDepth(bars, timing, rng) : null;
        var risk = rng.Next(2) == 0 ? default : RandomRisk(rng);
        var lots = rng.Next(2) == 0 ? default : new LotRules { QuantityStep = 0.01 };
        // Isolated leverage, maintenance margin and funding.
        double leverage = rng.Next(2) == 0 ? 1 : 1 + rng.NextDouble() * 19;
        double maintenance = rng.NextDouble() * 0.9 / leverage;
        double[] funding = [];
        if (rng.Next(2) == 0)
        {
            funding = new double[n];
            for (int i = 0; i < n; i++) funding[i] = rng.Next(4) == 0 ? (rng.NextDouble() - 0.3) * 0.002 : 0;
        }
        var fee = new FractionFee(0.001);
        var slip = new FixedFractionSlippage(rng.Next(2) * 0.0005);
        // Attached exits (drawn last, so the draws above are those of the exit-free property): fraction, ATR-multiple or absolute
        // levels (an absolute level on the wrong side must throw the same error in both), trailing and time stops.
        var exits = rng.Next(3) == 0 ? default : RandomExits(bars, rng);
        bool slipStops = rng.Next(2) == 0, pessimistic = rng.Next(2) == 0;
        var atr = new double[n];
        for (int i = 0; i < n; i++) atr[i] = bars.High[i] - bars.Low[i];
        var single = new SimulationWorkspace();
        var ws = new PortfolioWorkspace();
        var singleOptions = new SimulationOptions
        {
            Timing = timing, Lots = lots, Risk = risk, Exits = exits, SlipStopExits = slipStops, Leverage = leverage, MaintenanceMargin = maintenance,
        };
        var portfolioOptions = new PortfolioOptions
        {
            Timing = timing, Lots = lots, Risk = risk, Exits = exits, SlipStopExits = slipStops, Leverage = leverage, MaintenanceMargin = maintenance,
        };
        var singleOrders = new OrderInputs(size, type, price, funding, atr);
        var portfolioOrders = new PortfolioOrders(size, type, price, atr: atr) { FundingRate = funding };
        SimulationSummary expected;
        try
        {
            expected = pessimistic
                ? OrderSimulator.FromOrders(bars, singleOrders, singleOptions, default(PessimisticFillModel), fee, slip, single, limits with { Depth = depth })
                : OrderSimulator.FromOrders(bars, singleOrders, singleOptions, default(IntraBarPathFillModel), fee, slip, single, limits with { Depth = depth });
        }
        catch (ArgumentException e)
        {
            try
            {
                PortfolioSimulator.FromOrders(Universe.Create(bars), portfolioOrders, portfolioOptions, fee, slip, ws, limits, depth is null ? [] : [depth]);
            }
            catch (ArgumentException m)
            {
                return m.ParamName == e.ParamName ? null : $"threw for {m.ParamName}, single asset for {e.ParamName}";
            }
            return $"single asset threw {e.Message}";
        }
        var actual = pessimistic
            ? PortfolioSimulator.FromOrders(Universe.Create(bars), portfolioOrders, portfolioOptions, default(PessimisticFillModel), fee, slip, ws,
                limits, depth is null ? [] : [depth])
            : PortfolioSimulator.FromOrders(Universe.Create(bars), portfolioOrders, portfolioOptions, default(IntraBarPathFillModel), fee, slip, ws,
                limits, depth is null ? [] : [depth]);
        if (single.Orders.Length != ws.Orders.Length) return $"{ws.Orders.Length} orders vs {single.Orders.Length}";
        for (int k = 0; k < single.Orders.Length; k++)
            if (single.Orders[k] != ws.Orders[k]) return $"order {k}: {ws.Orders[k]} vs {single.Orders[k]}";
        if (single.Trades.Length != ws.Trades.Length) return $"{ws.Trades.Length} trades vs {single.Trades.Length}";
        for (int k = 0; k < single.Trades.Length; k++)
            if (single.Trades[k] != ws.Trades[k]) return $"trade {k}: {ws.Trades[k]} vs {single.Trades[k]}";
        var curve = EquityCurve.Build(bars, single.Orders, 10_000, funding);
        if (!curve.Equity.AsSpan().SequenceEqual(ws.Equity)) return "equity curves differ";
        if ((actual.FilledOrders, actual.RejectedOrders, actual.ClosedTrades, actual.TotalFees, actual.TotalFunding) !=
            (expected.FilledOrders, expected.RejectedOrders, expected.ClosedTrades, expected.TotalFees, expected.TotalFunding)) return $"summary {actual} vs {expected}";
        return n > 0 && actual.FinalEquity != expected.FinalEquity ? $"final equity {actual.FinalEquity} vs {expected.FinalEquity}" : null;
    }

    internal static ExitRules RandomExits(BarSeries bars, Random rng) => new()
    {
        StopLoss = rng.Next(4) switch
        {
            0 => ExitLevel.None,
            1 => ExitLevel.Fraction(0.005 + rng.NextDouble() * 0.03),
            2 => ExitLevel.AtrMultiple(0.5 + rng.NextDouble() * 2),
            _ => ExitLevel.Price(bars.Length > 0 ? bars.Close[0] * (0.9 + 0.2 * rng.NextDouble()) : 1),
        },
        TakeProfit = rng.Next(3) switch
        {
            0 => ExitLevel.None,
            1 => ExitLevel.Fraction(0.005 + rng.NextDouble() * 0.05),
            _ => ExitLevel.AtrMultiple(0.5 + rng.NextDouble() * 3),
        },
        TrailingFraction = rng.Next(2) == 0 ? 0 : 0.003 + rng.NextDouble() * 0.03,
        TimeStopBars = rng.Next(2) == 0 ? 0 : 1 + rng.Next(12),
        Reference = rng.Next(2) == 0 ? StopReference.FillPrice : StopReference.SignalClose,
    };

    internal static RiskLimits RandomRisk(Random rng) => new()
    {
        MaxPositionQuantity = rng.Next(3) == 0 ? 20 + rng.NextDouble() * 80 : 0,
        MaxAssetExposure = rng.Next(3) == 0 ? 0.2 + rng.NextDouble() : 0,
        MaxTotalExposure = rng.Next(3) == 0 ? 0.2 + rng.NextDouble() : 0,
        DailyLossLimit = rng.Next(3) == 0 ? 0.002 + rng.NextDouble() * 0.03 : 0,
        MaxDrawdown = rng.Next(3) == 0 ? 0.01 + rng.NextDouble() * 0.1 : 0,
    };

    // One to three levels a side around each bar's default fill price, 0.1 % apart, random quantities (a 0 ends a side).
    internal static OrderBookDepth RandomDepth(BarSeries bars, FillTiming timing, Random rng) =>
        RandomDepth(timing == FillTiming.NextOpen ? bars.Open : bars.Close, rng);

    // Around `mid` per bar (a NaN mid, a bar the symbol lacks, is taken as 100).
    internal static OrderBookDepth RandomDepth(ReadOnlySpan<double> mids, Random rng)
    {
        int n = mids.Length, levels = 1 + rng.Next(3);
        var bid = new double[n * levels]; var bidQ = new double[n * levels]; var ask = new double[n * levels]; var askQ = new double[n * levels];
        for (int i = 0; i < n; i++)
        {
            double mid = double.IsNaN(mids[i]) ? 100 : mids[i];
            for (int l = 0; l < levels; l++)
            {
                int k = i * levels + l;
                bid[k] = mid * (1 - 0.001 * (l + 1));
                ask[k] = mid * (1 + 0.001 * (l + 1));
                bidQ[k] = rng.Next(8) == 0 ? 0 : Math.Round(rng.NextDouble() * 60, 2);
                askQ[k] = rng.Next(8) == 0 ? 0 : Math.Round(rng.NextDouble() * 60, 2);
            }
        }
        return new OrderBookDepth(levels, bid, bidQ, ask, askQ);
    }

    [Fact]
    public void One_symbol_equals_single_asset_from_orders()
    {
        Prop.ForAll(Gen.Choose(0, 200).ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(),
                (n, seed) => SingleAssetMismatch(n, seed) is not { } m ? true : throw new InvalidOperationException($"n={n} seed={seed}: {m}"))
            .Check(Config.QuickThrowOnFailure.WithQuietOnSuccess(true).WithMaxTest(200));
    }
}
