using FsCheck;
using FsCheck.Fluent;
using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;
using VectorBacktest.Portfolio.MultiAsset;
using VectorBacktest.Tests.Infrastructure;

namespace VectorBacktest.Tests.Portfolio.MultiAsset;

/// <summary>The multi-asset event-driven driver (<see cref="PortfolioSimulator.Run{TStrategy, TFill, TFee, TSlippage}"/>).</summary>
public class PortfolioEventDrivenTests
{
    /// <summary>Replays symbol-major signal columns (and per-entry stop-loss / take-profit price columns, empty: none) as per-symbol
    /// requests; records what the context reported on each bar.</summary>
    internal sealed class SignalReplay(bool[] le, bool[] lx, bool[] se, bool[] sx, int bars, double[]? stop = null, double[]? target = null)
        : IPortfolioStrategy
    {
        public int Calls;
        public readonly double[] Equity = new double[bars], Cash = new double[bars];

        public void OnBar(ref PortfolioContext context)
        {
            Calls++;
            int t = context.Bar;
            Equity[t] = context.Equity;
            Cash[t] = context.Cash;
            for (int s = 0; s < context.SymbolCount; s++)
            {
                int k = s * bars + t;
                double stopLoss = stop is { Length: > 0 } ? stop[k] : double.NaN, takeProfit = target is { Length: > 0 } ? target[k] : double.NaN;
                if (le[k]) context.EnterLong(s, stopLoss, takeProfit);
                if (lx[k]) context.ExitLong(s);
                if (se.Length > 0 && se[k]) context.EnterShort(s, stopLoss, takeProfit);
                if (sx.Length > 0 && sx[k]) context.ExitShort(s);
            }
        }
    }

    private static bool[] Column(Random rng, int cells, int oneIn)
    {
        var c = new bool[cells];
        for (int i = 0; i < cells; i++) c[i] = rng.Next(oneIn) == 0;
        return c;
    }

    private static string? Mismatch(int n, int seed)
    {
        var rng = new Random(seed);
        int symbols = 1 + rng.Next(4);
        var universe = PortfolioReferenceTests.RandomUniverse(Math.Max(n, 1), symbols, rng, randomVolume: rng.Next(2) == 0);
        int bars = universe.Length, cells = symbols * bars;
        int density = 3 + rng.Next(15);
        bool shorts = rng.Next(2) == 0;
        var le = Column(rng, cells, density); var lx = Column(rng, cells, density);
        var se = shorts ? Column(rng, cells, density) : []; var sx = shorts ? Column(rng, cells, density * 2) : [];
        var atr = new double[cells];
        for (int s = 0; s < symbols; s++)
            for (int t = 0; t < bars; t++)
                atr[s * bars + t] = universe.Present(s)[t] ? universe.High(s)[t] - universe.Low(s)[t] + 0.01 : double.NaN;
        var exits = rng.Next(3) == 0 ? default : new ExitRules
        {
            StopLoss = rng.Next(3) switch { 0 => ExitLevel.None, 1 => ExitLevel.Fraction(0.005 + rng.NextDouble() * 0.03), _ => ExitLevel.AtrMultiple(0.5 + rng.NextDouble() * 2) },
            TakeProfit = rng.Next(2) == 0 ? ExitLevel.None : ExitLevel.Fraction(0.005 + rng.NextDouble() * 0.05),
            TrailingFraction = rng.Next(3) == 0 ? 0.003 + rng.NextDouble() * 0.03 : 0,
            TimeStopBars = rng.Next(3) == 0 ? 1 + rng.Next(10) : 0,
            Reference = rng.Next(2) == 0 ? StopReference.FillPrice : StopReference.SignalClose,
        };
        // Per-entry levels drawn symbol by symbol on the valid side of each entry bar's close (mode 2: a stop on every entry).
        int levelMode = rng.Next(3);
        double[] stop = levelMode == 0 ? [] : new double[cells], target = levelMode == 0 ? [] : new double[cells];
        for (int s = 0; s < symbols && levelMode != 0; s++)
        {
            var (symbolStop, symbolTarget) = DriverEquivalenceTests.EntryLevels(rng, universe.Close(s), le.AsSpan(s * bars, bars),
                shorts ? se.AsSpan(s * bars, bars) : [], levelMode);
            symbolStop.CopyTo(stop, s * bars);
            symbolTarget.CopyTo(target, s * bars);
        }
        var options = new PortfolioOptions
        {
            InitialCash = 1000 + rng.Next(100_000),
            Timing = rng.Next(2) == 0 ? FillTiming.NextOpen : FillTiming.SignalClose,
            Sizing = rng.Next(4) switch
            {
                0 => PortfolioSizing.EquityWeight(0.1 + 0.9 * rng.NextDouble()),
                1 => PortfolioSizing.VolatilityTarget(0.001 + 0.02 * rng.NextDouble()),
                2 when exits.StopLoss.IsSet || levelMode == 2 => PortfolioSizing.RiskFraction(0.002 + 0.05 * rng.NextDouble()),
                _ => PortfolioSizing.Kelly(0.5, 0.55, 1.2, minTrades: rng.Next(2) * 3),
            },
            Exits = exits,
            SlipStopExits = rng.Next(2) == 0,
            Lots = rng.Next(2) == 0 ? default : new LotRules { QuantityStep = 0.01, MinNotional = 50 },
            Risk = rng.Next(2) == 0 ? default : new RiskLimits
            {
                MaxPositionQuantity = rng.Next(3) == 0 ? 1 + rng.NextDouble() * 100 : 0,
                MaxAssetExposure = rng.Next(3) == 0 ? 0.1 + rng.NextDouble() : 0,
                MaxTotalExposure = rng.Next(3) == 0 ? 0.2 + rng.NextDouble() : 0,
                DailyLossLimit = rng.Next(3) == 0 ? 0.005 + rng.NextDouble() * 0.05 : 0,
                MaxDrawdown = rng.Next(3) == 0 ? 0.01 + rng.NextDouble() * 0.2 : 0,
            },
            RecordLevel = rng.Next(8) == 0 ? RecordLevel.SummaryOnly : RecordLevel.Full,
            Liquidity = rng.Next(2) == 0 ? default : new LiquidityLimits
            {
                MaxVolumeShare = 0.001 + rng.NextDouble() * 0.3, Remainder = rng.Next(2) == 0 ? RemainderPolicy.Cancel : RemainderPolicy.Carry,
            },
        };
        if (rng.Next(2) == 0)
        {
            double leverage = 1 + rng.NextDouble() * 30;
            options = options with
            {
                Leverage = leverage, MaintenanceMargin = rng.NextDouble() * 0.9 / leverage,
                MarginMode = rng.Next(2) == 0 ? MarginMode.Isolated : MarginMode.Cross,
            };
        }
        double[] funding = [];
        if (rng.Next(2) == 0)
        {
            funding = new double[cells];
            for (int i = 0; i < cells; i++) funding[i] = rng.Next(4) == 0 ? (rng.NextDouble() - 0.3) * 0.002 : 0;
        }
        var signals = new PortfolioSignals(le, lx, se, sx, atr) { StopLossPrice = stop, TakeProfitPrice = target, FundingRate = funding };
        var fee = new FractionFee(0.001);
        var slippage = new FixedFractionSlippage(rng.Next(2) * 0.0005);
        int fillModel = rng.Next(3);
        // Order books (drawn last): none, or one for some symbols.
        var depths = new OrderBookDepth?[rng.Next(2) == 0 ? 0 : symbols];
        for (int s = 0; s < depths.Length; s++)
            if (rng.Next(2) == 0)
                depths[s] = PortfolioOrderTests.RandomDepth(options.Timing == FillTiming.NextOpen ? universe.Open(s) : universe.Close(s), rng);
        return fillModel switch
        {
            0 => Compare(universe, signals, le, lx, se, sx, stop, target, atr, funding, options, default(PessimisticFillModel), fee, slippage, depths),
            1 => Compare(universe, signals, le, lx, se, sx, stop, target, atr, funding, options, default(OptimisticFillModel), fee, slippage, depths),
            _ => Compare(universe, signals, le, lx, se, sx, stop, target, atr, funding, options, default(IntraBarPathFillModel), fee, slippage, depths),
        };
    }

    private static string? Compare<TFill>(Universe universe, PortfolioSignals signals, bool[] le, bool[] lx, bool[] se, bool[] sx,
        double[] stop, double[] target, double[] atr, double[] funding,
        PortfolioOptions options, TFill fill, FractionFee fee, FixedFractionSlippage slippage, OrderBookDepth?[] depths)
        where TFill : struct, IFillModel
    {
        int bars = universe.Length;
        var vectorWs = new PortfolioWorkspace();
        var eventWs = new PortfolioWorkspace();
        var vector = PortfolioSimulator.FromSignals(universe, signals, options, fill, fee, slippage, vectorWs, depths);
        var strategy = new SignalReplay(le, lx, se, sx, bars, stop, target);
        var events = PortfolioSimulator.Run(universe, ref strategy, options, fill, fee, slippage, eventWs, atr, funding, depths);
        if (vector != events) return $"summary {events} vs {vector}";
        if (strategy.Calls != bars) return $"{strategy.Calls} calls for {bars} bars";
        if (!vectorWs.Orders.SequenceEqual(eventWs.Orders)) return "orders differ";
        if (!vectorWs.Trades.SequenceEqual(eventWs.Trades)) return "trades differ";
        if (!vectorWs.Equity.SequenceEqual(eventWs.Equity) || !vectorWs.Cash.SequenceEqual(eventWs.Cash)
            || !vectorWs.GrossExposure.SequenceEqual(eventWs.GrossExposure))
            return "per-bar series differ";
        // Under next-open timing nothing fills between the strategy's call and the close, so the context's equity and cash are
        // the recorded ones, bit for bit.
        if (options.Timing == FillTiming.NextOpen
            && (!strategy.Equity.AsSpan().SequenceEqual(eventWs.Equity) || !strategy.Cash.AsSpan().SequenceEqual(eventWs.Cash)))
            return "context equity or cash differs from the recorded one";
        return null;
    }

    [Fact]
    public void Replaying_signal_columns_equals_FromSignals_on_random_universes_and_options()
    {
        Prop.ForAll(Gen.Choose(0, 250).ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(),
                (n, seed) => Mismatch(n, seed) is not { } m ? true : throw new InvalidOperationException($"n={n} seed={seed}: {m}"))
            .Check(Config.QuickThrowOnFailure.WithQuietOnSuccess(true).WithMaxTest(300));
    }

    [Fact]
    public void Replaying_equals_FromSignals_on_long_runs()
    {
        for (int seed = 0; seed < 10; seed++) Assert.Null(Mismatch(2000, seed));
    }

    /// <summary>Holds the symbol with the highest one-bar return (close over previous close).</summary>
    private struct Rotation : IPortfolioStrategy
    {
        public int Held;

        public void OnBar(ref PortfolioContext context)
        {
            int t = context.Bar;
            if (t == 0) return;
            int best = -1;
            double bestReturn = double.NegativeInfinity;
            for (int s = 0; s < context.SymbolCount; s++)
            {
                var close = context.Close(s);
                double r = close[t] / close[t - 1];
                if (r > bestReturn)
                {
                    bestReturn = r;
                    best = s;
                }
            }
            if (best < 0 || best == Held) return;
            if (Held >= 0) context.ClosePosition(Held);
            context.EnterLong(best);
            Held = best;
        }
    }

    [Fact]
    public void Rotation_into_the_strongest_symbol_sells_first_and_buys_with_the_proceeds()
    {
        // Opens are the previous close. Strongest one-bar return: bar 1 A (+10 %), bar 2 B (+17.6 %), bar 3 B, bar 4 C (+76 %),
        // bar 5 C. Switches fill at the next open, the sale before the purchase.
        var universe = Universe.Create(
            PortfolioSimulatorTests.Series("A", (100, 100), (100, 110), (110, 121), (121, 121), (121, 110), (110, 110)),
            PortfolioSimulatorTests.Series("B", (50, 50), (50, 51), (51, 60), (60, 72), (72, 72), (72, 72)),
            PortfolioSimulatorTests.Series("C", (20, 20), (20, 19), (19, 18), (18, 17), (17, 30), (30, 33)));
        var strategy = new Rotation { Held = -1 };
        var ws = new PortfolioWorkspace();
        var options = new PortfolioOptions { InitialCash = 1000, Sizing = PortfolioSizing.EquityWeight(1) };
        var summary = PortfolioSimulator.Run(universe, ref strategy, options, default(NoFee), default(NoSlippage), ws);
        var orders = ws.Orders.ToArray();
        Assert.Equal(5, orders.Length);
        (int Asset, OrderSide Side, int Decision, int Bar, double Price)[] expected =
            [(0, OrderSide.Buy, 1, 2, 110), (0, OrderSide.Sell, 2, 3, 121), (1, OrderSide.Buy, 2, 3, 60), (1, OrderSide.Sell, 4, 5, 72), (2, OrderSide.Buy, 4, 5, 30)];
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k], (orders[k].Asset, orders[k].Side, orders[k].DecisionBar, orders[k].Bar, orders[k].Price));
            Assert.Equal(OrderStatus.Filled, orders[k].Status);
        }
        Assert.Equal(1000 / 110.0, orders[0].Quantity, 12);
        Assert.Equal(1100 / 60.0, orders[2].Quantity, 9);
        Assert.Equal(44, orders[4].Quantity, 9);
        Assert.Equal(44 * 33, summary.FinalEquity, 9);
        Assert.Equal(2, summary.ClosedTrades);
        Assert.Equal(2, strategy.Held);
    }

    /// <summary>Checks on every bar that each span ends at the bar and holds the universe's values.</summary>
    private sealed class Probe(Universe universe) : IPortfolioStrategy
    {
        public int Bars;

        public void OnBar(ref PortfolioContext context)
        {
            int t = context.Bar;
            Assert.Equal(Bars++, t);
            Assert.Equal(t + 1, context.Time.Length);
            Assert.Equal(universe.Time[t], context.Time[t]);
            for (int s = 0; s < context.SymbolCount; s++)
            {
                Assert.Equal(t + 1, context.Open(s).Length);
                Assert.Equal(t + 1, context.High(s).Length);
                Assert.Equal(t + 1, context.Low(s).Length);
                Assert.Equal(t + 1, context.Close(s).Length);
                Assert.Equal(t + 1, context.Volume(s).Length);
                Assert.Equal(t + 1, context.Present(s).Length);
                Assert.Equal(universe.Close(s)[t], context.Close(s)[t]);
                Assert.Equal(universe.Present(s)[t], context.Present(s)[t]);
            }
        }
    }

    [Fact]
    public void The_context_ends_at_the_current_bar_so_no_look_ahead_is_possible()
    {
        var universe = PortfolioReferenceTests.RandomUniverse(30, 3, new Random(7));
        var probe = new Probe(universe);
        PortfolioSimulator.Run(universe, ref probe, new PortfolioOptions(), default(NoFee), default(NoSlippage), new PortfolioWorkspace());
        Assert.Equal(universe.Length, probe.Bars);
    }

    /// <summary>Places fixed requests: (bar, symbol, action) with 0 enter long, 1 close, 2 close all, 3 enter short then cancel.</summary>
    private struct Script((int Bar, int Symbol, int Action)[] steps) : IPortfolioStrategy
    {
        public double Quantity, EntryPrice, Cash, Equity;
        public PositionSide Side;

        public void OnBar(ref PortfolioContext context)
        {
            if (context.Bar == 2)
            {
                (Quantity, EntryPrice, Side, Cash, Equity) = (context.Quantity(1), context.EntryPrice(1), context.Position(1), context.Cash, context.Equity);
            }
            foreach (var (bar, symbol, action) in steps)
            {
                if (bar != context.Bar) continue;
                switch (action)
                {
                    case 0: context.EnterLong(symbol); break;
                    case 1: context.ClosePosition(symbol); break;
                    case 2: context.CloseAll(); break;
                    default:
                        context.EnterShort(symbol);
                        context.CancelRequests(symbol);
                        break;
                }
            }
        }
    }

    [Fact]
    public void Requests_on_a_missing_bar_or_filling_on_one_are_rejected_with_MissingBar()
    {
        // B has no bar 2: the request decided on bar 1 would fill there, the one on bar 2 is placed there.
        var universe = Universe.Create(PortfolioSimulatorTests.Series("A", (10, 10), (10, 10), (10, 10), (10, 10)),
            PortfolioSimulatorTests.Series("B", (100, 100), (100, 100), null, (100, 100)));
        var strategy = new Script([(1, 1, 0), (2, 1, 0)]);
        var ws = new PortfolioWorkspace();
        var summary = PortfolioSimulator.Run(universe, ref strategy, new PortfolioOptions { InitialCash = 1000 }, default(NoFee), default(NoSlippage), ws);
        Assert.Equal(2, ws.Orders.Length);
        Assert.Equal((1, 1, 2, OrderStatus.Rejected, RejectReason.MissingBar), (ws.Orders[0].Asset, ws.Orders[0].DecisionBar, ws.Orders[0].Bar, ws.Orders[0].Status, ws.Orders[0].RejectReason));
        Assert.Equal((1, 2, 2, OrderStatus.Rejected, RejectReason.MissingBar), (ws.Orders[1].Asset, ws.Orders[1].DecisionBar, ws.Orders[1].Bar, ws.Orders[1].Status, ws.Orders[1].RejectReason));
        Assert.Equal(2, summary.RejectedOrders);
    }

    [Fact]
    public void The_context_reports_positions_cash_and_equity_and_close_all_and_cancel_work()
    {
        // Bar 0: long A and B (0.1 of equity each), a short on C placed then cancelled. Bar 2: everything closed.
        var universe = Universe.Create(PortfolioSimulatorTests.Series("A", (10, 10), (10, 12), (12, 12), (12, 12), (12, 12)),
            PortfolioSimulatorTests.Series("B", (100, 100), (100, 110), (120, 125), (125, 125), (130, 130)),
            PortfolioSimulatorTests.Series("C", (5, 5), (5, 5), (5, 5), (5, 5), (5, 5)));
        var strategy = new Script([(0, 0, 0), (0, 1, 0), (0, 2, 3), (2, 0, 2)]);
        var ws = new PortfolioWorkspace();
        var summary = PortfolioSimulator.Run(universe, ref strategy, new PortfolioOptions { InitialCash = 1000 }, default(NoFee), default(NoSlippage), ws);
        // Bought 10 A at 10 and 1 B at 100 on bar 1's open; on bar 2: B holds 1 at 100, free cash 1000 − 100 − 100, equity
        // 800 + 10 × 12 + 1 × 125.
        Assert.Equal((1.0, 100.0, PositionSide.Long), (strategy.Quantity, strategy.EntryPrice, strategy.Side));
        Assert.Equal(800.0, strategy.Cash);
        Assert.Equal(1045.0, strategy.Equity, 12);
        // The close-all on bar 2 sells both at bar 3's open; C never traded.
        Assert.Equal(4, ws.Orders.Length);
        Assert.Equal((0, OrderSide.Sell, 3, 12.0), (ws.Orders[2].Asset, ws.Orders[2].Side, ws.Orders[2].Bar, ws.Orders[2].Price));
        Assert.Equal((1, OrderSide.Sell, 3, 125.0), (ws.Orders[3].Asset, ws.Orders[3].Side, ws.Orders[3].Bar, ws.Orders[3].Price));
        Assert.Equal(1045.0, summary.FinalEquity, 12);
    }

    [Fact]
    public void Lengths_zero_and_one()
    {
        var empty = Universe.Create(PortfolioSimulatorTests.Series("A"));
        var probe = new Probe(empty);
        var ws = new PortfolioWorkspace();
        var summary = PortfolioSimulator.Run(empty, ref probe, new PortfolioOptions { InitialCash = 500 }, default(NoFee), default(NoSlippage), ws);
        Assert.Equal((0, 500.0, 0), (probe.Bars, summary.FinalEquity, ws.Orders.Length));

        // One bar: a request under next-open timing has no bar to fill on; under signal-close timing it fills at the close.
        var one = Universe.Create(PortfolioSimulatorTests.Series("A", (10, 11)));
        var strategy = new Script([(0, 0, 0)]);
        PortfolioSimulator.Run(one, ref strategy, new PortfolioOptions { InitialCash = 1000 }, default(NoFee), default(NoSlippage), ws);
        Assert.Equal((OrderStatus.Rejected, RejectReason.EndOfData), (ws.Orders[0].Status, ws.Orders[0].RejectReason));
        strategy = new Script([(0, 0, 0)]);
        PortfolioSimulator.Run(one, ref strategy, new PortfolioOptions { InitialCash = 1000, Timing = FillTiming.SignalClose }, default(NoFee), default(NoSlippage), ws);
        Assert.Equal((OrderStatus.Filled, 0, 11.0), (ws.Orders[0].Status, ws.Orders[0].Bar, ws.Orders[0].Price));
        Assert.Equal(100 / 11.0, ws.Orders[0].Quantity, 12);
        Assert.Equal(1000.0, ws.Equity[0]);
    }

    [Fact]
    public void Bad_input_names_the_argument()
    {
        var universe = Universe.Create(PortfolioSimulatorTests.Series("A", (10, 10), (10, 10)), PortfolioSimulatorTests.Series("B", (10, 10), (10, 10)));
        var ws = new PortfolioWorkspace();
        var strategy = new Script([(0, 2, 0)]);
        Assert.Equal("symbol", Assert.Throws<ArgumentOutOfRangeException>(() =>
            PortfolioSimulator.Run(universe, ref strategy, new PortfolioOptions(), default(NoFee), default(NoSlippage), ws)).ParamName);
        var none = new Script([]);
        Assert.Equal("atr", Assert.Throws<ArgumentException>(() =>
            PortfolioSimulator.Run(universe, ref none, new PortfolioOptions(), default(NoFee), default(NoSlippage), ws, new double[3])).ParamName);
        Assert.Equal("atr", Assert.Throws<ArgumentException>(() =>
            PortfolioSimulator.Run(universe, ref none, new PortfolioOptions { Sizing = PortfolioSizing.VolatilityTarget(0.01) }, default(NoFee), default(NoSlippage), ws)).ParamName);
        Probe missing = null!;
        Assert.Throws<ArgumentNullException>(() =>
            PortfolioSimulator.Run(universe, ref missing, new PortfolioOptions(), default(NoFee), default(NoSlippage), ws));
    }

    [Fact]
    public void Runs_on_a_grown_workspace_allocate_nothing()
    {
        var universe = PortfolioReferenceTests.RandomUniverse(2000, 3, new Random(5));
        var ws = new PortfolioWorkspace();
        var options = new PortfolioOptions
        {
            Sizing = PortfolioSizing.EquityWeight(0.3),
            Risk = new RiskLimits { MaxTotalExposure = 0.8, DailyLossLimit = 0.02, MaxDrawdown = 0.3 },
            Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.02), TakeProfit = ExitLevel.Fraction(0.03) },
        };
        Allocations.AssertNone(() =>
        {
            var strategy = new Rotation { Held = -1 };
            PortfolioSimulator.Run(universe, ref strategy, options, new FractionFee(0.001), new FixedFractionSlippage(0.0005), ws);
        });
        // A vote grows its ballots on its first bar, then reuses them.
        IPortfolioStrategy vote = VectorBacktest.Portfolio.Composition.PortfolioSignalVote.Majority(new Rotation { Held = -1 }, new Rotation { Held = -1 });
        Allocations.AssertNone(() =>
            PortfolioSimulator.Run(universe, ref vote, options, new FractionFee(0.001), new FixedFractionSlippage(0.0005), ws));
    }
}
