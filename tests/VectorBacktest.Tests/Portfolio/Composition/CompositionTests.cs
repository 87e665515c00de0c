using FsCheck;
using FsCheck.Fluent;
using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;
using VectorBacktest.Portfolio;
using VectorBacktest.Portfolio.Composition;

namespace VectorBacktest.Tests.Portfolio.Composition;

public class CompositionTests
{
    /// <summary>Replays long entry/exit columns.</summary>
    private sealed class Replay(bool[] entries, bool[] exits) : IBarStrategy
    {
        public void OnBar(ref StrategyContext context)
        {
            if (entries[context.Bar]) context.EnterLong();
            if (exits[context.Bar]) context.ExitLong();
        }
    }

    private static SimulationSummary Run(IBarStrategy strategy, VectorBacktest.Data.BarSeries bars, SimulationWorkspace ws) =>
        EventDrivenSimulator.Run(bars, ref strategy, new SimulationOptions(), default(PessimisticFillModel), new FractionFee(0.001), default(NoSlippage), ws);

    [Fact]
    public void Majority_enters_only_when_two_of_three_members_ask()
    {
        var bars = TestBars.Random(10, 1);
        var a = new Replay(TestBars.At(10, 1, 4), TestBars.At(10, 7));
        var b = new Replay(TestBars.At(10, 4), TestBars.At(10, 6, 7));
        var c = new Replay(TestBars.At(10, 2), TestBars.At(10, 6));
        var ws = new SimulationWorkspace();
        Run(SignalVote.Majority(a, b, c), bars, ws);
        Assert.Equal(1, ws.Trades.Length);
        Assert.Equal((5, 7), (ws.Trades[0].EntryBar, ws.Trades[0].ExitBar));
    }

    private static bool OneMemberVoteIsTheMember(int n, int seed)
    {
        var rng = new Random(seed);
        var bars = TestBars.Random(n, seed);
        var le = new bool[n]; var lx = new bool[n];
        for (int i = 0; i < n; i++) { le[i] = rng.Next(8) == 0; lx[i] = rng.Next(8) == 0; }
        var alone = new SimulationWorkspace();
        var voted = new SimulationWorkspace();
        var x = Run(new Replay(le, lx), bars, alone);
        var y = Run(new SignalVote([new Replay(le, lx)], 1), bars, voted);
        return x == y && alone.Orders.SequenceEqual(voted.Orders);
    }

    [Fact]
    public void A_vote_of_one_member_equals_the_member()
    {
        Prop.ForAll(Gen.Choose(0, 200).ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(), OneMemberVoteIsTheMember)
            .Check(Config.QuickThrowOnFailure.WithQuietOnSuccess(true).WithMaxTest(100));
    }

    /// <summary>Enters on bar 1 with the given exit prices (NaN: none), long or short.</summary>
    private sealed class LevelEntry(bool isLong, double stopLoss, double takeProfit) : IBarStrategy
    {
        public void OnBar(ref StrategyContext context)
        {
            if (context.Bar != 1) return;
            if (isLong) context.EnterLong(stopLoss, takeProfit);
            else context.EnterShort(stopLoss, takeProfit);
        }
    }

    [Theory]
    [InlineData(true, 97.0, 108.0)]
    [InlineData(false, 103.0, 92.0)]
    public void A_voted_entry_takes_the_tightest_stop_and_nearest_target_of_its_voters(bool isLong, double stop, double target)
    {
        // Flat at 100. Long voters give stops 95 / 97 / none and targets 110 / 108 / none; short voters 105 / 103 and 90 / 92.
        // The fourth member votes for nothing, so its levels (which would be tighter) do not count.
        var flat = new double[5];
        Array.Fill(flat, 100);
        var bars = VectorBacktest.Data.BarSeries.FromArrays("X", VectorBacktest.Data.Timeframe.Parse("1h"), [0, 3_600_000, 7_200_000, 10_800_000, 14_400_000],
            flat, flat, flat, flat, flat);
        double sign = isLong ? 1 : -1;
        var vote = new SignalVote([
            new LevelEntry(isLong, 100 - sign * 5, 100 + sign * 10), new LevelEntry(isLong, 100 - sign * 3, 100 + sign * 8),
            new LevelEntry(isLong, double.NaN, double.NaN), new LevelEntry(!isLong, 100 + sign * 1, 100 - sign * 1)], threshold: 2);
        var ws = new SimulationWorkspace();
        Run(vote, bars, ws);
        var trade = Assert.Single(ws.Trades.ToArray());
        Assert.Equal((isLong ? VectorBacktest.Execution.PositionSide.Long : VectorBacktest.Execution.PositionSide.Short, stop, target),
            (trade.Side, trade.StopLoss, trade.TakeProfit));
    }

    [Fact]
    public void Fixed_weights_sum_the_sleeves_and_keep_the_rest_in_cash()
    {
        var bars = TestBars.Random(300, 5);
        var rng = new Random(5);
        var le1 = new bool[300]; var lx1 = new bool[300]; var le2 = new bool[300]; var lx2 = new bool[300];
        for (int i = 0; i < 300; i++) { le1[i] = rng.Next(10) == 0; lx1[i] = rng.Next(10) == 0; le2[i] = rng.Next(10) == 0; lx2[i] = rng.Next(10) == 0; }
        var options = new SimulationOptions { InitialCash = 10_000 };
        var result = CapitalAllocation.Run(bars, [new Replay(le1, lx1), new Replay(le2, lx2)], [0.6, 0.3], options,
            default(PessimisticFillModel), new FractionFee(0.001), default(NoSlippage));
        var ws = new SimulationWorkspace();
        IBarStrategy first = new Replay(le1, lx1);
        var alone = EventDrivenSimulator.Run(bars, ref first, options with { InitialCash = 6000 }, default(PessimisticFillModel), new FractionFee(0.001), default(NoSlippage), ws);
        Assert.Equal(alone, result.Sleeves[0].Summary);
        Assert.Equal(1000 + result.Sleeves[0].Summary.FinalEquity + result.Sleeves[1].Summary.FinalEquity, result.FinalEquity, 9);
        Assert.Equal(result.FinalEquity, result.Equity[^1], 9);
        Assert.Equal(10_000, result.Equity[0], 9);
    }

    [Fact]
    public void Bad_input_names_the_argument()
    {
        var replay = new Replay(new bool[3], new bool[3]);
        Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => new SignalVote([replay], 2)).ParamName);
        Assert.Equal("members", Assert.Throws<ArgumentException>(() => new SignalVote([], 1)).ParamName);
        var bars = TestBars.Flat(3, 100);
        Assert.Equal("weights", Assert.Throws<ArgumentOutOfRangeException>(() => CapitalAllocation.Run(bars, [replay, replay], [0.7, 0.7],
            new SimulationOptions(), default(PessimisticFillModel), default(NoFee), default(NoSlippage))).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => CapitalAllocation.Run(bars, [replay], [0.5, 0.5],
            new SimulationOptions(), default(PessimisticFillModel), default(NoFee), default(NoSlippage))).ParamName);
    }
}
