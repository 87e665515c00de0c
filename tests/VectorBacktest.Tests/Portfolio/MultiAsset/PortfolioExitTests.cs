using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio.MultiAsset;

namespace VectorBacktest.Tests.Portfolio.MultiAsset;

/// <summary>Stop-loss and take-profit on multi-asset positions.</summary>
public class PortfolioExitTests
{
    private const long Hour = 3_600_000L;

    // Bars from (open, high, low, close) rows, one hour apart; null rows are missing bars.
    internal static BarSeries Series(string symbol, params (double O, double H, double L, double C)?[] rows)
    {
        var t = new List<long>(); var o = new List<double>(); var h = new List<double>(); var l = new List<double>(); var c = new List<double>();
        for (int i = 0; i < rows.Length; i++)
        {
            if (rows[i] is not { } r) continue;
            t.Add(i * Hour); o.Add(r.O); h.Add(r.H); l.Add(r.L); c.Add(r.C);
        }
        var v = new double[t.Count];
        Array.Fill(v, 1000);
        return BarSeries.FromArrays(symbol, Timeframe.Parse("1h"), t.ToArray(), o.ToArray(), h.ToArray(), l.ToArray(), c.ToArray(), v);
    }

    private static readonly PortfolioOptions Base = new()
    {
        InitialCash = 1000, Sizing = PortfolioSizing.EquityWeight(0.5),
        Exits = new ExitRules { StopLoss = ExitLevel.Fraction(0.05), TakeProfit = ExitLevel.Fraction(0.1) },
    };

    [Fact]
    public void Each_symbol_exits_at_its_own_level_and_frees_its_cash()
    {
        // Both bought at 100 on bar 1's open: A's bar 2 dips to 94 (stop at 95), B's bar 3 reaches 112 (take-profit at 110).
        var a = Series("A", (100, 100, 100, 100), (100, 101, 99, 100), (100, 100, 94, 96), (96, 97, 96, 96), (96, 96, 96, 96));
        var b = Series("B", (100, 100, 100, 100), (100, 101, 99, 100), (100, 101, 99, 100), (100, 112, 100, 111), (111, 111, 111, 111));
        var entries = new bool[10];
        entries[0] = entries[5] = true;
        var ws = new PortfolioWorkspace();
        PortfolioSimulator.FromSignals(Universe.Create(a, b), new PortfolioSignals(entries, new bool[10]), Base,
            default(PessimisticFillModel), default(NoFee), default(NoSlippage), ws);
        var trades = ws.Trades.ToArray();
        Assert.Equal(2, trades.Length);
        Assert.Equal((0, 2, 95.0, ExitReason.StopLoss, 95.0), (trades[0].Asset, trades[0].ExitBar, trades[0].ExitPrice, trades[0].ExitReason,
            trades[0].StopLoss));
        Assert.Equal(110.0, trades[0].TakeProfit, 9);
        Assert.Equal((1, 3, ExitReason.TakeProfit), (trades[1].Asset, trades[1].ExitBar, trades[1].ExitReason));
        Assert.Equal(110.0, trades[1].ExitPrice, 9);
        Assert.Equal(1000 + 5 * -5.0 + 5 * 10.0, ws.Equity[^1], 9);
    }

    [Fact]
    public void A_gap_through_the_stop_fills_at_the_open_and_both_levels_in_one_bar_follow_the_fill_model()
    {
        var gap = Series("A", (100, 100, 100, 100), (100, 100, 100, 100), (90, 91, 89, 90), (90, 90, 90, 90));
        var both = Series("B", (100, 100, 100, 100), (100, 100, 100, 100), (100, 111, 94, 100), (100, 100, 100, 100));
        var entries = new bool[8];
        entries[0] = entries[4] = true;
        var ws = new PortfolioWorkspace();
        var universe = Universe.Create(gap, both);
        PortfolioSimulator.FromSignals(universe, new PortfolioSignals(entries, new bool[8]), Base, default(PessimisticFillModel), default(NoFee), default(NoSlippage), ws);
        Assert.Equal((90.0, ExitReason.StopLoss), (ws.Trades[0].ExitPrice, ws.Trades[0].ExitReason));
        Assert.Equal((95.0, ExitReason.StopLoss), (ws.Trades[1].ExitPrice, ws.Trades[1].ExitReason));
        PortfolioSimulator.FromSignals(universe, new PortfolioSignals(entries, new bool[8]), Base, default(OptimisticFillModel), default(NoFee), default(NoSlippage), ws);
        Assert.Equal(ExitReason.TakeProfit, ws.Trades[1].ExitReason);
        Assert.Equal(110.0, ws.Trades[1].ExitPrice, 9);
    }

    [Fact]
    public void Absolute_levels_and_a_missing_bar_that_is_skipped()
    {
        // B has no bar 2, so its stop is checked again on bar 3 (gap: fills at the open).
        var a = Series("A", (100, 100, 100, 100), (100, 100, 100, 100), (100, 100, 100, 100), (100, 100, 100, 100));
        var b = Series("B", (100, 100, 100, 100), (100, 100, 100, 100), null, (80, 80, 80, 80));
        var entries = new bool[8];
        entries[4] = true;
        var options = Base with { Exits = new ExitRules { StopLoss = ExitLevel.Price(90) } };
        var ws = new PortfolioWorkspace();
        PortfolioSimulator.FromSignals(Universe.Create(a, b), new PortfolioSignals(entries, new bool[8]), options,
            default(PessimisticFillModel), default(NoFee), default(NoSlippage), ws);
        var trade = Assert.Single(ws.Trades.ToArray());
        Assert.Equal((1, 3, 80.0, 90.0), (trade.Asset, trade.ExitBar, trade.ExitPrice, trade.StopLoss));
    }

    [Fact]
    public void Bad_exits_throw_naming_the_argument()
    {
        var a = Series("A", (100, 100, 100, 100), (100, 100, 100, 100), (100, 100, 100, 100));
        var entries = new bool[3];
        entries[0] = true;
        var ws = new PortfolioWorkspace();
        var universe = Universe.Create(a);
        var depth = new OrderBookDepth(1, [99, 99, 99], [1, 1, 1], [101, 101, 101], [1, 1, 1]);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => PortfolioSimulator.FromSignals(universe, new PortfolioSignals(entries, new bool[3]),
            Base with { Liquidity = new LiquidityLimits { MaxVolumeShare = 0.1, Depth = depth } }, default(NoFee), default(NoSlippage), ws)).ParamName);
        Assert.Equal("MaxVolumeShare", Assert.Throws<ArgumentOutOfRangeException>(() => PortfolioSimulator.FromSignals(universe, new PortfolioSignals(entries, new bool[3]),
            Base with { Liquidity = new LiquidityLimits { MaxVolumeShare = 2 } }, default(NoFee), default(NoSlippage), ws)).ParamName);
        Assert.Equal("signals", Assert.Throws<ArgumentException>(() => PortfolioSimulator.FromSignals(universe, new PortfolioSignals(entries, new bool[3]),
            Base with { Exits = new ExitRules { StopLoss = ExitLevel.AtrMultiple(2) } }, default(NoFee), default(NoSlippage), ws)).ParamName);
        Assert.Equal("options.Exits.StopLoss", Assert.Throws<ArgumentException>(() => PortfolioSimulator.FromSignals(universe, new PortfolioSignals(entries, new bool[3]),
            Base with { Exits = new ExitRules { StopLoss = ExitLevel.Price(120) } }, default(NoFee), default(NoSlippage), ws)).ParamName);
    }

    [Fact]
    public void A_trailing_stop_on_one_symbol_closes_it_while_the_other_stays_held()
    {
        // A and B bought 5 units each at 100 on bar 1's open. B's trailing stop (10 %) follows the highest high seen before each
        // bar: bar 2 is tested against 110 × 0.9 = 99 (its own high of 120 only moves the stop after the bar, else its low of 105
        // would have hit 108), bar 3 against 120 × 0.9 = 108, which its low of 107 reaches: B sells at 108. A never falls.
        var a = Series("A", (100, 100, 100, 100), (100, 100, 100, 100), (100, 100, 100, 100), (100, 100, 100, 100), (100, 100, 100, 100));
        var b = Series("B", (100, 100, 100, 100), (100, 110, 100, 108), (108, 120, 105, 118), (115, 116, 107, 110), (110, 110, 110, 110));
        var entries = new bool[10];
        entries[0] = entries[5] = true;
        var ws = new PortfolioWorkspace();
        PortfolioSimulator.FromSignals(Universe.Create(a, b), new PortfolioSignals(entries, new bool[10]),
            Base with { Exits = new ExitRules { TrailingFraction = 0.1 } }, default(PessimisticFillModel), default(NoFee), default(NoSlippage), ws);
        var trades = ws.Trades.ToArray();
        Assert.Equal(2, trades.Length);
        Assert.Equal((1, 3, ExitReason.TrailingStop, 5.0), (trades[0].Asset, trades[0].ExitBar, trades[0].ExitReason, trades[0].Quantity));
        Assert.Equal(108.0, trades[0].ExitPrice, 12);
        Assert.Equal(40.0, trades[0].Pnl, 9);
        Assert.Equal((0, ExitReason.None), (trades[1].Asset, trades[1].ExitReason));
        Assert.Equal(1040.0, ws.Equity[^1], 9);
        Assert.Equal(540.0, ws.Cash[3], 9);
    }

    [Fact]
    public void A_time_stop_counts_universe_bars_and_waits_for_the_symbol_s_next_bar()
    {
        // Three symbols bought on bar 1 with a 3-bar time stop, decided on bar 1 + 3 − 1 = 3 and filled at bar 4's open. B has no
        // bar 3: its stop is decided on bar 4 and fills on bar 5. C has no bar 4: the exit decided on bar 3 is rejected there and
        // decided again on bar 5, filling on bar 6. Each bar opens at 100 + its index.
        static (double, double, double, double)?[] Rows(int missing)
        {
            var rows = new (double, double, double, double)?[8];
            for (int i = 0; i < rows.Length; i++) rows[i] = i == missing ? null : (100 + i, 100 + i, 100 + i, 100 + i);
            return rows;
        }
        var universe = Universe.Create(Series("A", Rows(-1)), Series("B", Rows(3)), Series("C", Rows(4)));
        var entries = new bool[24];
        entries[0] = entries[8] = entries[16] = true;
        var ws = new PortfolioWorkspace();
        var options = Base with { Sizing = PortfolioSizing.EquityWeight(0.3), Exits = new ExitRules { TimeStopBars = 3 } };
        PortfolioSimulator.FromSignals(universe, new PortfolioSignals(entries, new bool[24]), options, default(NoFee), default(NoSlippage), ws);
        var trades = ws.Trades.ToArray();
        Assert.Equal(3, trades.Length);
        Assert.Equal((0, 4, 104.0, ExitReason.TimeStop), (trades[0].Asset, trades[0].ExitBar, trades[0].ExitPrice, trades[0].ExitReason));
        Assert.Equal((1, 5, 105.0, ExitReason.TimeStop), (trades[1].Asset, trades[1].ExitBar, trades[1].ExitPrice, trades[1].ExitReason));
        Assert.Equal((2, 6, 106.0, ExitReason.TimeStop), (trades[2].Asset, trades[2].ExitBar, trades[2].ExitPrice, trades[2].ExitReason));
        var rejected = Assert.Single(ws.Orders.ToArray(), o => o.Status == OrderStatus.Rejected);
        Assert.Equal((2, 3, 4, RejectReason.MissingBar, ExitReason.TimeStop), (rejected.Asset, rejected.DecisionBar, rejected.Bar, rejected.RejectReason, rejected.Reason));
        Assert.Equal(300 / 101.0 * 3, trades[0].Pnl, 9);
        Assert.Equal(5, Assert.Single(ws.Orders.ToArray(), o => o.Asset == 2 && o.Status == OrderStatus.Filled && o.Side == OrderSide.Sell).DecisionBar);
    }
}
