using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;
using VectorBacktest.Portfolio.MultiAsset;
using VectorBacktest.Portfolio.Orders;
using VectorBacktest.Tests.Infrastructure;

namespace VectorBacktest.Tests.Portfolio.MultiAsset;

public class PortfolioMarginTests
{
    private static BarSeries Series(string symbol, params (double O, double C)?[] rows) => PortfolioSimulatorTests.Series(symbol, rows);

    private static bool[] Column(int symbols, int bars, params (int Symbol, int Bar)[] cells) => PortfolioSimulatorTests.Column(symbols, bars, cells);

    private static PortfolioSummary Run(Universe universe, PortfolioSignals signals, PortfolioOptions options, PortfolioWorkspace ws) =>
        PortfolioSimulatorTests.Run(universe, signals, options, ws);

    [Fact]
    public void Isolated_margin_liquidates_one_symbol_while_the_other_survives()
    {
        // 10× on 1000 of cash, half the equity each: A 50 units at 100 (margin 500), B 100 units at 50 (free margin 500 → 100).
        // A's liquidation price is 100 × (1 − 1/10) = 90; bar 2's low 85 reaches it: A closes at 90, losing its 500 of margin.
        var universe = Universe.Create(Series("A", (100, 100), (100, 100), (100, 85), (85, 85)), Series("B", (50, 50), (50, 50), (50, 50), (50, 50)));
        var ws = new PortfolioWorkspace();
        var options = new PortfolioOptions { InitialCash = 1000, Sizing = PortfolioSizing.EquityWeight(0.5), Leverage = 10 };
        var summary = Run(universe, new PortfolioSignals(Column(2, 4, (0, 0), (1, 0)), new bool[8]), options, ws);
        Assert.Equal(3, ws.Orders.Length);
        Assert.Equal((0, 50.0, 100.0), (ws.Orders[0].Asset, ws.Orders[0].Quantity, ws.Orders[0].Price));
        Assert.Equal((1, 100.0, 50.0), (ws.Orders[1].Asset, ws.Orders[1].Quantity, ws.Orders[1].Price));
        Assert.Equal((0, 2, 90.0, ExitReason.Liquidation), (ws.Orders[2].Asset, ws.Orders[2].Bar, ws.Orders[2].Price, ws.Orders[2].Reason));
        Assert.Equal(500, ws.Orders[2].BalanceAfter);
        Assert.Equal(ExitReason.Liquidation, ws.Trades[0].ExitReason);
        Assert.Equal((1, ExitReason.None), (ws.Trades[1].Asset, ws.Trades[1].ExitReason));
        Assert.Equal([1000, 1000, 500, 500], ws.Equity.ToArray());
        // Free margin after the liquidation: 500 − B's margin 5000 / 10.
        Assert.Equal(0, ws.Cash[2]);
        Assert.Equal(500, summary.FinalEquity);
    }

    [Fact]
    public void A_liquidation_takes_the_whole_position_whatever_the_volume_cap()
    {
        // 10× on 1000, all of it on A at 100: 100 units wanted, 40 a bar (4 % of 1000): 40 on bar 1, 40 carried to bar 2's open,
        // 20 to bar 3's. Bar 3's low 85 reaches the liquidation price 90 after its open fill: the 100 held close there at once.
        var universe = Universe.Create(Series("A", (100, 100), (100, 100), (100, 100), (100, 85), (85, 85)));
        var ws = new PortfolioWorkspace();
        var options = new PortfolioOptions
        {
            InitialCash = 1000, Sizing = PortfolioSizing.EquityWeight(1), Leverage = 10,
            Liquidity = new LiquidityLimits { MaxVolumeShare = 0.04, Remainder = RemainderPolicy.Carry },
        };
        Run(universe, new PortfolioSignals(Column(1, 5, (0, 0)), new bool[5]), options, ws);
        var orders = ws.Orders.ToArray();
        Assert.Equal([40.0, 40.0, 20.0], orders[..3].Select(o => o.Quantity));
        var liquidation = orders[3];
        Assert.Equal((3, ExitReason.Liquidation, OrderStatus.Filled, 100.0, 90.0),
            (liquidation.Bar, liquidation.Reason, liquidation.Status, liquidation.Quantity, liquidation.Price));
        Assert.Equal(0, liquidation.PositionAfter);
    }

    [Fact]
    public void Cross_margin_liquidates_the_account_on_a_loss_of_one_symbol_although_the_other_gains()
    {
        // 5× with maintenance 5 %: A 25 units at 100, B 50 units at 50 (B's free margin 1000 − 2500 / 5 = 500 buys 50).
        // Bar 1: B closes at 60. Bar 2: B opens 60 and never trades lower; A falls from 100 to 40.
        // Equity minus maintenance at the opens: 1000 + 0 + 500 − 0.05 × (2500 + 3000) = 1225; at the adverse extremes it falls
        // by 25 × 0.95 × 60 = 1425, so the account is liquidated 1225 / 1425 of the way: A at 100 − 60 × that, B at 60.
        var universe = Universe.Create(
            Series("A", (100, 100), (100, 100), (100, 40), (40, 40), (40, 40)),
            Series("B", (50, 50), (50, 60), (60, 62), (62, 62), (62, 62)));
        var entries = Column(2, 5, (0, 0), (1, 0), (1, 3));
        var ws = new PortfolioWorkspace();
        var options = new PortfolioOptions
        {
            InitialCash = 1000, Sizing = PortfolioSizing.EquityWeight(0.5), Leverage = 5, MaintenanceMargin = 0.05, MarginMode = MarginMode.Cross,
        };
        Run(universe, new PortfolioSignals(entries, new bool[10]), options, ws);
        double at = 1225.0 / 1425;
        double priceA = 100 + at * -60;
        Assert.Equal((0, 2, ExitReason.Liquidation), (ws.Orders[2].Asset, ws.Orders[2].Bar, ws.Orders[2].Reason));
        Assert.Equal(priceA, ws.Orders[2].Price);
        Assert.Equal((1, 2, ExitReason.Liquidation, 60.0), (ws.Orders[3].Asset, ws.Orders[3].Bar, ws.Orders[3].Reason, ws.Orders[3].Price));
        double left = 1000 + 25 * (priceA - 100) + 50 * (60 - 50);
        Assert.Equal(left, ws.Orders[3].BalanceAfter, 9);
        // Equity at liquidation equals the maintenance margin there.
        Assert.Equal(0.05 * (25 * priceA + 50 * 60), left, 9);
        Assert.True(ws.Trades[1].Pnl > 0);
        // The run goes on with what is left: B's entry decided on bar 3 is sized from it (5 × half of it at 62).
        Assert.Equal((1, 4, OrderSide.Buy), (ws.Orders[4].Asset, ws.Orders[4].Bar, ws.Orders[4].Side));
        Assert.Equal(0.5 * left * 5 / 62, ws.Orders[4].Quantity, 9);

        // Isolated, A alone is liquidated (at 100 × 0.8 / 0.95) and B keeps its gain.
        Run(universe, new PortfolioSignals(entries, new bool[10]), options with { MarginMode = MarginMode.Isolated }, ws);
        Assert.Equal((0, ExitReason.Liquidation, 100 * (1 - 1.0 / 5) / (1 - 0.05)), (ws.Orders[2].Asset, ws.Orders[2].Reason, ws.Orders[2].Price));
        Assert.Equal(3, ws.Orders.Length);
    }

    [Fact]
    public void Cross_margin_gap_liquidates_at_the_opens()
    {
        // 4×: A 40 units at 100 on 1000. Bar 2 gaps to 70: equity 1000 − 1200 < 0 at the open, so A closes there.
        var universe = Universe.Create(Series("A", (100, 100), (100, 100), (70, 75), (75, 75)));
        var ws = new PortfolioWorkspace();
        var options = new PortfolioOptions { InitialCash = 1000, Sizing = PortfolioSizing.EquityWeight(1), Leverage = 4, MarginMode = MarginMode.Cross };
        var summary = Run(universe, new PortfolioSignals([true, false, false, false], new bool[4]), options, ws);
        Assert.Equal((2, 70.0, ExitReason.Liquidation), (ws.Orders[1].Bar, ws.Orders[1].Price, ws.Orders[1].Reason));
        Assert.Equal(-200, summary.FinalEquity);
    }

    [Fact]
    public void Funding_is_paid_on_two_symbols_at_eight_hour_bars()
    {
        // Long 5 A at 100 pays 0.1 % a bar (0.5); short 10 B at 50 receives 0.05 % a bar (0.25). A closes at bar 3's open, so it
        // pays bars 1 and 2; B is held to the end and pays bars 1 to 3.
        const long eightHours = 8 * 3_600_000L;
        long[] time = [0, eightHours, 2 * eightHours, 3 * eightHours];
        double[] flatA = [100, 100, 100, 100], flatB = [50, 50, 50, 50], volume = [1e6, 1e6, 1e6, 1e6];
        var universe = Universe.Create(
            BarSeries.FromArrays("A", Timeframe.Parse("8h"), time, flatA, flatA, flatA, flatA, volume),
            BarSeries.FromArrays("B", Timeframe.Parse("8h"), time, flatB, flatB, flatB, flatB, volume));
        var funding = new double[] { 0.001, 0.001, 0.001, 0.001, 0.0005, 0.0005, 0.0005, 0.0005 };
        var signals = new PortfolioSignals(Column(2, 4, (0, 0)), Column(2, 4, (0, 2)), Column(2, 4, (1, 0)), new bool[8]) { FundingRate = funding };
        var ws = new PortfolioWorkspace();
        var options = new PortfolioOptions { InitialCash = 1000, Sizing = PortfolioSizing.EquityWeight(0.5) };
        var summary = Run(universe, signals, options, ws);
        Assert.Equal((5.0, -10.0), (ws.Orders[0].PositionAfter, ws.Orders[1].PositionAfter));
        double[] expected = [1000, 1000 - 0.5 + 0.25, 1000 - 1 + 0.5, 1000 - 1 + 0.75];
        for (int t = 0; t < 4; t++) Assert.Equal(expected[t], ws.Equity[t], 12);
        Assert.Equal(1000 - 1.0, ws.Orders[2].BalanceAfter, 12);
        Assert.Equal((0, 1.0), (ws.Trades[0].Asset, Math.Round(ws.Trades[0].Funding, 12)));
        Assert.Equal((1, -0.75), (ws.Trades[1].Asset, Math.Round(ws.Trades[1].Funding, 12)));
        Assert.Equal(0.25, summary.TotalFunding, 12);
        Assert.Equal(1000 - 1 + 0.75, summary.FinalEquity, 12);

        // The event-driven driver's context sees the same equity and cash.
        var strategy = new Recorder(new double[4], new double[4]);
        PortfolioSimulator.Run(universe, ref strategy, options, default(NoFee), default(NoSlippage), ws, fundingRate: funding);
        Assert.Equal(expected[1], strategy.Equity[1], 12);
        Assert.Equal(ws.Equity.ToArray(), strategy.Equity);
        Assert.Equal(ws.Cash.ToArray(), strategy.Cash);
    }

    // Enters long A and short B on bar 0, exits A on bar 2; records the context's equity and cash.
    private readonly struct Recorder(double[] equity, double[] cash) : IPortfolioStrategy
    {
        public double[] Equity => equity;
        public double[] Cash => cash;

        public void OnBar(ref PortfolioContext context)
        {
            if (context.Bar == 0)
            {
                context.EnterLong(0);
                context.EnterShort(1);
            }
            if (context.Bar == 2) context.ExitLong(0);
            equity[context.Bar] = context.Equity;
            cash[context.Bar] = context.Cash;
        }
    }

    [Fact]
    public void Free_margin_caps_a_new_entry()
    {
        // 4× on 1000, 75 % of equity each: A takes 30 units at 100 (margin 750). B, decided on bar 1, fills on bar 2 at 50.
        // A is then at 110 (open of bar 2). Isolated: free margin 1000 − 750 = 250 buys 250 × 4 / 50 = 20 of the 78 wanted
        // (0.75 × equity 1300 × 4 / 50). Cross: free margin is equity − margin = 1300 − 750 = 550, which buys 44.
        var universe = Universe.Create(Series("A", (100, 100), (100, 110), (110, 110), (110, 110)), Series("B", (50, 50), (50, 50), (50, 50), (50, 50)));
        var entries = Column(2, 4, (0, 0), (1, 1));
        var ws = new PortfolioWorkspace();
        var options = new PortfolioOptions { InitialCash = 1000, Sizing = PortfolioSizing.EquityWeight(0.75), Leverage = 4 };
        Run(universe, new PortfolioSignals(entries, new bool[8]), options, ws);
        Assert.Equal(30, ws.Orders[0].Quantity);
        Assert.Equal((1, OrderStatus.Partial, 20.0, 78.0), (ws.Orders[1].Asset, ws.Orders[1].Status, ws.Orders[1].Quantity, ws.Orders[1].RequestedQuantity));
        Assert.Equal(0, ws.Cash[2]);
        Run(universe, new PortfolioSignals(entries, new bool[8]), options with { MarginMode = MarginMode.Cross }, ws);
        Assert.Equal((1, OrderStatus.Partial, 44.0, 78.0), (ws.Orders[1].Asset, ws.Orders[1].Status, ws.Orders[1].Quantity, ws.Orders[1].RequestedQuantity));
        Assert.Equal(0, ws.Cash[2]);
    }

    [Fact]
    public void Orders_buy_on_margin_and_an_isolated_position_is_liquidated()
    {
        // FromOrders at 4×: 30 units of A at 100 need 750 of margin out of 1000; B's 40 units at 50 (margin 500) are cut to the
        // 250 left: 20. A's liquidation price is 75; bar 3's low 70 reaches it.
        var universe = Universe.Create(Series("A", (100, 100), (100, 100), (100, 100), (100, 70), (70, 70)), Series("B", Enumerable.Repeat<(double, double)?>((50, 50), 5).ToArray()));
        var size = Enumerable.Repeat(double.NaN, 10).ToArray();
        size[0] = 30;
        size[5 + 1] = 40;
        var ws = new PortfolioWorkspace();
        var options = new PortfolioOptions { InitialCash = 1000, Leverage = 4 };
        var summary = PortfolioSimulator.FromOrders(universe, new PortfolioOrders(size), options, default(NoFee), default(NoSlippage), ws);
        Assert.Equal((0, 30.0, OrderStatus.Filled), (ws.Orders[0].Asset, ws.Orders[0].Quantity, ws.Orders[0].Status));
        Assert.Equal((1, 20.0, OrderStatus.Partial), (ws.Orders[1].Asset, ws.Orders[1].Quantity, ws.Orders[1].Status));
        Assert.Equal((0, 3, 75.0, ExitReason.Liquidation), (ws.Orders[2].Asset, ws.Orders[2].Bar, ws.Orders[2].Price, ws.Orders[2].Reason));
        Assert.Equal(1000 - 30 * 25, summary.FinalEquity);
    }

    [Fact]
    public void Orders_under_cross_margin_liquidate_and_cancel_the_carried_remainder()
    {
        // 100 units of A at 20× and 2 % of the bar volume (1000): 20 units fill on each of bars 1 to 3. Bar 3 falls from 100 to
        // 40: equity 1000 + 60 × (p − 100) reaches 0 (no maintenance margin) at p = 100 − 1000 / 60, 1000 / 3600 of the way down.
        var universe = Universe.Create(Series("A", (100, 100), (100, 100), (100, 100), (100, 40), (40, 40)));
        var size = new[] { 100, double.NaN, double.NaN, double.NaN, double.NaN };
        var ws = new PortfolioWorkspace();
        var options = new PortfolioOptions { InitialCash = 1000, Leverage = 20, MarginMode = MarginMode.Cross };
        PortfolioSimulator.FromOrders(universe, new PortfolioOrders(size), options, default(NoFee), default(NoSlippage), ws,
            new LiquidityLimits { MaxVolumeShare = 0.02, Remainder = RemainderPolicy.Carry });
        var orders = ws.Orders.ToArray();
        Assert.Equal(5, orders.Length);
        Assert.Equal(60, orders[2].PositionAfter);
        Assert.Equal((3, ExitReason.Liquidation, OrderStatus.Filled, 60.0), (orders[3].Bar, orders[3].Reason, orders[3].Status, orders[3].Quantity));
        Assert.Equal(100 + 1000.0 / 3600 * -60, orders[3].Price);
        Assert.Equal((3, OrderStatus.Rejected, RejectReason.Cancelled, 40.0), (orders[4].Bar, orders[4].Status, orders[4].RejectReason, orders[4].Quantity));
    }

    [Fact]
    public void Bad_margin_input_names_the_argument()
    {
        var universe = Universe.Create(Series("A", (100, 100), (100, 100)));
        var ws = new PortfolioWorkspace();
        bool[] entries = [true, false], exits = [false, false];
        Assert.Equal("Leverage", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Run(universe, new PortfolioSignals(entries, exits), new PortfolioOptions { Leverage = 0.5 }, ws)).ParamName);
        Assert.Equal("MaintenanceMargin", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Run(universe, new PortfolioSignals(entries, exits), new PortfolioOptions { Leverage = 10, MaintenanceMargin = 0.1 }, ws)).ParamName);
        Assert.Equal("MarginMode", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Run(universe, new PortfolioSignals(entries, exits), new PortfolioOptions { MarginMode = (MarginMode)7 }, ws)).ParamName);
        Assert.Equal("signals.FundingRate", Assert.Throws<ArgumentException>(() =>
            Run(universe, new PortfolioSignals([true, false], [false, false]) { FundingRate = new double[3] }, new PortfolioOptions(), ws)).ParamName);
        Assert.Equal("signals.FundingRate", Assert.Throws<ArgumentException>(() =>
            Run(universe, new PortfolioSignals([true, false], [false, false]) { FundingRate = [0, double.NaN] }, new PortfolioOptions(), ws)).ParamName);
        Assert.Equal("orders.FundingRate", Assert.Throws<ArgumentException>(() =>
            PortfolioSimulator.FromOrders(universe, new PortfolioOrders(new double[2]) { FundingRate = new double[1] }, new PortfolioOptions(),
                default(NoFee), default(NoSlippage), ws)).ParamName);
    }

    [Fact]
    public void Empty_and_one_bar_runs_with_margin_and_funding()
    {
        var options = new PortfolioOptions { Leverage = 3, MaintenanceMargin = 0.01, MarginMode = MarginMode.Cross };
        var ws = new PortfolioWorkspace();
        var empty = Universe.Create(Series("A"));
        Assert.Equal(options.InitialCash, Run(empty, new PortfolioSignals([], []) { FundingRate = [] }, options, ws).FinalEquity);
        var one = Universe.Create(Series("A", (100, 100)));
        var summary = Run(one, new PortfolioSignals([true], [false]) { FundingRate = [0.01] }, options, ws);
        Assert.Equal((options.InitialCash, 0.0), (summary.FinalEquity, summary.TotalFunding));
    }

    [Fact]
    public void Margin_runs_allocate_nothing_on_a_grown_workspace()
    {
        var universe = PortfolioReferenceTests.RandomUniverse(300, 3, new Random(3));
        int cells = 3 * universe.Length;
        var rng = new Random(4);
        var le = new bool[cells]; var lx = new bool[cells]; var se = new bool[cells]; var sx = new bool[cells];
        var funding = new double[cells];
        for (int i = 0; i < cells; i++)
        {
            le[i] = rng.Next(8) == 0; lx[i] = rng.Next(8) == 0; se[i] = rng.Next(8) == 0; sx[i] = rng.Next(8) == 0;
            funding[i] = rng.Next(4) == 0 ? 0.0005 : 0;
        }
        var size = new double[cells];
        for (int i = 0; i < cells; i++) size[i] = rng.Next(5) == 0 ? rng.NextDouble() * 2 - 1 : double.NaN;
        var ws = new PortfolioWorkspace();
        var fee = new FractionFee(0.001);
        var slip = new FixedFractionSlippage(0.0005);
        foreach (var mode in new[] { MarginMode.Isolated, MarginMode.Cross })
        {
            var options = new PortfolioOptions { Leverage = 20, MaintenanceMargin = 0.01, MarginMode = mode, Sizing = PortfolioSizing.EquityWeight(0.5) };
            void Signals() => PortfolioSimulator.FromSignals(universe, new PortfolioSignals(le, lx, se, sx) { FundingRate = funding }, options, fee, slip, ws);
            void Orders() => PortfolioSimulator.FromOrders(universe, new PortfolioOrders(size, SizeType.TargetPercent) { FundingRate = funding }, options,
                fee, slip, ws);
            Signals();
            Orders();
            Allocations.AssertNone(Signals);
            Allocations.AssertNone(Orders);
        }
    }
}
