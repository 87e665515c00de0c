using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio.MultiAsset;

namespace VectorBacktest.Tests.Portfolio.MultiAsset;

/// <summary>Per-entry stop-loss / take-profit price columns of <see cref="PortfolioSignals"/> and risk-fraction sizing.</summary>
public class PortfolioEntryLevelTests
{
    private static BarSeries Series(string symbol, params (double O, double H, double L, double C)?[] rows) => PortfolioExitTests.Series(symbol, rows);

    private static readonly PortfolioOptions Base = new()
    {
        InitialCash = 1000, Sizing = PortfolioSizing.EquityWeight(0.5),
        Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.05), TakeProfit = ExitLevel.Fraction(0.1) },
    };

    private static double[] Levels(int cells, params (int Cell, double Price)[] values)
    {
        var column = new double[cells];
        Array.Fill(column, double.NaN);
        foreach (var (k, price) in values) column[k] = price;
        return column;
    }

    private static PortfolioSummary Run(Universe universe, PortfolioSignals signals, PortfolioOptions options, PortfolioWorkspace ws) =>
        PortfolioSimulator.FromSignals(universe, signals, options, default(PessimisticFillModel), default(NoFee), default(NoSlippage), ws);

    [Fact]
    public void Each_symbol_exits_at_its_own_column_stop_and_a_gap_through_the_stop_fills_at_the_open()
    {
        // Both bought 5 units at 100 on bar 1's open (decided on bar 0, close 100). The columns replace the rules' 95 stop: A's stop
        // is 97, reached by bar 2's low of 96; B's stop is 98 (its take-profit 120 replaces the rules' 110) and bar 2 opens at 90,
        // below it, so B sells at the open. Bar 1's lows (99) reach neither stop.
        var a = Series("A", (100, 100, 100, 100), (100, 101, 99, 100), (100, 100, 96, 97), (97, 97, 97, 97));
        var b = Series("B", (100, 100, 100, 100), (100, 101, 99, 100), (90, 91, 89, 90), (90, 90, 90, 90));
        var entries = new bool[8];
        entries[0] = entries[4] = true;
        var signals = new PortfolioSignals(entries, new bool[8])
        {
            StopLossPrice = Levels(8, (0, 97), (4, 98)), TakeProfitPrice = Levels(8, (4, 120)),
        };
        var ws = new PortfolioWorkspace();
        var summary = Run(Universe.Create(a, b), signals, Base, ws);
        var trades = ws.Trades.ToArray();
        Assert.Equal(2, trades.Length);
        Assert.Equal((0, 2, 97.0, ExitReason.StopLoss, 97.0, 5.0, -15.0), (trades[0].Asset, trades[0].ExitBar, trades[0].ExitPrice,
            trades[0].ExitReason, trades[0].StopLoss, trades[0].Quantity, trades[0].Pnl));
        Assert.Equal(110.0, trades[0].TakeProfit, 12);
        Assert.Equal((1, 2, 90.0, ExitReason.StopLoss, 98.0, 120.0, -50.0), (trades[1].Asset, trades[1].ExitBar, trades[1].ExitPrice,
            trades[1].ExitReason, trades[1].StopLoss, trades[1].TakeProfit, trades[1].Pnl));
        Assert.Equal(935.0, summary.FinalEquity, 12);
        Assert.Equal(935.0, ws.Cash[2], 12);
    }

    [Fact]
    public void Risk_fraction_sizes_each_entry_so_its_stop_loses_the_fraction_of_equity()
    {
        // 1 % of 1000 = 10 at risk per entry, both filled on bar 1's open. A (price 100, column stop 95): 10 / 5 = 2 units. B (price
        // 50, no column: the rules' 10 % stop at 45): 10 / 5 = 2 units. A's stop is hit on bar 2: the loss is exactly 10.
        var a = Series("A", (100, 100, 100, 100), (100, 100, 100, 100), (100, 100, 94, 94), (94, 94, 94, 94));
        var b = Series("B", (50, 50, 50, 50), (50, 50, 50, 50), (50, 50, 50, 50), (50, 50, 50, 50));
        var entries = new bool[8];
        entries[0] = entries[4] = true;
        var options = new PortfolioOptions
        {
            InitialCash = 1000, Sizing = PortfolioSizing.RiskFraction(0.01), Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.1) },
        };
        var ws = new PortfolioWorkspace();
        var summary = Run(Universe.Create(a, b), new PortfolioSignals(entries, new bool[8]) { StopLossPrice = Levels(8, (0, 95)) }, options, ws);
        var buys = ws.Orders.ToArray().Where(o => o.Side == OrderSide.Buy).ToArray();
        Assert.Equal(2, buys.Length);
        Assert.Equal((0, 2.0, OrderStatus.Filled), (buys[0].Asset, buys[0].Quantity, buys[0].Status));
        Assert.Equal((1, 2.0, OrderStatus.Filled), (buys[1].Asset, buys[1].Quantity, buys[1].Status));
        var trade = ws.Trades[0];
        Assert.Equal((0, 95.0, ExitReason.StopLoss, -10.0), (trade.Asset, trade.ExitPrice, trade.ExitReason, trade.Pnl));
        Assert.Equal(990.0, summary.FinalEquity, 12);
    }

    [Fact]
    public void Risk_fraction_is_capped_by_the_free_cash_as_part_of_the_size_and_needs_a_stop()
    {
        // A stop 0.1 below 100 asks for 1000 × 0.05 / 0.1 = 500 units; the cash affords 10, which is the size (Filled, not Partial).
        var a = Series("A", (100, 100, 100, 100), (100, 100, 100, 100), (100, 100, 100, 100));
        var entries = new bool[3];
        entries[0] = true;
        var ws = new PortfolioWorkspace();
        var options = new PortfolioOptions { InitialCash = 1000, Sizing = PortfolioSizing.RiskFraction(0.05) };
        Run(Universe.Create(a), new PortfolioSignals(entries, new bool[3]) { StopLossPrice = Levels(3, (0, 99.9)) }, options, ws);
        var buy = Assert.Single(ws.Orders.ToArray());
        Assert.Equal((10.0, OrderStatus.Filled, 0.0), (buy.Quantity, buy.Status, buy.RequestedQuantity));
        var error = Assert.Throws<ArgumentException>(() => Run(Universe.Create(a), new PortfolioSignals(entries, new bool[3]), options, ws));
        Assert.Equal("Sizing", error.ParamName);
        Assert.Contains("symbol 0 decided on bar 0", error.Message);
        Assert.Equal("fraction", Assert.Throws<ArgumentOutOfRangeException>(() => PortfolioSizing.RiskFraction(0)).ParamName);
    }

    [Theory]
    [InlineData(true, 101, double.NaN, "signals.StopLossPrice")]
    [InlineData(true, double.NaN, 99, "signals.TakeProfitPrice")]
    [InlineData(false, 99, double.NaN, "signals.StopLossPrice")]
    [InlineData(false, double.NaN, 101, "signals.TakeProfitPrice")]
    [InlineData(true, double.PositiveInfinity, double.NaN, "signals.StopLossPrice")]
    public void A_level_on_the_wrong_side_of_the_decision_close_names_the_column_symbol_and_bar(bool isLong, double stop, double target, string name)
    {
        // Symbol 1 decides on bar 1 (close 100); symbol 0's entry has no levels.
        var a = Series("A", (100, 100, 100, 100), (100, 100, 100, 100), (100, 100, 100, 100));
        var entry = new bool[6];
        entry[0] = entry[4] = true;
        var universe = Universe.Create(a, Series("B", (100, 100, 100, 100), (100, 100, 100, 100), (100, 100, 100, 100)));
        double[] stops = Levels(6, (4, stop)), targets = Levels(6, (4, target));
        var error = Assert.Throws<ArgumentException>(() => Run(universe, isLong
            ? new PortfolioSignals(entry, new bool[6]) { StopLossPrice = stops, TakeProfitPrice = targets }
            : new PortfolioSignals(new bool[6], new bool[6], entry, new bool[6]) { StopLossPrice = stops, TakeProfitPrice = targets },
            Base, new PortfolioWorkspace()));
        Assert.Equal(name, error.ParamName);
        Assert.Contains("symbol 1 decided on bar 1", error.Message);
    }

    [Fact]
    public void Level_columns_of_the_wrong_length_are_refused_and_lengths_zero_and_one_run()
    {
        var one = Series("A", (100, 100, 100, 100));
        var ws = new PortfolioWorkspace();
        Assert.Equal("signals.TakeProfitPrice", Assert.Throws<ArgumentException>(() =>
            Run(Universe.Create(one), new PortfolioSignals([true], [false]) { TakeProfitPrice = new double[2] }, Base, ws)).ParamName);
        // One bar under signal-close timing: the entry fills at the close with the column's levels and is still open at the end.
        var summary = Run(Universe.Create(one), new PortfolioSignals([true], [false]) { StopLossPrice = [90.0], TakeProfitPrice = [130.0] },
            Base with { Timing = FillTiming.SignalClose }, ws);
        var trade = Assert.Single(ws.Trades.ToArray());
        Assert.Equal((90.0, 130.0, ExitReason.None), (trade.StopLoss, trade.TakeProfit, trade.ExitReason));
        Assert.Equal(1000.0, summary.FinalEquity);
        var empty = BarSeries.FromArrays("E", Timeframe.Parse("1h"), [], [], [], [], [], []);
        summary = Run(Universe.Create(empty), new PortfolioSignals([], []) { StopLossPrice = [], TakeProfitPrice = [] }, Base, ws);
        Assert.Equal((1000.0, 0), (summary.FinalEquity, ws.Orders.Length));
    }

    /// <summary>Enters symbol 0 long with a stop of 97 and symbol 1 short with a take-profit of 90, on bar 0.</summary>
    private struct LevelStrategy : IPortfolioStrategy
    {
        public readonly void OnBar(ref PortfolioContext context)
        {
            if (context.Bar != 0) return;
            context.EnterLong(0, stopLoss: 97);
            context.EnterShort(1, takeProfit: 90);
        }
    }

    [Fact]
    public void A_strategy_attaches_levels_per_request()
    {
        var a = Series("A", (100, 100, 100, 100), (100, 101, 99, 100), (100, 100, 96, 97), (97, 97, 97, 97));
        var b = Series("B", (100, 100, 100, 100), (100, 101, 99, 100), (95, 95, 89, 90), (90, 90, 90, 90));
        var strategy = new LevelStrategy();
        var ws = new PortfolioWorkspace();
        PortfolioSimulator.Run(Universe.Create(a, b), ref strategy, Base, default(NoFee), default(NoSlippage), ws);
        var trades = ws.Trades.ToArray();
        Assert.Equal(2, trades.Length);
        Assert.Equal((0, 2, 97.0, ExitReason.StopLoss, 97.0), (trades[0].Asset, trades[0].ExitBar, trades[0].ExitPrice, trades[0].ExitReason, trades[0].StopLoss));
        Assert.Equal((1, 2, 90.0, ExitReason.TakeProfit, 90.0), (trades[1].Asset, trades[1].ExitBar, trades[1].ExitPrice, trades[1].ExitReason, trades[1].TakeProfit));
        Assert.Equal(105.0, trades[1].StopLoss, 12);
    }
}
