using FsCheck;
using FsCheck.Fluent;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;
using VectorBacktest.Portfolio.Orders;
using VectorBacktest.Tests.Portfolio.MultiAsset;

namespace VectorBacktest.Tests.Portfolio.Orders;

public class OrderSimulatorTests
{
    /// <summary>An order column of <paramref name="n"/> bars, NaN except the given rows.</summary>
    internal static double[] Sizes(int n, params (int Bar, double Size)[] orders)
    {
        var size = new double[n];
        Array.Fill(size, double.NaN);
        foreach (var (bar, s) in orders) size[bar] = s;
        return size;
    }

    [Fact]
    public void Accumulates_reduces_in_part_and_flips_with_average_cost()
    {
        var bars = TestBars.From((10, 10, 10, 10), (10, 12, 10, 12), (12, 14, 12, 14), (14, 14, 14, 14), (16, 16, 16, 16), (16, 16, 16, 16));
        var ws = new SimulationWorkspace();
        var summary = OrderSimulator.FromOrders(bars, new OrderInputs(Sizes(6, (0, 10), (1, 10), (2, -5), (3, -30))),
            new SimulationOptions { InitialCash = 1000 }, default(NoFee), default(NoSlippage), ws);
        // Buys 10 @ 10 and 10 @ 12 (entry 11), sells 5 @ 14 (+15), sells 30 @ 16: closes 15 (+75) and opens 15 short.
        Assert.Equal(4, ws.Orders.Length);
        Assert.Equal((20.0, 11.0), (ws.Orders[1].PositionAfter, ws.Orders[1].EntryPriceAfter));
        Assert.Equal((ExitReason.Order, 15.0, 1015.0), (ws.Orders[2].Reason, ws.Orders[2].PositionAfter, ws.Orders[2].BalanceAfter));
        Assert.Equal((-15.0, 16.0, 1090.0), (ws.Orders[3].PositionAfter, ws.Orders[3].EntryPriceAfter, ws.Orders[3].BalanceAfter));
        Assert.Equal(2, ws.Trades.Length - 1);
        Assert.Equal((5.0, 15.0), (ws.Trades[0].Quantity, ws.Trades[0].Pnl));
        Assert.Equal((15.0, 75.0), (ws.Trades[1].Quantity, ws.Trades[1].Pnl));
        Assert.True(ws.Trades[2].IsOpen);
        Assert.Equal(1090.0, summary.FinalEquity);
        Assert.Equal(2, summary.ClosedTrades);
    }

    [Fact]
    public void Target_percent_rebalances_and_a_met_target_places_nothing()
    {
        var bars = TestBars.Flat(5, 100);
        var ws = new SimulationWorkspace();
        OrderSimulator.FromOrders(bars, new OrderInputs(Sizes(5, (0, 0.5), (1, 0.5), (2, 0.0)), SizeType.TargetPercent),
            new SimulationOptions { InitialCash = 1000, Timing = FillTiming.SignalClose }, default(NoFee), default(NoSlippage), ws);
        Assert.Equal(2, ws.Orders.Length);
        Assert.Equal((5.0, OrderSide.Buy), (ws.Orders[0].Quantity, ws.Orders[0].Side));
        Assert.Equal((0.0, OrderSide.Sell, 2), (ws.Orders[1].PositionAfter, ws.Orders[1].Side, ws.Orders[1].Bar));
    }

    [Fact]
    public void Buys_are_capped_by_cash_and_recorded_as_partial()
    {
        var bars = TestBars.Flat(3, 100);
        var ws = new SimulationWorkspace();
        OrderSimulator.FromOrders(bars, new OrderInputs(Sizes(3, (0, 50))), new SimulationOptions { InitialCash = 1000 },
            new FractionFee(0.01), default(NoSlippage), ws);
        var order = ws.Orders[0];
        Assert.Equal(OrderStatus.Partial, order.Status);
        Assert.Equal(50.0, order.RequestedQuantity);
        Assert.Equal(1000 / 1.01 / 100, order.Quantity, 12);
    }

    [Fact]
    public void Explicit_price_outside_the_bar_is_rejected_and_inside_fills_without_slippage()
    {
        var bars = TestBars.From((10, 11, 9, 10), (10, 11, 9, 10), (10, 11, 9, 10));
        var price = new[] { 12.0, 9.5, double.NaN };
        var ws = new SimulationWorkspace();
        OrderSimulator.FromOrders(bars, new OrderInputs(Sizes(3, (0, 1), (1, 1)), SizeType.Amount, price),
            new SimulationOptions { Timing = FillTiming.SignalClose }, default(NoFee), new FixedFractionSlippage(0.01), ws);
        Assert.Equal((OrderStatus.Rejected, RejectReason.PriceOutsideBar), (ws.Orders[0].Status, ws.Orders[0].RejectReason));
        Assert.Equal((OrderStatus.Filled, 9.5), (ws.Orders[1].Status, ws.Orders[1].Price));
    }

    [Fact]
    public void An_order_on_the_last_bar_under_next_open_is_rejected_at_the_end_of_data()
    {
        var bars = TestBars.Flat(3, 100);
        var ws = new SimulationWorkspace();
        OrderSimulator.FromOrders(bars, new OrderInputs(Sizes(3, (2, 1))), new SimulationOptions(), default(NoFee), default(NoSlippage), ws);
        Assert.Equal((OrderStatus.Rejected, RejectReason.EndOfData), (ws.Orders[0].Status, ws.Orders[0].RejectReason));
    }

    [Fact]
    public void Lot_step_rounds_toward_zero_and_a_zero_lot_is_rejected()
    {
        var bars = TestBars.Flat(4, 100);
        var ws = new SimulationWorkspace();
        OrderSimulator.FromOrders(bars, new OrderInputs(Sizes(4, (0, 2.7), (1, 0.4))),
            new SimulationOptions { Lots = LotRules.WholeUnits }, default(NoFee), default(NoSlippage), ws);
        Assert.Equal(2.0, ws.Orders[0].Quantity);
        Assert.Equal((OrderStatus.Rejected, RejectReason.BelowMinQuantity), (ws.Orders[1].Status, ws.Orders[1].RejectReason));
    }

    [Fact]
    public void Bad_input_names_the_argument()
    {
        var bars = TestBars.Flat(3, 100);
        var ws = new SimulationWorkspace();
        var wrong = Assert.Throws<ArgumentException>(() =>
            OrderSimulator.FromOrders(bars, new OrderInputs(new double[2]), new SimulationOptions(), default(NoFee), default(NoSlippage), ws));
        Assert.Equal("orders", wrong.ParamName);
        var exits = Assert.Throws<ArgumentException>(() => OrderSimulator.FromOrders(bars, new OrderInputs(new double[3]),
            new SimulationOptions { Exits = new ExitRules { StopLoss = ExitLevel.AtrMultiple(2) } }, default(NoFee), default(NoSlippage), ws));
        Assert.Equal("orders", exits.ParamName);
        Assert.Contains("orders.Atr", exits.Message);
        var atr = Assert.Throws<ArgumentException>(() => OrderSimulator.FromOrders(bars, new OrderInputs(new double[3], atr: new double[2]),
            new SimulationOptions(), default(NoFee), default(NoSlippage), ws));
        Assert.Contains("orders.Atr has 2 values", atr.Message);
        var share = Assert.Throws<ArgumentOutOfRangeException>(() => OrderSimulator.FromOrders(bars, new OrderInputs(new double[3]),
            new SimulationOptions(), default(NoFee), default(NoSlippage), ws, new LiquidityLimits { MaxVolumeShare = 2 }));
        Assert.Equal("MaxVolumeShare", share.ParamName);
    }

    [Fact]
    public void Equity_curve_from_the_order_records_ends_on_the_final_equity()
    {
        var bars = TestBars.Random(200, 3);
        var rng = new Random(3);
        var size = new double[200];
        for (int i = 0; i < size.Length; i++) size[i] = rng.NextDouble() < 0.2 ? rng.NextDouble() * 2 - 1 : double.NaN;
        var ws = new SimulationWorkspace();
        var summary = OrderSimulator.FromOrders(bars, new OrderInputs(size, SizeType.TargetPercent), new SimulationOptions(),
            new FractionFee(0.001), new FixedFractionSlippage(0.0005), ws);
        var curve = EquityCurve.Build(bars, ws.Orders, summary.InitialCash);
        Assert.Equal(summary.FinalEquity, curve.Equity[^1], 9);
    }

    // The bars of TestBars.Random an hour apart, so a run spans several UTC days (the daily loss limit resets).
    private static VectorBacktest.Data.BarSeries Hourly(VectorBacktest.Data.BarSeries bars)
    {
        var time = new long[bars.Length];
        for (int i = 0; i < time.Length; i++) time[i] = TestBars.Start + i * 3_600_000L;
        return VectorBacktest.Data.BarSeries.FromArrays("H", null, time, bars.Open.ToArray(), bars.High.ToArray(), bars.Low.ToArray(),
            bars.Close.ToArray(), bars.Volume.ToArray());
    }

    private static string? Mismatch(int n, int seed, bool extras = false)
    {
        var rng = new Random(seed);
        var bars = extras ? Hourly(TestBars.Random(n, seed)) : TestBars.Random(n, seed);
        var type = (SizeType)rng.Next(6);
        bool nextOpen = rng.Next(2) == 0;
        double fee = rng.Next(2) == 0 ? 0 : 0.001, slip = rng.Next(2) == 0 ? 0 : 0.0005;
        double share = rng.Next(3) == 0 ? 0 : rng.NextDouble() * 0.02;
        bool carry = rng.Next(2) == 0;
        var size = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (rng.NextDouble() > 0.3) { size[i] = double.NaN; continue; }
            double u = rng.NextDouble() * 2 - 1;
            size[i] = type switch
            {
                SizeType.Amount or SizeType.TargetAmount => Math.Round(u * 100, 3),
                SizeType.Value or SizeType.TargetValue => u * 15_000,
                _ => u * 1.5,
            };
        }
        var risk = extras && rng.Next(4) != 0 ? PortfolioOrderTests.RandomRisk(rng) : default;
        var exits = extras && rng.Next(4) != 0
            ? new OrderReference.Exits(rng.Next(2) * (0.005 + rng.NextDouble() * 0.03), rng.Next(2) * (0.005 + rng.NextDouble() * 0.05),
                rng.Next(3) == 0 ? 0.005 + rng.NextDouble() * 0.03 : 0, rng.Next(3) == 0 ? 1 + rng.Next(8) : 0)
            : default;
        double leverage = extras && rng.Next(3) == 0 ? 1 + rng.NextDouble() * 4 : 1;
        double maintenance = leverage > 1 && rng.Next(2) == 0 ? rng.NextDouble() * 0.5 / leverage : 0;
        double[] funding = [];
        if (extras && rng.Next(3) == 0)
        {
            funding = new double[n];
            for (int i = 0; i < n; i++) funding[i] = rng.Next(8) == 0 ? (rng.NextDouble() * 2 - 1) * 0.002 : 0;
        }
        var options = new SimulationOptions
        {
            Timing = nextOpen ? FillTiming.NextOpen : FillTiming.SignalClose, Risk = risk, Leverage = leverage, MaintenanceMargin = maintenance,
            Exits = new ExitRules
            {
                StopLoss = exits.StopLoss > 0 ? ExitLevel.Fraction(exits.StopLoss) : default,
                TakeProfit = exits.TakeProfit > 0 ? ExitLevel.Fraction(exits.TakeProfit) : default,
                TrailingFraction = exits.Trailing, TimeStopBars = exits.TimeStop,
            },
        };
        var ws = new SimulationWorkspace();
        var limits = new LiquidityLimits { MaxVolumeShare = share, Remainder = carry ? RemainderPolicy.Carry : RemainderPolicy.Cancel };
        var summary = OrderSimulator.FromOrders(bars, new OrderInputs(size, type, fundingRate: funding), options, new FractionFee(fee),
            new FixedFractionSlippage(slip), ws, limits);
        var (orders, equity) = OrderReference.Run(bars, size, type, nextOpen, fee, slip, options.InitialCash, share, carry, risk, exits,
            leverage, maintenance, funding.Length == 0 ? null : funding);
        if (orders.Count != ws.Orders.Length) return $"{type} nextOpen={nextOpen} share={share} carry={carry} risk={risk} exits={exits} L={leverage} m={maintenance} funding={funding.Length > 0}: {ws.Orders.Length} orders, reference {orders.Count}: first {Diff(ws.Orders, orders)}";
        for (int k = 0; k < orders.Count; k++)
        {
            var a = ws.Orders[k];
            var r = orders[k];
            if (a.Bar != r.Bar || a.Side != r.Side || a.Status != r.Status || a.RejectReason != r.Reject
                || r.Exit != ExitReason.None && a.Reason != r.Exit
                || !Close(a.Quantity, r.Quantity) || !(Close(a.Price, r.Price) || double.IsNaN(a.Price) && double.IsNaN(r.Price)))
                return $"{type} nextOpen={nextOpen} share={share} carry={carry} risk={risk} exits={exits} L={leverage} m={maintenance} funding={funding.Length > 0}: order {k} is {a}, reference {r}";
        }
        if (!Close(summary.FinalEquity, equity)) return $"final equity {summary.FinalEquity}, reference {equity}";
        if (n == 0) return null;
        double curve = EquityCurve.Build(bars, ws.Orders, options.InitialCash, funding).Equity[^1];
        return Close(curve, equity) ? null : $"equity curve ends on {curve}, reference {equity}";
    }

    private static string Diff(ReadOnlySpan<OrderRecord> actual, List<OrderReference.Order> reference)
    {
        for (int k = 0; k < Math.Min(actual.Length, reference.Count); k++)
            if (actual[k].Bar != reference[k].Bar || actual[k].Status != reference[k].Status) return $"order {k}: {actual[k]} vs {reference[k]}";
        return "at the end";
    }

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    [Fact]
    public void Agrees_with_a_plain_reference_on_random_orders()
    {
        Prop.ForAll(Gen.Choose(0, 200).ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(), (n, seed) => Mismatch(n, seed) is not { } m ? true : throw new InvalidOperationException($"n={n} seed={seed}: {m}"))
            .Check(Config.QuickThrowOnFailure.WithQuietOnSuccess(true).WithMaxTest(300));
    }

    [Fact]
    public void Agrees_with_a_plain_reference_with_risk_limits_exits_leverage_and_funding()
    {
        Prop.ForAll(Gen.Choose(0, 200).ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(),
                (n, seed) => Mismatch(n, seed, extras: true) is not { } m ? true : throw new InvalidOperationException($"n={n} seed={seed}: {m}"))
            .Check(Config.QuickThrowOnFailure.WithQuietOnSuccess(true).WithMaxTest(300));
    }

    [Fact]
    public void A_run_with_exits_risk_leverage_funding_and_a_book_on_a_grown_workspace_allocates_nothing()
    {
        var bars = TestBars.Random(2000, 11);
        var rng = new Random(11);
        var size = new double[2000];
        var funding = new double[2000];
        for (int i = 0; i < size.Length; i++)
        {
            size[i] = rng.Next(10) == 0 ? rng.NextDouble() * 3 - 1.5 : double.NaN;
            funding[i] = i % 8 == 0 ? 0.0001 : 0;
        }
        var options = new SimulationOptions
        {
            Leverage = 2, MaintenanceMargin = 0.01,
            Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.03), TrailingFraction = 0.04, TimeStopBars = 20 },
            Risk = new VectorBacktest.Portfolio.MultiAsset.RiskLimits { MaxAssetExposure = 1.5, DailyLossLimit = 0.02, MaxDrawdown = 0.5 },
            Liquidity = new LiquidityLimits { Depth = PortfolioOrderTests.RandomDepth(bars, FillTiming.NextOpen, rng), Remainder = RemainderPolicy.Carry },
        };
        var ws = new SimulationWorkspace();
        VectorBacktest.Tests.Infrastructure.Allocations.AssertNone(() =>
            OrderSimulator.FromOrders(bars, new OrderInputs(size, SizeType.TargetPercent, fundingRate: funding), options,
                new FractionFee(0.001), new FixedFractionSlippage(0.0005), ws));
    }

    [Fact]
    public void Agrees_with_the_reference_on_fixed_seeds()
    {
        for (int seed = 0; seed < 40; seed++) { var m = Mismatch(150, seed); Assert.True(m is null, m); }
        for (int seed = 0; seed < 4000; seed++) { var m = Mismatch(seed % 200, seed, extras: true); Assert.True(m is null, $"n={seed % 200} seed={seed}: {m}"); }
    }
}

/// <summary>The order path and the signal path of the same book agree where both apply.</summary>
public class OrderAndSignalPathTests
{
    // Long-only signals as a target-percent column (1 on entries while flat, 0 on exits while long) buy exactly what
    // all-cash sizing buys: the cash cap of the order path is the all-cash budget of the signal path.
    private static bool Same(int n, int seed)
    {
        var rng = new Random(seed);
        var bars = TestBars.Random(n, seed);
        var entries = new bool[n]; var exits = new bool[n];
        for (int i = 0; i < n; i++) { entries[i] = rng.Next(8) == 0; exits[i] = rng.Next(8) == 0; }
        var options = new SimulationOptions { Timing = rng.Next(2) == 0 ? FillTiming.NextOpen : FillTiming.SignalClose };
        var fee = new FractionFee(0.001);
        var slip = new FixedFractionSlippage(0.0005);
        var signalWs = new SimulationWorkspace();
        var signal = SignalSimulator.FromSignals(bars, new SignalInputs(entries, exits), options,
            default(VectorBacktest.Execution.FillModels.PessimisticFillModel), fee, slip, signalWs);
        var size = new double[n];
        Array.Fill(size, double.NaN);
        bool held = false;
        for (int i = 0; i < n; i++)
        {
            var action = SignalDecision.Decide(held ? PositionSide.Long : PositionSide.Flat, entries[i], exits[i], false, false);
            if (action == SignalAction.OpenLong) { size[i] = 1; held = true; }
            else if (action == SignalAction.Close) { size[i] = 0; held = false; }
        }
        var orderWs = new SimulationWorkspace();
        var order = OrderSimulator.FromOrders(bars, new OrderInputs(size, SizeType.TargetPercent), options, fee, slip, orderWs);
        if (signalWs.Orders.Length != orderWs.Orders.Length) return false;
        for (int k = 0; k < signalWs.Orders.Length; k++)
        {
            var a = signalWs.Orders[k];
            var b = orderWs.Orders[k];
            if ((a.Bar, a.Side, a.RejectReason) != (b.Bar, b.Side, b.RejectReason)) return false;
            // A rejected signal entry is recorded unsized (0); a rejected order row with the quantity it asked for.
            if (a.Status == OrderStatus.Rejected) continue;
            if (Math.Abs(a.Quantity - b.Quantity) > 1e-9 * a.Quantity || a.Price != b.Price) return false;
        }
        return Math.Abs(signal.FinalEquity - order.FinalEquity) <= 1e-9 * signal.FinalEquity && signal.ClosedTrades == order.ClosedTrades;
    }

    [Fact]
    public void Target_percent_orders_equal_all_cash_signals()
    {
        Prop.ForAll(Gen.Choose(0, 200).ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(), Same)
            .Check(Config.QuickThrowOnFailure.WithQuietOnSuccess(true).WithMaxTest(200));
    }
}
