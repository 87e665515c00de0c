using FsCheck;
using FsCheck.Fluent;
using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;

namespace VectorBacktest.Tests.Portfolio;

/// <summary>Properties of a strategy's own order types, amendments, cancellations and moved exit levels.</summary>
public class OrderAmendmentPropertyTests
{
    /// <summary>Replays signal columns, placing every entry with one order type through <see cref="StrategyContext.PlaceLong"/>.</summary>
    private struct TypedReplay(bool[] le, bool[] lx, bool[] se, bool[] sx, double[] stop, double[] target, EntryOrder order) : IBarStrategy
    {
        public void OnBar(ref StrategyContext context)
        {
            int t = context.Bar;
            double sl = stop.Length > 0 ? stop[t] : double.NaN, tp = target.Length > 0 ? target[t] : double.NaN;
            if (le[t]) context.PlaceLong(order, sl, tp);
            if (lx[t]) context.ExitLong();
            if (se[t]) context.PlaceShort(order, sl, tp);
            if (sx[t]) context.ExitShort();
        }
    }

    private static bool[] Column(Random rng, int n, int oneIn)
    {
        var c = new bool[n];
        for (int i = 0; i < n; i++) c[i] = rng.Next(oneIn) == 0;
        return c;
    }

    private static TimeInForce RandomTimeInForce(Random rng) =>
        rng.Next(3) == 0 ? TimeInForce.GoodTillCancelled : TimeInForce.GoodForBars(1 + rng.Next(6));

    private static EntryOrder RandomOrder(Random rng) => rng.Next(3) switch
    {
        0 => EntryOrder.Limit(rng.NextDouble() * 0.02, RandomTimeInForce(rng)),
        1 => EntryOrder.Stop(rng.NextDouble() * 0.02, RandomTimeInForce(rng)),
        _ => EntryOrder.StopLimit(rng.NextDouble() * 0.02, rng.NextDouble() * 0.01, RandomTimeInForce(rng)),
    };

    // FromSignals with SimulationOptions.Entry = X against the event-driven driver with another Entry whose strategy places every
    // entry as X: the request's type wins, so both give identical records.
    private static bool SameAsOptionsEntry(int n, int seed)
    {
        var rng = new Random(seed);
        var bars = TestBars.Random(n, seed, sigma: 0.01 + rng.NextDouble() * 0.03);
        int density = 3 + rng.Next(15);
        var le = Column(rng, n, density); var lx = Column(rng, n, density);
        var se = Column(rng, n, rng.Next(2) == 0 ? int.MaxValue : density); var sx = Column(rng, n, density * 2);
        var stop = new double[n];
        var target = new double[n];
        for (int i = 0; i < n; i++)
        {
            // Levels valid for the side the bar's entry opens (a bar with both entries keeps neither).
            double sign = le[i] && !se[i] ? 1 : se[i] && !le[i] ? -1 : 0, close = bars.Close[i];
            stop[i] = sign != 0 && rng.Next(2) == 0 ? close * (1 - sign * (0.002 + rng.NextDouble() * 0.04)) : double.NaN;
            target[i] = sign != 0 && rng.Next(2) == 0 ? close * (1 + sign * (0.002 + rng.NextDouble() * 0.06)) : double.NaN;
        }
        double leverage = rng.Next(3) == 0 ? 2 + rng.Next(10) : 1;
        var order = RandomOrder(rng);
        var options = new SimulationOptions
        {
            InitialCash = 1000 + rng.Next(100_000),
            Timing = rng.Next(2) == 0 ? FillTiming.NextOpen : FillTiming.SignalClose,
            Sizing = rng.Next(3) switch { 0 => OrderSizing.AllCash, 1 => OrderSizing.EquityFraction(0.5), _ => OrderSizing.Quantity(3) },
            Lots = rng.Next(2) == 0 ? default : new LotRules { QuantityStep = 0.01, MinNotional = 50 },
            Exits = new ExitRules
            {
                StopLoss = rng.Next(2) == 0 ? ExitLevel.None : ExitLevel.Fraction(0.01 + rng.NextDouble() * 0.03),
                TakeProfit = rng.Next(2) == 0 ? ExitLevel.None : ExitLevel.Fraction(0.01 + rng.NextDouble() * 0.05),
                TrailingFraction = rng.Next(3) == 0 ? 0.01 + rng.NextDouble() * 0.04 : 0,
                TimeStopBars = rng.Next(3) == 0 ? 1 + rng.Next(8) : 0,
                Reference = rng.Next(2) == 0 ? StopReference.FillPrice : StopReference.SignalClose,
            },
            Entry = order,
            EndOfData = (EndOfData)rng.Next(3),
            SlipStopExits = rng.Next(2) == 0,
            Leverage = leverage,
            MaintenanceMargin = leverage > 1 ? 0.004 : 0,
            Risk = rng.Next(3) != 0 ? default : new VectorBacktest.Portfolio.MultiAsset.RiskLimits
            {
                MaxPositionQuantity = rng.Next(2) == 0 ? 1 + rng.NextDouble() * 100 : 0,
                MaxDrawdown = rng.Next(2) == 0 ? 0.01 + rng.NextDouble() * 0.2 : 0,
            },
            Liquidity = rng.Next(3) != 0 ? default : new LiquidityLimits
            {
                MaxVolumeShare = 0.0005 + rng.NextDouble() * 0.01,
                Remainder = leverage == 1 && rng.Next(2) == 0 ? RemainderPolicy.Carry : RemainderPolicy.Cancel,
            },
        };
        var fee = new FractionFee(0.001);
        var slippage = new FixedFractionSlippage(0.0005);
        var vectorWs = new SimulationWorkspace();
        var vector = SignalSimulator.FromSignals(bars, new SignalInputs(le, lx, se, sx) { StopLossPrice = stop, TakeProfitPrice = target },
            options, default(PessimisticFillModel), fee, slippage, vectorWs);
        var other = rng.Next(2) == 0 ? EntryOrder.Market : RandomOrder(rng);
        var strategy = new TypedReplay(le, lx, se, sx, stop, target, order);
        var eventWs = new SimulationWorkspace();
        var events = EventDrivenSimulator.Run(bars, ref strategy, options with { Entry = other }, default(PessimisticFillModel), fee, slippage, eventWs);
        return vector == events && vectorWs.Orders.SequenceEqual(eventWs.Orders) && vectorWs.Trades.SequenceEqual(eventWs.Trades);
    }

    [Fact]
    public void Placing_each_entry_with_an_order_type_equals_that_type_in_the_options()
    {
        Prop.ForAll(Gen.Choose(0, 250).ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(), SameAsOptionsEntry)
            .Check(Config.QuickThrowOnFailure.WithQuietOnSuccess(true).WithMaxTest(250));
    }

    private enum StepKind { None, Place, Cancel, Replace, AmendLimit, AmendStop, AmendTimeInForce, Exit, SetStop, SetTarget, RemoveStop, RemoveTarget }

    private readonly record struct Step(StepKind Kind, EntryOrder Order = default, double Price = double.NaN, int Bars = 0,
        double StopLoss = double.NaN, double TakeProfit = double.NaN);

    // What a random long-only strategy does on bar t, from what it sees: drawn from (seed, t) so the engine run and the reference
    // take the same steps as long as they agree on the state. Nothing on the last bar.
    private static Step Plan(int seed, int t, int n, bool held, bool working, OrderType type, bool triggered, double close)
    {
        if (t == n - 1) return default;
        var rng = new Random(seed * 7919 + t);
        double u = rng.NextDouble(), r = rng.NextDouble();
        if (working)
        {
            if (u < 0.1) return new Step(StepKind.Cancel);
            if (u < 0.15) return Place(rng, close, StepKind.Replace);
            // Either side of the close: an amendment may go through the market.
            if (u < 0.4 && type is OrderType.Limit or OrderType.StopLimit) return new Step(StepKind.AmendLimit, Price: close * (1 + (r - 0.6) * 0.04));
            if (u < 0.6 && (type == OrderType.Stop || type == OrderType.StopLimit && !triggered))
                return new Step(StepKind.AmendStop, Price: close * (1 + (r - 0.4) * 0.04));
            if (u < 0.7) return new Step(StepKind.AmendTimeInForce, Bars: rng.Next(5));
            return default;
        }
        if (held)
        {
            if (u < 0.1) return new Step(StepKind.Exit);
            if (u < 0.3) return new Step(StepKind.SetStop, Price: close * (1 - 0.002 - r * 0.03));
            if (u < 0.45) return new Step(StepKind.SetTarget, Price: close * (1 + 0.002 + r * 0.04));
            if (u < 0.5) return new Step(StepKind.RemoveStop);
            if (u < 0.55) return new Step(StepKind.RemoveTarget);
            return default;
        }
        return u < 0.35 ? Place(rng, close, StepKind.Place) : default;
    }

    private static Step Place(Random rng, double close, StepKind kind) => new(kind, RandomOrder(rng),
        StopLoss: rng.Next(2) == 0 ? close * (1 - 0.003 - rng.NextDouble() * 0.03) : double.NaN,
        TakeProfit: rng.Next(2) == 0 ? close * (1 + 0.003 + rng.NextDouble() * 0.05) : double.NaN);

    // Bars 0 means good-till-cancelled.
    private static TimeInForce Tif(int bars) => bars == 0 ? TimeInForce.GoodTillCancelled : TimeInForce.GoodForBars(bars);

    private struct RandomAmender(int seed, int n) : IBarStrategy
    {
        public void OnBar(ref StrategyContext c)
        {
            var w = c.WorkingEntry;
            var step = Plan(seed, c.Bar, n, c.Position != PositionSide.Flat, c.HasWorkingOrder, w.Type, w.Triggered, c.Close[c.Bar]);
            switch (step.Kind)
            {
                case StepKind.Place: c.PlaceLong(step.Order, step.StopLoss, step.TakeProfit); break;
                case StepKind.Cancel: c.CancelOrder(); break;
                case StepKind.Replace:
                    c.CancelOrder();
                    c.PlaceLong(step.Order, step.StopLoss, step.TakeProfit);
                    break;
                case StepKind.AmendLimit: c.AmendOrder(limitPrice: step.Price); break;
                case StepKind.AmendStop: c.AmendOrder(stopPrice: step.Price); break;
                case StepKind.AmendTimeInForce: c.AmendOrder(timeInForce: Tif(step.Bars)); break;
                case StepKind.Exit: c.ExitLong(); break;
                case StepKind.SetStop: c.SetStopLoss(step.Price); break;
                case StepKind.SetTarget: c.SetTakeProfit(step.Price); break;
                case StepKind.RemoveStop: c.SetStopLoss(double.NaN); break;
                case StepKind.RemoveTarget: c.SetTakeProfit(double.NaN); break;
            }
        }
    }

    private readonly record struct Trade(int EntryBar, double EntryPrice, int ExitBar, double ExitPrice, ExitReason Reason, double StopLoss, double TakeProfit);

    private readonly record struct Ended(int Bar, int DecisionBar, RejectReason Reason, double Price);

    /// <summary>A plain long-only simulator of the documented rules: one unit, no fees, pessimistic levels; exits fill at the next
    /// open, or at the decision close under signal-close timing, where a bar whose level closed the position drops its requests.</summary>
    private static (List<Trade> Trades, List<Ended> Ended) Reference(BarSeries bars, int seed, bool signalClose)
    {
        int n = bars.Length;
        var trades = new List<Trade>();
        var ended = new List<Ended>();
        bool held = false, working = false, pendingExit = false, triggered = false, endsWithData = false;
        double entry = 0, sl = double.NaN, tp = double.NaN, limit = 0, stop = 0, wsl = 0, wtp = 0;
        int entryBar = 0, levelsFrom = 0, decision = 0, last = 0;
        var type = OrderType.Limit;
        for (int t = 0; t < n; t++)
        {
            double open = bars.Open[t], high = bars.High[t], low = bars.Low[t], close = bars.Close[t];
            if (pendingExit)
            {
                trades.Add(new Trade(entryBar, entry, t, open, ExitReason.Signal, sl, tp));
                held = pendingExit = false;
            }
            if (working)
            {
                double price = double.NaN;
                if (type == OrderType.Stop && high >= stop) price = Math.Max(open, stop);
                else if (type == OrderType.StopLimit && !triggered && high >= stop)
                {
                    triggered = true;
                    if (Math.Max(open, stop) <= limit) price = Math.Max(open, stop);
                }
                else if ((type == OrderType.Limit || type == OrderType.StopLimit && triggered) && low <= limit) price = Math.Min(open, limit);
                if (!double.IsNaN(price))
                {
                    (held, working, entry, entryBar, sl, tp, levelsFrom) = (true, false, price, t, wsl, wtp, t + 1);
                }
                else if (t == last)
                {
                    ended.Add(new Ended(t, decision, endsWithData ? RejectReason.EndOfData : RejectReason.Expired, type == OrderType.Stop ? stop : limit));
                    working = false;
                }
            }
            bool exitedByLevel = false;
            if (held && t >= levelsFrom)
            {
                double lower = double.IsNaN(sl) ? double.NegativeInfinity : sl, upper = double.IsNaN(tp) ? double.PositiveInfinity : tp;
                (double Price, ExitReason Reason) exit = open <= lower ? (open, ExitReason.StopLoss)
                    : open >= upper ? (open, ExitReason.TakeProfit)
                    : low <= lower ? (lower, ExitReason.StopLoss)
                    : high >= upper ? (upper, ExitReason.TakeProfit)
                    : (double.NaN, ExitReason.None);
                if (exit.Reason != ExitReason.None)
                {
                    trades.Add(new Trade(entryBar, entry, t, exit.Price, exit.Reason, sl, tp));
                    held = false;
                    exitedByLevel = true;
                }
            }
            var step = Plan(seed, t, n, held, working, working ? type : OrderType.Market, working && triggered, close);
            if (signalClose && exitedByLevel) step = default;
            if (step.Kind is StepKind.Cancel or StepKind.Replace)
            {
                ended.Add(new Ended(t, t, RejectReason.Cancelled, type == OrderType.Stop ? stop : limit));
                working = false;
            }
            switch (step.Kind)
            {
                case StepKind.Place or StepKind.Replace:
                    var o = step.Order;
                    type = o.Type;
                    (stop, limit) = o.Type switch
                    {
                        OrderType.Limit => (double.NaN, close * (1.0 - o.Offset)),
                        OrderType.Stop => (close * (1.0 + o.Offset), double.NaN),
                        _ => (close * (1.0 + o.Offset), close * (1.0 + o.Offset) * (1.0 + o.LimitBand)),
                    };
                    (working, triggered, decision, wsl, wtp) = (true, false, t, step.StopLoss, step.TakeProfit);
                    Window(t, o.TimeInForce);
                    break;
                case StepKind.AmendLimit: limit = step.Price; break;
                case StepKind.AmendStop: stop = step.Price; break;
                case StepKind.AmendTimeInForce: Window(t, Tif(step.Bars)); break;
                case StepKind.Exit when signalClose:
                    trades.Add(new Trade(entryBar, entry, t, close, ExitReason.Signal, sl, tp));
                    held = false;
                    break;
                case StepKind.Exit: pendingExit = true; break;
                case StepKind.SetStop: sl = step.Price; break;
                case StepKind.SetTarget: tp = step.Price; break;
                case StepKind.RemoveStop: sl = double.NaN; break;
                case StepKind.RemoveTarget: tp = double.NaN; break;
            }
        }
        if (held) trades.Add(new Trade(entryBar, entry, n - 1, bars.Close[n - 1], ExitReason.None, sl, tp));
        return (trades, ended);

        void Window(int from, TimeInForce tif)
        {
            long end = (long)from + tif.Bars;
            last = (int)Math.Min(end, n - 1);
            endsWithData = end > n - 1;
        }
    }

    private static bool SameAsReference(int n, int seed)
    {
        var bars = TestBars.Random(n, seed, sigma: 0.01 + seed % 7 * 0.004);
        bool signalClose = seed % 2 == 1;
        var options = new SimulationOptions
        {
            InitialCash = 1_000_000, Sizing = OrderSizing.Quantity(1), Timing = signalClose ? FillTiming.SignalClose : FillTiming.NextOpen,
        };
        var ws = new SimulationWorkspace();
        var strategy = new RandomAmender(seed, n);
        EventDrivenSimulator.Run(bars, ref strategy, options, default(PessimisticFillModel), default(NoFee), default(NoSlippage), ws);
        if (n == 0) return ws.Orders.Length == 0;
        var (trades, ended) = Reference(bars, seed, signalClose);
        var actualTrades = new List<Trade>();
        foreach (var tr in ws.Trades) actualTrades.Add(new Trade(tr.EntryBar, tr.EntryPrice, tr.ExitBar, tr.ExitPrice, tr.ExitReason, tr.StopLoss, tr.TakeProfit));
        var actualEnded = new List<Ended>();
        foreach (var o in ws.Orders)
            if (o.Status == OrderStatus.Rejected) actualEnded.Add(new Ended(o.Bar, o.DecisionBar, o.RejectReason, o.Price));
        return actualTrades.SequenceEqual(trades) && actualEnded.SequenceEqual(ended);
    }

    [Fact]
    public void Random_placements_amendments_cancellations_and_moved_levels_match_a_plain_reference()
    {
        Prop.ForAll(Gen.Choose(0, 200).ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(), SameAsReference)
            .Check(Config.QuickThrowOnFailure.WithQuietOnSuccess(true).WithMaxTest(400));
    }

    [Fact]
    public void Reference_runs_take_every_step()
    {
        // The plan reaches every kind of step on a long run (so the property exercises them all).
        var seen = new HashSet<StepKind>();
        var bars = TestBars.Random(2000, 3);
        var strategy = new Recorder(seen, 3, 2000);
        EventDrivenSimulator.Run(bars, ref strategy, new SimulationOptions { Sizing = OrderSizing.Quantity(1) }, default(PessimisticFillModel),
            default(NoFee), default(NoSlippage), new SimulationWorkspace());
        Assert.Equal(Enum.GetValues<StepKind>().Length, seen.Count);
        Assert.True(SameAsReference(2000, 3));
        Assert.True(SameAsReference(2000, 4));
    }

    /// <summary>Places, amends, cancels and moves levels on fixed bars, without allocating.</summary>
    private struct Cycle : IBarStrategy
    {
        public void OnBar(ref StrategyContext c)
        {
            double close = c.Close[c.Bar];
            switch (c.Bar % 12)
            {
                case 0: c.PlaceLong(EntryOrder.Limit(0.002, TimeInForce.GoodForBars(6)), close * 0.97); break;
                case 2: c.AmendOrder(limitPrice: close * 0.999, timeInForce: TimeInForce.GoodForBars(4)); break;
                case 4:
                    c.SetStopLoss(close * 0.98);
                    c.SetTakeProfit(close * 1.03);
                    break;
                case 6: c.CancelOrder(); break;
                case 7: c.PlaceShort(EntryOrder.Stop(0.001), takeProfit: close * 0.95); break;
                case 9: c.SetTakeProfit(double.NaN); break;
                case 11: c.ClosePosition(); break;
            }
        }
    }

    [Fact]
    public void Amending_allocates_nothing_per_bar()
    {
        var bars = TestBars.Random(3000, 5);
        var ws = new SimulationWorkspace();
        var options = new SimulationOptions { Exits = new ExitRules { TrailingFraction = 0.03 } };
        var strategy = new Cycle();
        EventDrivenSimulator.Run(bars, ref strategy, options, default(PessimisticFillModel), default(NoFee), default(NoSlippage), ws);
        Assert.True(ws.Trades.Length > 50);
        Assert.Contains(ws.Orders.ToArray(), o => o.RejectReason == RejectReason.Cancelled);
        VectorBacktest.Tests.Infrastructure.Allocations.AssertNone(() =>
        {
            var again = new Cycle();
            EventDrivenSimulator.Run(bars, ref again, options, default(PessimisticFillModel), default(NoFee), default(NoSlippage), ws);
        });
    }

    private struct Recorder(HashSet<StepKind> seen, int seed, int n) : IBarStrategy
    {
        private RandomAmender _inner = new(seed, n);

        public void OnBar(ref StrategyContext c)
        {
            var w = c.WorkingEntry;
            seen.Add(Plan(seed, c.Bar, n, c.Position != PositionSide.Flat, c.HasWorkingOrder, w.Type, w.Triggered, c.Close[c.Bar]).Kind);
            _inner.OnBar(ref c);
        }
    }
}
