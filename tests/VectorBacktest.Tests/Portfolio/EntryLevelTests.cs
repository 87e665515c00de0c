using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;
using VectorBacktest.Tests.Infrastructure;

namespace VectorBacktest.Tests.Portfolio;

/// <summary>Per-entry stop-loss and take-profit prices: <see cref="SignalInputs.StopLossPrice"/> /
/// <see cref="SignalInputs.TakeProfitPrice"/> and <see cref="StrategyContext.EnterLong"/>'s arguments.</summary>
public class EntryLevelTests
{
    private static readonly SimulationOptions Base = new() { InitialCash = 1000 };

    /// <summary>Places the columns' entries with their levels through the strategy API.</summary>
    private struct LevelStrategy(bool[] le, bool[] lx, bool[] se, double[] stop, double[] target) : IBarStrategy
    {
        public void OnBar(ref StrategyContext context)
        {
            int t = context.Bar;
            double sl = stop.Length > 0 ? stop[t] : double.NaN, tp = target.Length > 0 ? target[t] : double.NaN;
            if (le[t]) context.EnterLong(stopLoss: sl, takeProfit: tp);
            if (lx.Length > 0 && lx[t]) context.ExitLong();
            if (se.Length > 0 && se[t]) context.EnterShort(sl, tp);
        }
    }

    private static double[] Levels(int n, params (int Bar, double Price)[] levels)
    {
        var column = new double[n];
        Array.Fill(column, double.NaN);
        foreach (var (bar, price) in levels) column[bar] = price;
        return column;
    }

    // Runs both drivers (FromSignals with the columns, the event-driven one through StrategyContext) and checks that they agree.
    private static (SimulationSummary Summary, SimulationWorkspace Workspace) Both(BarSeries bars, bool[] le, bool[] lx, bool[] se,
        double[] stop, double[] target, SimulationOptions options)
    {
        var ws = new SimulationWorkspace();
        var summary = SignalSimulator.FromSignals(bars, new SignalInputs(le, lx, se, []) { StopLossPrice = stop, TakeProfitPrice = target },
            options, default(PessimisticFillModel), default(NoFee), default(NoSlippage), ws);
        var strategy = new LevelStrategy(le, lx, se, stop, target);
        var eventWs = new SimulationWorkspace();
        var events = EventDrivenSimulator.Run(bars, ref strategy, options, default(PessimisticFillModel), default(NoFee), default(NoSlippage), eventWs);
        Assert.Equal(summary, events);
        Assert.Equal(ws.Orders.ToArray(), eventWs.Orders.ToArray());
        Assert.Equal(ws.Trades.ToArray(), eventWs.Trades.ToArray());
        return (summary, ws);
    }

    private static BarSeries Path() => TestBars.From(
        (100, 101, 99, 100), (100, 102, 98, 101), (101, 108, 97, 104), (104, 111, 103, 109), (109, 109, 94, 95), (95, 96, 94, 95));

    [Fact]
    public void Next_open_attaches_the_decision_bars_levels_from_the_fill_bar()
    {
        // Decided on bar 0, filled at bar 1's open (100); levels from bar 1: bar 2's low 97 reaches the stop 97.5 (its high 108
        // stays below the take-profit 110). The columns' values on bars without an entry are ignored.
        var (_, ws) = Both(Path(), TestBars.At(6, 0), [], [], Levels(6, (0, 97.5), (1, 50)), Levels(6, (0, 110), (2, 101)), Base);
        var trade = Assert.Single(ws.Trades.ToArray());
        Assert.Equal((1, 2, 100.0, 97.5, ExitReason.StopLoss), (trade.EntryBar, trade.ExitBar, trade.EntryPrice, trade.ExitPrice, trade.ExitReason));
        Assert.Equal((97.5, 110.0), (trade.StopLoss, trade.TakeProfit));
        Assert.Equal(10 * (97.5 - 100), trade.Pnl, 12);
    }

    [Fact]
    public void Signal_close_fills_at_the_decision_close_and_checks_from_the_next_bar()
    {
        // Filled at bar 1's close (101); the stop 98 is inside bar 1 but levels start at bar 2, where the pessimistic model
        // takes the stop first (97 ≤ 98 and 108 ≥ 107 on one bar).
        var options = Base with { Timing = FillTiming.SignalClose };
        var (_, ws) = Both(Path(), TestBars.At(6, 1), [], [], Levels(6, (1, 98)), Levels(6, (1, 107)), options);
        var trade = Assert.Single(ws.Trades.ToArray());
        Assert.Equal((1, 2, 101.0, 98.0, ExitReason.StopLoss), (trade.EntryBar, trade.ExitBar, trade.EntryPrice, trade.ExitPrice, trade.ExitReason));
        // Without the stop the take-profit fills at its level on bar 2.
        (_, ws) = Both(Path(), TestBars.At(6, 1), [], [], [], Levels(6, (1, 107)), options);
        trade = Assert.Single(ws.Trades.ToArray());
        Assert.Equal((2, 107.0, ExitReason.TakeProfit, double.NaN), (trade.ExitBar, trade.ExitPrice, trade.ExitReason, trade.StopLoss));
    }

    [Fact]
    public void A_gap_through_the_stop_fills_at_the_open()
    {
        // Long from bar 1's open 100 with stop 95: bar 3 opens at 90, below it, and fills there; reached inside a bar it
        // fills at the level (bar 4 of Path: open 109, low 94, stop 100).
        var down = TestBars.From((100, 100, 100, 100), (100, 101, 99, 100), (100, 101, 99, 100), (90, 92, 88, 91), (91, 91, 91, 91));
        var (_, ws) = Both(down, TestBars.At(5, 0), [], [], Levels(5, (0, 95)), Levels(5, (0, 105)), Base);
        var trade = Assert.Single(ws.Trades.ToArray());
        Assert.Equal((1, 100.0, 3, 90.0, ExitReason.StopLoss), (trade.EntryBar, trade.EntryPrice, trade.ExitBar, trade.ExitPrice, trade.ExitReason));
        (_, ws) = Both(Path(), TestBars.At(6, 2), [], [], Levels(6, (2, 100)), [], Base);
        Assert.Equal((4, 100.0), (ws.Trades[0].ExitBar, ws.Trades[0].ExitPrice));
        // The short mirror: stop 105 above the fill 100, bar 3 opens at 110.
        var up = TestBars.From((100, 100, 100, 100), (100, 101, 99, 100), (100, 101, 99, 100), (110, 112, 108, 109), (109, 109, 109, 109));
        (_, ws) = Both(up, new bool[5], [], TestBars.At(5, 0), Levels(5, (0, 105)), Levels(5, (0, 90)), Base);
        trade = Assert.Single(ws.Trades.ToArray());
        Assert.Equal((PositionSide.Short, 3, 110.0, ExitReason.StopLoss), (trade.Side, trade.ExitBar, trade.ExitPrice, trade.ExitReason));
        Assert.Equal(-10 * (110 - 100.0), trade.Pnl, 12);
    }

    [Fact]
    public void A_fill_beyond_the_level_exits_at_the_fill_bars_open()
    {
        // The stop 95 is valid at the decision close 100, but the fill at bar 1's open 90 is already beyond it: the level's
        // first check, on the fill bar, closes the position at that open.
        var bars = TestBars.From((100, 100, 100, 100), (90, 90, 89, 89.5), (89.5, 89.5, 89.5, 89.5));
        var (_, ws) = Both(bars, TestBars.At(3, 0), [], [], Levels(3, (0, 95)), [], Base);
        var trade = Assert.Single(ws.Trades.ToArray());
        Assert.Equal((1, 90.0, 1, 90.0, ExitReason.StopLoss), (trade.EntryBar, trade.EntryPrice, trade.ExitBar, trade.ExitPrice, trade.ExitReason));
    }

    [Fact]
    public void Explicit_levels_override_the_exit_rules_per_entry_and_NaN_keeps_the_rule()
    {
        // Rules: stop 10 %, take-profit 3 % from the fill. Entry 1 (bar 0, fill 100) carries its own stop 99, which bar 1's low
        // 98 reaches; its take-profit is still the rule's 103. Entry 2 (bar 2, NaN) keeps both rules: fill 104, take-profit
        // 107.12 reached on bar 3.
        var options = Base with { Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.1), TakeProfit = ExitLevel.Fraction(0.03) } };
        var (_, ws) = Both(Path(), TestBars.At(6, 0, 2), [], [], Levels(6, (0, 99)), [], options);
        var trades = ws.Trades.ToArray();
        Assert.Equal(2, trades.Length);
        Assert.Equal((1, 99.0, ExitReason.StopLoss, 99.0, 100 * (1 + 0.03)),
            (trades[0].ExitBar, trades[0].ExitPrice, trades[0].ExitReason, trades[0].StopLoss, trades[0].TakeProfit));
        Assert.Equal((3, 104 * (1 + 0.03), ExitReason.TakeProfit, 104 * (1 - 0.1)),
            (trades[1].ExitBar, trades[1].ExitPrice, trades[1].ExitReason, trades[1].StopLoss));
    }

    [Fact]
    public void Risk_fraction_sizes_from_the_entrys_stop_price()
    {
        // Equity 1000, risk 2 % = 20; fill 100, stop 97.5: 20 / 2.5 = 8 units, and the stop loses exactly 20.
        var options = Base with { Sizing = OrderSizing.RiskFraction(0.02) };
        var (summary, ws) = Both(Path(), TestBars.At(6, 0), [], [], Levels(6, (0, 97.5)), [], options);
        Assert.Equal(8, ws.Trades[0].Quantity, 12);
        Assert.Equal(980, summary.FinalEquity, 9);
        // The column wins over the rule's 5 % stop (which would size 4 units).
        (_, ws) = Both(Path(), TestBars.At(6, 0), [], [], Levels(6, (0, 97.5)), [], options with { Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.05) } });
        Assert.Equal(8, ws.Trades[0].Quantity, 12);
        // An entry with neither a column stop nor a rule cannot be sized.
        var e = Assert.Throws<ArgumentException>(() => Both(Path(), TestBars.At(6, 0, 2), [], [], Levels(6, (0, 97.5)), [], options));
        Assert.Equal("Sizing", e.ParamName);
        Assert.Contains("bar 2", e.Message);
    }

    [Theory]
    [InlineData(true, 101.5, double.NaN, "signals.StopLossPrice", "101.5")]
    [InlineData(true, double.NaN, 99, "signals.TakeProfitPrice", "99")]
    [InlineData(true, -1, double.NaN, "signals.StopLossPrice", "-1")]
    [InlineData(false, 99, double.NaN, "signals.StopLossPrice", "99")]
    [InlineData(false, double.PositiveInfinity, double.NaN, "signals.StopLossPrice", null)]
    [InlineData(false, double.NaN, 101, "signals.TakeProfitPrice", "101")]
    public void A_level_on_the_wrong_side_of_the_decision_close_names_the_column_bar_and_values(bool isLong, double stop, double target,
        string name, string? value)
    {
        // Decided on bar 1, whose close is 101: the reference for explicit levels under either timing.
        var entries = TestBars.At(6, 1);
        var none = new bool[6];
        var le = isLong ? entries : none;
        var se = isLong ? none : entries;
        var stops = Levels(6, (1, stop));
        var targets = Levels(6, (1, target));
        foreach (var timing in (FillTiming[])[FillTiming.NextOpen, FillTiming.SignalClose])
        {
            var options = Base with { Timing = timing };
            var strategy = new LevelStrategy(le, [], se, stops, targets);
            foreach (var run in (Action[])[
                () => SignalSimulator.FromSignals(Path(), new SignalInputs(le, [], se, []) { StopLossPrice = stops, TakeProfitPrice = targets },
                    options, new SimulationWorkspace()),
                () => EventDrivenSimulator.Run(Path(), ref strategy, options, default(PessimisticFillModel), default(NoFee), default(NoSlippage),
                    new SimulationWorkspace())])
            {
                var e = Assert.Throws<ArgumentException>(run);
                Assert.Equal(name, e.ParamName);
                if (value is not null) Assert.Contains($"{name} is {value} ", e.Message);
                Assert.Contains($"{(isLong ? "Long" : "Short")} entry decided on bar 1, whose close is 101", e.Message);
            }
        }
    }

    [Fact]
    public void The_reversing_entry_takes_the_levels_of_its_own_bar()
    {
        // Long on bar 0 (no levels), reversed into a short on bar 2 (fill 104 at bar 3's open) with stop 110 and take-profit 96:
        // bar 3's high 111 reaches the stop.
        var (_, ws) = Both(Path(), TestBars.At(6, 0), [], TestBars.At(6, 2), Levels(6, (2, 110)), Levels(6, (2, 96)), Base);
        var trades = ws.Trades.ToArray();
        Assert.Equal(2, trades.Length);
        Assert.Equal((ExitReason.Reverse, double.NaN), (trades[0].ExitReason, trades[0].StopLoss));
        Assert.Equal((PositionSide.Short, 3, 104.0, 3, 110.0, ExitReason.StopLoss, 96.0),
            (trades[1].Side, trades[1].EntryBar, trades[1].EntryPrice, trades[1].ExitBar, trades[1].ExitPrice, trades[1].ExitReason, trades[1].TakeProfit));
    }

    [Fact]
    public void A_limit_entry_attaches_its_decision_bars_levels_when_it_fills()
    {
        // Limit 2 % below the close of bar 1 (101 → 98.98) fills on bar 2 (low 97) at 98.98; levels from bar 3: take-profit 108.
        var options = Base with { Entry = EntryOrder.Limit(0.02, TimeInForce.GoodForBars(3)) };
        var (_, ws) = Both(Path(), TestBars.At(6, 1), [], [], Levels(6, (1, 90)), Levels(6, (1, 108)), options);
        var trade = Assert.Single(ws.Trades.ToArray());
        Assert.Equal((2, 101 * 0.98, 3, 108.0, ExitReason.TakeProfit, 90.0),
            (trade.EntryBar, trade.EntryPrice, trade.ExitBar, trade.ExitPrice, trade.ExitReason, trade.StopLoss));
    }

    [Fact]
    public void Columns_of_the_wrong_length_are_rejected_and_zero_or_one_bar_work()
    {
        var bars = Path();
        var ws = new SimulationWorkspace();
        var e = Assert.Throws<ArgumentException>(() => SignalSimulator.FromSignals(bars,
            new SignalInputs(TestBars.At(6, 0), []) { StopLossPrice = new double[5] }, Base, ws));
        Assert.Equal("signals.StopLossPrice", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => SignalSimulator.FromSignals(bars,
            new SignalInputs(TestBars.At(6, 0), []) { TakeProfitPrice = new double[7] }, Base, ws));
        Assert.Equal("signals.TakeProfitPrice", e.ParamName);
        var empty = TestBars.From();
        Assert.Equal(1000, SignalSimulator.FromSignals(empty, new SignalInputs([], []) { StopLossPrice = [], TakeProfitPrice = [] }, Base, ws).FinalEquity);
        // One bar: a next-open entry has nowhere to fill (EndOfData), a signal-close one fills and keeps its levels.
        var one = TestBars.From((100, 101, 99, 100));
        var (summary, _) = Both(one, [true], [], [], [95], [105], Base);
        Assert.Equal(1, summary.RejectedOrders);
        var (_, oneWs) = Both(one, [true], [], [], [95], [105], Base with { Timing = FillTiming.SignalClose });
        Assert.Equal((95.0, 105.0), (oneWs.Trades[0].StopLoss, oneWs.Trades[0].TakeProfit));
    }

    [Fact]
    public void The_vectorized_run_with_level_columns_allocates_nothing_once_the_workspace_has_grown()
    {
        var bars = TestBars.Random(2000, 5);
        var rng = new Random(5);
        var entries = new bool[2000];
        var stops = new double[2000];
        var targets = new double[2000];
        for (int i = 0; i < 2000; i++)
        {
            entries[i] = rng.Next(15) == 0;
            stops[i] = bars.Close[i] * 0.98;
            targets[i] = rng.Next(2) == 0 ? bars.Close[i] * 1.03 : double.NaN;
        }
        var options = Base with { Sizing = OrderSizing.RiskFraction(0.01) };
        var ws = new SimulationWorkspace();
        var summary = SignalSimulator.FromSignals(bars, new SignalInputs(entries, []) { StopLossPrice = stops, TakeProfitPrice = targets }, options, ws);
        Assert.True(summary.ClosedTrades > 20);
        Allocations.AssertNone(() => SignalSimulator.FromSignals(bars, new SignalInputs(entries, []) { StopLossPrice = stops, TakeProfitPrice = targets }, options, ws));
    }
}
