using FsCheck;
using FsCheck.Fluent;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;

namespace VectorBacktest.Tests.Portfolio;

/// <summary>The vectorized and the event-driven drivers give identical orders, trades, summaries and equity.</summary>
public class DriverEquivalenceTests
{
    /// <summary>Replays signal columns as bar-by-bar requests, entries with their stop-loss / take-profit prices.</summary>
    private struct SignalReplay(bool[] le, bool[] lx, bool[] se, bool[] sx, double[] stop, double[] target) : IBarStrategy
    {
        public int Calls;

        public void OnBar(ref StrategyContext context)
        {
            Calls++;
            int t = context.Bar;
            double sl = stop.Length > 0 ? stop[t] : double.NaN, tp = target.Length > 0 ? target[t] : double.NaN;
            if (le[t]) context.EnterLong(sl, tp);
            if (lx[t]) context.ExitLong();
            if (se.Length > 0 && se[t]) context.EnterShort(stopLoss: sl, takeProfit: tp);
            if (sx.Length > 0 && sx[t]) context.ExitShort();
        }
    }

    private static bool[] Column(Random rng, int n, int oneIn)
    {
        var c = new bool[n];
        for (int i = 0; i < n; i++) c[i] = rng.Next(oneIn) == 0;
        return c;
    }

    // Per-entry levels on the valid side of each entry bar's close: none (empty columns), sparse (each level on half the entry
    // bars) or dense (a stop on every entry bar, so risk sizing needs no rule; a bar with both entries then keeps only the long).
    internal static (double[] Stop, double[] Target) EntryLevels(Random rng, ReadOnlySpan<double> close, Span<bool> le, Span<bool> se, int mode)
    {
        if (mode == 0) return ([], []);
        int n = close.Length;
        var stop = new double[n];
        var target = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (mode == 2 && le[i] && se.Length > 0) se[i] = false;
            bool isLong = le[i] && !(se.Length > 0 && se[i]), isShort = !le[i] && se.Length > 0 && se[i];
            double sign = isLong ? 1 : -1, price = close[i];
            bool any = isLong || isShort;
            stop[i] = any && (mode == 2 || rng.Next(2) == 0) ? price * (1 - sign * (0.002 + rng.NextDouble() * 0.05)) : double.NaN;
            target[i] = any && rng.Next(2) == 0 ? price * (1 + sign * (0.002 + rng.NextDouble() * 0.08)) : double.NaN;
        }
        return (stop, target);
    }

    private static bool Same(int n, int seed)
    {
        var rng = new Random(seed);
        var bars = TestBars.Random(n, seed, sigma: 0.01 + rng.NextDouble() * 0.03);
        int density = 3 + rng.Next(20);
        bool shorts = rng.Next(2) == 0;
        var le = Column(rng, n, density); var lx = Column(rng, n, density);
        var se = shorts ? Column(rng, n, density) : []; var sx = shorts ? Column(rng, n, density * 2) : [];
        var atr = new double[n];
        for (int i = 0; i < n; i++) atr[i] = bars.High[i] - bars.Low[i];
        var funding = rng.Next(2) == 0 ? [] : new double[n];
        for (int i = 0; i < funding.Length; i++) funding[i] = i % 8 == 0 ? (rng.NextDouble() - 0.3) * 0.002 : 0;
        double leverage = rng.Next(2) == 0 ? 1 : 2 + rng.Next(20);
        int levelMode = rng.Next(3);
        var (stop, target) = EntryLevels(rng, bars.Close, le, se, levelMode);
        var exits = new ExitRules
        {
            StopLoss = rng.Next(3) switch { 0 => ExitLevel.None, 1 => ExitLevel.Fraction(0.01 + rng.NextDouble() * 0.03), _ => ExitLevel.AtrMultiple(1 + rng.NextDouble() * 2) },
            TakeProfit = rng.Next(2) == 0 ? ExitLevel.None : ExitLevel.Fraction(0.01 + rng.NextDouble() * 0.05),
            TrailingFraction = rng.Next(3) == 0 ? 0.01 + rng.NextDouble() * 0.04 : 0,
            TimeStopBars = rng.Next(3) == 0 ? 1 + rng.Next(8) : 0,
            Reference = rng.Next(2) == 0 ? StopReference.FillPrice : StopReference.SignalClose,
        };
        var options = new SimulationOptions
        {
            InitialCash = 1000 + rng.Next(100_000),
            Timing = rng.Next(2) == 0 ? FillTiming.NextOpen : FillTiming.SignalClose,
            Sizing = rng.Next(6) switch
            {
                0 => OrderSizing.AllCash, 1 => OrderSizing.EquityFraction(0.5), 2 when exits.StopLoss.IsSet || levelMode == 2 => OrderSizing.RiskFraction(0.05),
                3 => OrderSizing.VolatilityTarget(0.02), 4 => OrderSizing.Kelly(0.5, 0.55, 1.2, minTrades: 3), _ => OrderSizing.Quantity(3),
            },
            Lots = rng.Next(2) == 0 ? default : new LotRules { QuantityStep = 0.01, MinNotional = 50 },
            Exits = exits,
            Entry = rng.Next(3) != 0 ? EntryOrder.Market : rng.Next(3) switch
            {
                0 => EntryOrder.Limit(rng.NextDouble() * 0.01, rng.Next(2) == 0 ? TimeInForce.GoodTillCancelled : TimeInForce.GoodForBars(1 + rng.Next(5))),
                1 => EntryOrder.Stop(rng.NextDouble() * 0.01, rng.Next(2) == 0 ? TimeInForce.ImmediateOrCancel : TimeInForce.GoodForBars(1 + rng.Next(5))),
                _ => EntryOrder.StopLimit(rng.NextDouble() * 0.01, rng.NextDouble() * 0.005, TimeInForce.GoodForBars(1 + rng.Next(8))),
            },
            EndOfData = (EndOfData)rng.Next(3),
            SlipStopExits = rng.Next(2) == 0,
            Leverage = leverage,
            MaintenanceMargin = leverage > 1 ? 0.004 : 0,
            Risk = rng.Next(2) == 0 ? default : new VectorBacktest.Portfolio.MultiAsset.RiskLimits
            {
                MaxPositionQuantity = rng.Next(3) == 0 ? 1 + rng.NextDouble() * 100 : 0,
                MaxAssetExposure = rng.Next(3) == 0 ? 0.2 + rng.NextDouble() * 2 : 0,
                MaxTotalExposure = rng.Next(4) == 0 ? 0.2 + rng.NextDouble() * 2 : 0,
                DailyLossLimit = rng.Next(3) == 0 ? 0.005 + rng.NextDouble() * 0.05 : 0,
                MaxDrawdown = rng.Next(3) == 0 ? 0.01 + rng.NextDouble() * 0.2 : 0,
            },
            // Capped exits close in parts, which funding (settled per position) does not follow.
            Liquidity = funding.Length == 0 && rng.Next(3) == 0
                ? new LiquidityLimits { MaxVolumeShare = rng.Next(3) == 0 ? 0.00005 + rng.NextDouble() * 0.002 : 0.001 + rng.NextDouble() * 0.5 }
                : default,
        };
        // A carried remainder needs a fully funded position.
        if (options.Liquidity.IsLimited && leverage == 1 && rng.Next(2) == 0)
            options = options with { Liquidity = options.Liquidity with { Remainder = RemainderPolicy.Carry } };
        // Pyramiding needs market entries, leverage 1 and no funding.
        if (options.Entry.Type == OrderType.Market && leverage == 1 && funding.Length == 0 && rng.Next(2) == 0)
            options = options with { Accumulate = true, MaxAdds = rng.Next(2) == 0 ? int.MaxValue : 1 + rng.Next(3) };
        var fee = new FractionFee(0.001);
        var slippage = new FixedFractionSlippage(0.0005);
        var vectorWs = new SimulationWorkspace();
        var eventWs = new SimulationWorkspace();
        var signals = new SignalInputs(le, lx, se, sx, atr, funding) { StopLossPrice = stop, TakeProfitPrice = target };
        var vector = SignalSimulator.FromSignals(bars, signals, options, default(PessimisticFillModel), fee, slippage, vectorWs);
        var strategy = new SignalReplay(le, lx, se, sx, stop, target);
        var events = EventDrivenSimulator.Run(bars, ref strategy, options, default(PessimisticFillModel), fee, slippage, eventWs, atr, funding);
        if (vector != events) return false;
        if (!vectorWs.Orders.SequenceEqual(eventWs.Orders) || !vectorWs.Trades.SequenceEqual(eventWs.Trades)) return false;
        var a = EquityCurve.Build(bars, vectorWs.Orders, options.InitialCash, funding);
        var b = EquityCurve.Build(bars, eventWs.Orders, options.InitialCash, funding);
        // The curve ends on the summary's final equity, funding and liquidations included.
        if (n > 0 && a.Equity[n - 1] != vector.FinalEquity) return false;
        return a.Equity.AsSpan().SequenceEqual(b.Equity) && strategy.Calls == n;
    }

    [Fact]
    public void Vectorized_and_event_driven_agree_on_random_data_and_signals()
    {
        Prop.ForAll(Gen.Choose(0, 300).ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(), Same)
            .Check(Config.QuickThrowOnFailure.WithQuietOnSuccess(true).WithMaxTest(300));
    }

    [Fact]
    public void Agree_on_long_runs_with_many_trades()
    {
        for (int seed = 0; seed < 20; seed++) Assert.True(Same(3000, seed), $"seed {seed}");
    }
}

/// <summary>What a strategy sees on each bar.</summary>
public class StrategyContextTests
{
    private struct Probe : IBarStrategy
    {
        public int Bars;
        public bool SawOnlyThePast;

        public void OnBar(ref StrategyContext context)
        {
            Bars++;
            SawOnlyThePast = context.Close.Length == context.Bar + 1 && context.High.Length == context.Bar + 1 && context.Time.Length == context.Bar + 1;
            if (!SawOnlyThePast) throw new InvalidOperationException("look-ahead");
            if (context.Bar == 1) context.EnterLong();
            if (context.Bar == 3) context.ClosePosition();
        }
    }

    [Fact]
    public void Sees_bars_up_to_the_current_one_and_its_requests_execute()
    {
        var bars = TestBars.Random(6, 1);
        var probe = new Probe();
        var ws = new SimulationWorkspace();
        EventDrivenSimulator.Run(bars, ref probe, new SimulationOptions(), default(PessimisticFillModel), default(NoFee), default(NoSlippage), ws);
        Assert.Equal(6, probe.Bars);
        Assert.True(probe.SawOnlyThePast);
        Assert.Equal((2, 4), (ws.Trades[0].EntryBar, ws.Trades[0].ExitBar));
    }
}
