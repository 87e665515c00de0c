using FsCheck;
using FsCheck.Fluent;
using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;
using VectorBacktest.Portfolio.MultiAsset;

namespace VectorBacktest.Tests.Portfolio.MultiAsset;

public class PortfolioSimulatorTests
{
    private const long Hour = 3_600_000L;

    /// <summary>A series named <paramref name="symbol"/> from (open, close) rows, one hour apart, high/low spanning both;
    /// rows given as null are missing bars.</summary>
    internal static BarSeries Series(string symbol, params (double O, double C)?[] rows)
    {
        var t = new List<long>(); var o = new List<double>(); var h = new List<double>(); var l = new List<double>(); var c = new List<double>();
        for (int i = 0; i < rows.Length; i++)
        {
            if (rows[i] is not { } row) continue;
            t.Add(i * Hour); o.Add(row.O); c.Add(row.C); h.Add(Math.Max(row.O, row.C)); l.Add(Math.Min(row.O, row.C));
        }
        var v = new double[t.Count];
        Array.Fill(v, 1000);
        return BarSeries.FromArrays(symbol, Timeframe.Parse("1h"), t.ToArray(), o.ToArray(), h.ToArray(), l.ToArray(), c.ToArray(), v);
    }

    private static (double, double)?[] Flat(int n, double price)
    {
        var rows = new (double, double)?[n];
        for (int i = 0; i < n; i++) rows[i] = (price, price);
        return rows;
    }

    internal static bool[] Column(int symbols, int bars, params (int Symbol, int Bar)[] cells)
    {
        var column = new bool[symbols * bars];
        foreach (var (s, b) in cells) column[s * bars + b] = true;
        return column;
    }

    internal static PortfolioSummary Run(Universe universe, PortfolioSignals signals, PortfolioOptions options, PortfolioWorkspace ws) =>
        PortfolioSimulator.FromSignals(universe, signals, options, default(NoFee), default(NoSlippage), ws);

    [Fact]
    public void Sales_fill_before_purchases_on_the_same_bar_so_freed_cash_is_spent()
    {
        // Symbol 0 is bought with the cash symbol 1 frees on bar 3: the sale must come first although its index is higher.
        var universe = Universe.Create(Series("B", Flat(6, 50)), Series("A", Flat(6, 100)));
        int n = 6;
        var entries = Column(2, n, (1, 0), (0, 2));
        var exits = Column(2, n, (1, 2));
        var ws = new PortfolioWorkspace();
        var options = new PortfolioOptions { InitialCash = 1000, Sizing = PortfolioSizing.EquityWeight(1) };
        var summary = Run(universe, new PortfolioSignals(entries, exits), options, ws);
        Assert.Equal(3, ws.Orders.Length);
        Assert.Equal((1, OrderSide.Sell, 3), (ws.Orders[1].Asset, ws.Orders[1].Side, ws.Orders[1].Bar));
        Assert.Equal((0, OrderStatus.Filled, 20.0), (ws.Orders[2].Asset, ws.Orders[2].Status, ws.Orders[2].Quantity));
        Assert.Equal(1000.0, summary.FinalEquity);
        Assert.Equal(1000.0, ws.GrossExposure[5]);
    }

    [Fact]
    public void A_symbol_without_a_bar_never_fills_and_is_marked_at_its_last_close()
    {
        var rows = Flat(6, 100);
        rows[2] = null;
        rows[4] = (120, 130);
        rows[5] = null;
        var universe = Universe.Create(Series("X", Flat(6, 10)), Series("Y", rows));
        int n = 6;
        var ws = new PortfolioWorkspace();
        var options = new PortfolioOptions { InitialCash = 1000, Sizing = PortfolioSizing.EquityWeight(0.5) };
        // Y's entry decided on bar 1 would fill on bar 2, where Y has no bar; the one decided on bar 2 is itself on a missing bar.
        Run(universe, new PortfolioSignals(Column(2, n, (1, 1), (1, 2), (1, 3)), default), options, ws);
        Assert.Equal((RejectReason.MissingBar, 2), (ws.Orders[0].RejectReason, ws.Orders[0].Bar));
        Assert.Equal((RejectReason.MissingBar, 2), (ws.Orders[1].RejectReason, ws.Orders[1].DecisionBar));
        Assert.Equal((OrderStatus.Filled, 4, 120.0), (ws.Orders[2].Status, ws.Orders[2].Bar, ws.Orders[2].Price));
        // Bought 500 / 120 units at 120, marked at 130 on bar 4 and still at 130 on bar 5 (Y's last close).
        Assert.Equal(500 + 500 / 120.0 * 130, ws.Equity[4], 9);
        Assert.Equal(ws.Equity[4], ws.Equity[5]);
    }

    [Fact]
    public void Exposure_and_position_caps_cut_or_reject_entries_with_their_reason()
    {
        var universe = Universe.Create(Series("A", Flat(4, 100)), Series("B", Flat(4, 100)), Series("C", Flat(4, 100)));
        var ws = new PortfolioWorkspace();
        var options = new PortfolioOptions
        {
            InitialCash = 1000, Sizing = PortfolioSizing.EquityWeight(0.5),
            Risk = new RiskLimits { MaxAssetExposure = 0.3, MaxTotalExposure = 0.5, MaxPositionQuantity = 2.5 },
        };
        Run(universe, new PortfolioSignals(Column(3, 4, (0, 0), (1, 0), (2, 0)), default), options, ws);
        // A: 5 wanted, cut to 2.5 units by the position cap; B: the asset cap 3 units, then the total cap 5 − 2.5; C: no room left.
        Assert.Equal((OrderStatus.Partial, 2.5, 5.0), (ws.Orders[0].Status, ws.Orders[0].Quantity, ws.Orders[0].RequestedQuantity));
        Assert.Equal((OrderStatus.Partial, 2.5), (ws.Orders[1].Status, ws.Orders[1].Quantity));
        Assert.Equal((OrderStatus.Rejected, RejectReason.ExposureLimit), (ws.Orders[2].Status, ws.Orders[2].RejectReason));
    }

    [Fact]
    public void Daily_loss_limit_blocks_entries_for_the_rest_of_the_utc_day()
    {
        // 30 hourly bars: A falls 10 % on bar 2's close; B's entries on bar 3 (same day) are blocked, on bar 25 (next day) allowed.
        var a = Flat(30, 100);
        for (int i = 2; i < 30; i++) a[i] = (i == 2 ? 100 : 90, 90);
        var universe = Universe.Create(Series("A", a), Series("B", Flat(30, 10)));
        var ws = new PortfolioWorkspace();
        var options = new PortfolioOptions { InitialCash = 1000, Sizing = PortfolioSizing.EquityWeight(0.5), Risk = new RiskLimits { DailyLossLimit = 0.04 } };
        Run(universe, new PortfolioSignals(Column(2, 30, (0, 0), (1, 3), (1, 25)), default), options, ws);
        Assert.Equal((OrderStatus.Rejected, RejectReason.DailyLossLimit, 4), (ws.Orders[1].Status, ws.Orders[1].RejectReason, ws.Orders[1].Bar));
        Assert.Equal((OrderStatus.Filled, 26), (ws.Orders[2].Status, ws.Orders[2].Bar));
    }

    [Fact]
    public void Drawdown_stop_flattens_everything_and_halts()
    {
        var a = Flat(8, 100);
        for (int i = 3; i < 8; i++) a[i] = (80, 80);
        var universe = Universe.Create(Series("A", a), Series("B", Flat(8, 10)));
        var ws = new PortfolioWorkspace();
        var options = new PortfolioOptions { InitialCash = 1000, Sizing = PortfolioSizing.EquityWeight(0.5), Risk = new RiskLimits { MaxDrawdown = 0.05 } };
        var summary = Run(universe, new PortfolioSignals(Column(2, 8, (0, 0), (1, 0), (1, 5)), Column(2, 8, (1, 4))), options, ws);
        Assert.Equal(3, summary.HaltBar);
        Assert.Equal((ExitReason.DrawdownHalt, 4), (ws.Orders[2].Reason, ws.Orders[2].Bar));
        Assert.Equal(ExitReason.DrawdownHalt, ws.Orders[3].Reason);
        Assert.Equal((OrderStatus.Rejected, RejectReason.DrawdownHalt), (ws.Orders[^1].Status, ws.Orders[^1].RejectReason));
        Assert.Equal(ws.Equity[4], ws.Equity[7]);
    }

    [Fact]
    public void Volatility_target_sizes_so_that_atr_times_quantity_is_the_risk()
    {
        var universe = Universe.Create(Series("A", Flat(3, 100)));
        var atr = new[] { 4.0, 4.0, 4.0 };
        var ws = new PortfolioWorkspace();
        Run(universe, new PortfolioSignals(Column(1, 3, (0, 0)), default, atr: atr),
            new PortfolioOptions { InitialCash = 1000, Sizing = PortfolioSizing.VolatilityTarget(0.01) }, ws);
        Assert.Equal(0.01 * 1000 / 4.0, ws.Orders[0].Quantity, 12);
        Assert.Throws<ArgumentException>(() => Run(universe, new PortfolioSignals(Column(1, 3, (0, 0)), default),
            new PortfolioOptions { Sizing = PortfolioSizing.VolatilityTarget(0.01) }, ws));
    }

    [Fact]
    public void Kelly_weight_from_the_supplied_win_rate_and_payoff()
    {
        Assert.Equal(0.55 - 0.45 / 1.5, PortfolioSizing.KellyWeight(0.55, 1.5), 15);
        var universe = Universe.Create(Series("A", Flat(3, 100)));
        var ws = new PortfolioWorkspace();
        Run(universe, new PortfolioSignals(Column(1, 3, (0, 0)), default),
            new PortfolioOptions { InitialCash = 1000, Sizing = PortfolioSizing.Kelly(0.5, 0.55, 1.5) }, ws);
        Assert.Equal(0.5 * (0.55 - 0.45 / 1.5) * 1000 / 100, ws.Orders[0].Quantity, 12);
        Run(universe, new PortfolioSignals(Column(1, 3, (0, 0)), default),
            new PortfolioOptions { Sizing = PortfolioSizing.Kelly(0.5, 0.3, 1.0) }, ws);
        Assert.Equal((OrderStatus.Rejected, RejectReason.NoEdge), (ws.Orders[0].Status, ws.Orders[0].RejectReason));
    }

    [Fact]
    public void Bad_input_names_the_argument()
    {
        var universe = Universe.Create(Series("A", Flat(3, 100)), Series("B", Flat(3, 100)));
        var ws = new PortfolioWorkspace();
        var length = Assert.Throws<ArgumentException>(() => Run(universe, new PortfolioSignals(new bool[3], default), new PortfolioOptions(), ws));
        Assert.Equal("signals.LongEntries", length.ParamName);
        var risk = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Run(universe, new PortfolioSignals(new bool[6], default), new PortfolioOptions { Risk = new RiskLimits { MaxDrawdown = 1.5 } }, ws));
        Assert.Equal("MaxDrawdown", risk.ParamName);
        Assert.Equal("weight", Assert.Throws<ArgumentOutOfRangeException>(() => PortfolioSizing.EquityWeight(0)).ParamName);
        Assert.Equal("winRate", Assert.Throws<ArgumentOutOfRangeException>(() => PortfolioSizing.Kelly(0.5, 1, 1)).ParamName);
    }

    // A one-symbol portfolio sized by equity weight (or risk fraction) is the single-asset book sized by equity fraction (or risk
    // fraction), with the same exits (stop-loss, take-profit, trailing and time stops), per-entry stop-loss / take-profit price
    // columns, fill model and entry liquidity caps (cancelled or carried remainders).
    // The single-asset book does not cap exits: once the portfolio caps one, only what came before it is compared.
    private static bool SameAsSingleAsset(int n, int seed)
    {
        var rng = new Random(seed);
        var bars = TestBars.Random(n, seed);
        var le = new bool[n]; var lx = new bool[n]; var se = new bool[n]; var sx = new bool[n];
        for (int i = 0; i < n; i++)
        {
            le[i] = rng.NextDouble() < 0.08; lx[i] = rng.NextDouble() < 0.08; se[i] = rng.NextDouble() < 0.08; sx[i] = rng.NextDouble() < 0.08;
        }
        var atr = new double[n];
        for (int i = 0; i < n; i++) atr[i] = bars.High[i] - bars.Low[i];
        double weight = 0.2 + 0.8 * rng.NextDouble();
        var timing = rng.Next(2) == 0 ? FillTiming.NextOpen : FillTiming.SignalClose;
        var exits = rng.Next(3) == 0 ? default : new ExitRules
        {
            StopLoss = rng.Next(3) switch { 0 => ExitLevel.None, 1 => ExitLevel.Fraction(0.005 + rng.NextDouble() * 0.03), _ => ExitLevel.AtrMultiple(0.5 + rng.NextDouble() * 2) },
            TakeProfit = rng.Next(2) == 0 ? ExitLevel.None : ExitLevel.Fraction(0.005 + rng.NextDouble() * 0.05),
            TrailingFraction = rng.Next(2) == 0 ? 0 : 0.003 + rng.NextDouble() * 0.03,
            TimeStopBars = rng.Next(2) == 0 ? 0 : 1 + rng.Next(12),
            Reference = rng.Next(2) == 0 ? StopReference.FillPrice : StopReference.SignalClose,
        };
        int levelMode = rng.Next(3);
        var (stop, target) = DriverEquivalenceTests.EntryLevels(rng, bars.Close, le, se, levelMode);
        bool risk = (exits.StopLoss.IsSet || levelMode == 2) && rng.Next(2) == 0;
        double riskFraction = 0.005 + rng.NextDouble() * 0.05;
        var liquidity = default(LiquidityLimits);
        if (rng.Next(2) == 0)
        {
            // Volume 1000 or plenty, so entries are cut on some bars and carried remainders fill on others.
            var volume = new double[n];
            for (int i = 0; i < n; i++) volume[i] = rng.Next(2) == 0 ? 1000 : 1e9;
            bars = BarSeries.FromArrays(bars.Symbol, null, bars.Time.ToArray(), bars.Open.ToArray(), bars.High.ToArray(), bars.Low.ToArray(),
                bars.Close.ToArray(), volume);
            liquidity = new LiquidityLimits
            {
                MaxVolumeShare = 0.005 + rng.NextDouble() * 0.08, Remainder = rng.Next(2) == 0 ? RemainderPolicy.Cancel : RemainderPolicy.Carry,
            };
        }
        bool slipStops = rng.Next(2) == 0;
        // Isolated leverage, maintenance margin and funding (the single-asset signal path refuses leverage with a carried remainder
        // and funding with any liquidity cap).
        double leverage = 1, maintenance = 0;
        double[] funding = [];
        if (liquidity.Remainder != RemainderPolicy.Carry && rng.Next(2) == 0)
        {
            leverage = 1 + rng.NextDouble() * 49;
            maintenance = rng.NextDouble() * 0.9 / leverage;
        }
        if (!liquidity.IsLimited && rng.Next(2) == 0)
        {
            funding = new double[n];
            for (int i = 0; i < n; i++) funding[i] = rng.Next(4) == 0 ? (rng.NextDouble() - 0.3) * 0.002 : 0;
        }
        // An order book (drawn last, so the draws above are those of the book-free property) walked by entries and exits; not
        // with funding, and carried only without leverage, for the same refusals.
        var depth = funding.Length == 0 && rng.Next(3) == 0 ? PortfolioOrderTests.RandomDepth(bars, timing, rng) : null;
        if (depth is not null && leverage == 1 && rng.Next(2) == 0) liquidity = liquidity with { Remainder = RemainderPolicy.Carry };
        var fee = new FractionFee(0.001);
        var slip = new FixedFractionSlippage(0.0005);
        var single = new SimulationWorkspace();
        var ws = new PortfolioWorkspace();
        PortfolioSummary actual;
        SimulationSummary expected;
        var singleOptions = new SimulationOptions
        {
            Timing = timing, Sizing = risk ? OrderSizing.RiskFraction(riskFraction) : OrderSizing.EquityFraction(weight), Exits = exits,
            SlipStopExits = slipStops, Liquidity = liquidity with { Depth = depth }, Leverage = leverage, MaintenanceMargin = maintenance,
        };
        var portfolioOptions = new PortfolioOptions
        {
            Timing = timing, Sizing = risk ? PortfolioSizing.RiskFraction(riskFraction) : PortfolioSizing.EquityWeight(weight), Exits = exits,
            SlipStopExits = slipStops, Liquidity = liquidity, Leverage = leverage, MaintenanceMargin = maintenance,
        };
        var singleSignals = new SignalInputs(le, lx, se, sx, atr, funding) { StopLossPrice = stop, TakeProfitPrice = target };
        var portfolioSignals = new PortfolioSignals(le, lx, se, sx, atr) { StopLossPrice = stop, TakeProfitPrice = target, FundingRate = funding };
        if (rng.Next(2) == 0)
        {
            expected = SignalSimulator.FromSignals(bars, singleSignals, singleOptions, default(PessimisticFillModel), fee, slip, single);
            actual = PortfolioSimulator.FromSignals(Universe.Create(bars), portfolioSignals, portfolioOptions,
                default(PessimisticFillModel), fee, slip, ws, depth is null ? [] : [depth]);
        }
        else
        {
            expected = SignalSimulator.FromSignals(bars, singleSignals, singleOptions, default(IntraBarPathFillModel), fee, slip, single);
            actual = PortfolioSimulator.FromSignals(Universe.Create(bars), portfolioSignals, portfolioOptions,
                default(IntraBarPathFillModel), fee, slip, ws, depth is null ? [] : [depth]);
        }
        int orders = ws.Orders.Length, until = n;
        for (int k = 0; k < ws.Orders.Length; k++)
        {
            var o = ws.Orders[k];
            if (o.Reason != ExitReason.None && (o.Status == OrderStatus.Partial || o.RejectReason == RejectReason.NoLiquidity))
            {
                (orders, until) = (k, o.Bar);
                break;
            }
        }
        bool whole = orders == ws.Orders.Length;
        if (whole && n > 0 && (actual.FinalEquity != expected.FinalEquity || actual.TotalFunding != expected.TotalFunding)) return false;
        if (whole ? single.Orders.Length != orders : single.Orders.Length < orders) return false;
        for (int k = 0; k < orders; k++)
            if (single.Orders[k] != ws.Orders[k]) return false;
        // Trades too (levels and exit reasons included); the P&L is summed in another order, so it agrees to rounding.
        int trades = 0;
        while (trades < ws.Trades.Length && (whole || ws.Trades[trades].ExitBar < until && ws.Trades[trades].ExitReason != ExitReason.None)) trades++;
        if (whole && single.Trades.Length != trades || single.Trades.Length < trades) return false;
        for (int k = 0; k < trades; k++)
        {
            var (x, y) = (single.Trades[k], ws.Trades[k]);
            if (x with { Pnl = 0 } != y with { Pnl = 0 } || Math.Abs(x.Pnl - y.Pnl) > 1e-9 * Math.Max(1, Math.Abs(x.Pnl))) return false;
        }
        var curve = EquityCurve.Build(bars, single.Orders, 10_000, funding);
        return curve.Equity.AsSpan(0, until).SequenceEqual(ws.Equity[..until]);
    }

    [Fact]
    public void One_symbol_equals_the_single_asset_book()
    {
        Prop.ForAll(Gen.Choose(0, 250).ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(), SameAsSingleAsset)
            .Check(Config.QuickThrowOnFailure.WithQuietOnSuccess(true).WithMaxTest(200));
    }
}
