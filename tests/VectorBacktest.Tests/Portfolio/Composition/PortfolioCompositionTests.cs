using FsCheck;
using FsCheck.Fluent;
using VectorBacktest.Data;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio.Composition;
using VectorBacktest.Portfolio.MultiAsset;
using VectorBacktest.Tests.Portfolio.MultiAsset;

namespace VectorBacktest.Tests.Portfolio.Composition;

/// <summary>Votes and capital allocation over multi-asset strategies.</summary>
public class PortfolioCompositionTests
{
    /// <summary>Replays symbol-major long entry/exit columns and short entries.</summary>
    private sealed class Replay(bool[] entries, bool[] exits, bool[]? shorts = null) : IPortfolioStrategy
    {
        public void OnBar(ref PortfolioContext context)
        {
            int bars = entries.Length / context.SymbolCount;
            for (int s = 0; s < context.SymbolCount; s++)
            {
                int k = s * bars + context.Bar;
                if (entries[k]) context.EnterLong(s);
                if (exits[k]) context.ExitLong(s);
                if (shorts is not null && shorts[k]) context.EnterShort(s);
            }
        }
    }

    private static bool[] Cells(int symbols, int bars, params (int Symbol, int Bar)[] cells)
    {
        var column = new bool[symbols * bars];
        foreach (var (s, b) in cells) column[s * bars + b] = true;
        return column;
    }

    private static readonly Universe TwoFlat = Universe.Create(
        PortfolioSimulatorTests.Series("A", (10, 10), (10, 10), (10, 10), (10, 10), (10, 10), (10, 10)),
        PortfolioSimulatorTests.Series("B", (20, 20), (20, 20), (20, 20), (20, 20), (20, 20), (20, 20)));

    private static PortfolioWorkspace Run(IPortfolioStrategy strategy)
    {
        var ws = new PortfolioWorkspace();
        PortfolioSimulator.Run(TwoFlat, ref strategy, new PortfolioOptions { InitialCash = 1000 }, default(NoFee), default(NoSlippage), ws);
        return ws;
    }

    private static IPortfolioStrategy[] Members() =>
    [
        new Replay(Cells(2, 6, (0, 1), (1, 1)), Cells(2, 6, (0, 3))),
        new Replay(Cells(2, 6, (0, 1)), Cells(2, 6, (0, 3), (1, 4))),
        new Replay(Cells(2, 6, (1, 2)), Cells(2, 6, (1, 4))),
    ];

    [Fact]
    public void Each_symbol_request_needs_its_threshold_of_votes()
    {
        // Majority: A is entered on bar 1 and left on bar 3 by two members each; B's entries get one vote on bar 1 and one on bar 2.
        var majority = Run(PortfolioSignalVote.Majority(Members()));
        Assert.Equal(1, majority.Trades.Length);
        Assert.Equal((0, 2, 4), (majority.Trades[0].Asset, majority.Trades[0].EntryBar, majority.Trades[0].ExitBar));

        // Any one vote: B is also entered on bar 1 (its bar-2 entry is ignored while held) and left on bar 4.
        var any = Run(new PortfolioSignalVote(Members(), 1));
        Assert.Equal(2, any.Trades.Length);
        Assert.Equal((0, 2, 4), (any.Trades[0].Asset, any.Trades[0].EntryBar, any.Trades[0].ExitBar));
        Assert.Equal((1, 2, 5), (any.Trades[1].Asset, any.Trades[1].EntryBar, any.Trades[1].ExitBar));
    }

    private static bool OneMemberVoteIsTheMember(int n, int seed)
    {
        var rng = new Random(seed);
        int symbols = 1 + rng.Next(3);
        var universe = PortfolioReferenceTests.RandomUniverse(Math.Max(n, 1), symbols, rng);
        int cells = symbols * universe.Length;
        var le = new bool[cells]; var lx = new bool[cells]; var se = new bool[cells];
        for (int i = 0; i < cells; i++) { le[i] = rng.Next(8) == 0; lx[i] = rng.Next(8) == 0; se[i] = rng.Next(12) == 0; }
        var options = new PortfolioOptions { Sizing = PortfolioSizing.EquityWeight(0.3) };
        var alone = new PortfolioWorkspace();
        var voted = new PortfolioWorkspace();
        IPortfolioStrategy member = new Replay(le, lx, se);
        var x = PortfolioSimulator.Run(universe, ref member, options, new FractionFee(0.001), default(NoSlippage), alone);
        IPortfolioStrategy vote = new PortfolioSignalVote([new Replay(le, lx, se)], 1);
        var y = PortfolioSimulator.Run(universe, ref vote, options, new FractionFee(0.001), default(NoSlippage), voted);
        return x == y && alone.Orders.SequenceEqual(voted.Orders) && alone.Equity.SequenceEqual(voted.Equity);
    }

    [Fact]
    public void A_vote_of_one_member_equals_the_member()
    {
        Prop.ForAll(Gen.Choose(0, 200).ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(), OneMemberVoteIsTheMember)
            .Check(Config.QuickThrowOnFailure.WithQuietOnSuccess(true).WithMaxTest(100));
    }

    [Fact]
    public void Fixed_weights_sum_the_portfolio_sleeves_and_keep_the_rest_in_cash()
    {
        var rng = new Random(3);
        var universe = PortfolioReferenceTests.RandomUniverse(300, 3, rng);
        int cells = 3 * universe.Length;
        var le1 = new bool[cells]; var lx1 = new bool[cells]; var le2 = new bool[cells]; var lx2 = new bool[cells];
        for (int i = 0; i < cells; i++) { le1[i] = rng.Next(10) == 0; lx1[i] = rng.Next(10) == 0; le2[i] = rng.Next(10) == 0; lx2[i] = rng.Next(10) == 0; }
        var options = new PortfolioOptions { InitialCash = 10_000, Sizing = PortfolioSizing.EquityWeight(0.3) };
        var result = CapitalAllocation.Run(universe, [new Replay(le1, lx1), new Replay(le2, lx2)], [0.6, 0.3], options,
            default(PessimisticFillModel), new FractionFee(0.001), default(NoSlippage));
        var ws = new PortfolioWorkspace();
        IPortfolioStrategy first = new Replay(le1, lx1);
        var alone = PortfolioSimulator.Run(universe, ref first, options with { InitialCash = 6000 }, new FractionFee(0.001), default(NoSlippage), ws);
        Assert.Equal(alone, result.Sleeves[0]);
        Assert.True(ws.Trades.Length > 0);
        Assert.Equal(1000 + result.Sleeves[0].FinalEquity + result.Sleeves[1].FinalEquity, result.FinalEquity, 9);
        Assert.Equal(result.FinalEquity, result.Equity[^1], 9);
        Assert.Equal(10_000, result.Equity[0], 9);
        Assert.Equal(universe.Length, result.Equity.Count);
    }

    [Fact]
    public void Bad_input_names_the_argument()
    {
        var replay = new Replay(new bool[12], new bool[12]);
        Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => new PortfolioSignalVote([replay], 2)).ParamName);
        Assert.Equal("members", Assert.Throws<ArgumentException>(() => new PortfolioSignalVote([], 1)).ParamName);
        Assert.Equal("members", Assert.Throws<ArgumentException>(() => new PortfolioSignalVote([replay, null!], 1)).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentOutOfRangeException>(() => CapitalAllocation.Run(TwoFlat, [replay, replay], [0.7, 0.7],
            new PortfolioOptions(), default(PessimisticFillModel), default(NoFee), default(NoSlippage))).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => CapitalAllocation.Run(TwoFlat, [replay], [0.5, 0.5],
            new PortfolioOptions(), default(PessimisticFillModel), default(NoFee), default(NoSlippage))).ParamName);
        Assert.Equal("strategies", Assert.Throws<ArgumentException>(() => CapitalAllocation.Run(TwoFlat, [replay, null!], [0.5, 0.5],
            new PortfolioOptions(), default(PessimisticFillModel), default(NoFee), default(NoSlippage))).ParamName);
    }

    /// <summary>On bar 1 enters symbol 0 long and symbol 1 short with the given exit prices (NaN: none; a null pair: no entry).</summary>
    private sealed class LevelEntries((double Stop, double Target)? a, (double Stop, double Target)? b) : IPortfolioStrategy
    {
        public void OnBar(ref PortfolioContext context)
        {
            if (context.Bar != 1) return;
            if (a is { } x) context.EnterLong(0, x.Stop, x.Target);
            if (b is { } y) context.EnterShort(1, y.Stop, y.Target);
        }
    }

    [Fact]
    public void A_voted_entry_takes_the_tightest_stop_and_nearest_target_of_its_voters_per_symbol()
    {
        // A (at 10) long: stops 9 / 9.5 / none, targets 12 / none / none → 9.5 and 12. B (at 20) short, voted by the first two only:
        // stops 22 / 21, targets 18 / 19 → 21 and 19.
        var vote = new PortfolioSignalVote([
            new LevelEntries((9, 12), (22, 18)), new LevelEntries((9.5, double.NaN), (21, 19)), new LevelEntries((double.NaN, double.NaN), null)], 2);
        var trades = Run(vote).Trades.ToArray();
        Assert.Equal(2, trades.Length);
        Assert.Equal((0, 9.5, 12.0), (trades[0].Asset, trades[0].StopLoss, trades[0].TakeProfit));
        Assert.Equal((1, 21.0, 19.0), (trades[1].Asset, trades[1].StopLoss, trades[1].TakeProfit));
    }
}
