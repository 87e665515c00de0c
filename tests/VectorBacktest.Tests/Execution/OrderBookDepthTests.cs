using FsCheck;
using FsCheck.Fluent;
using VectorBacktest.Execution;

namespace VectorBacktest.Tests.Execution;

public class OrderBookDepthTests
{
    // Plain walk: take levels in order until the quantity is met, a level is empty or the limit is crossed.
    private static (double Taken, double Average) Reference(double[] prices, double[] sizes, bool buy, double quantity, double limit)
    {
        double taken = 0, cost = 0;
        for (int l = 0; l < prices.Length; l++)
        {
            if (taken >= quantity || !(sizes[l] > 0)) break;
            if (!double.IsNaN(limit) && (buy ? prices[l] > limit : prices[l] < limit)) break;
            double take = Math.Min(sizes[l], quantity - taken);
            taken += take;
            cost += take * prices[l];
        }
        return (taken, taken > 0 ? cost / taken : double.NaN);
    }

    private static bool Agrees(int levels, int seed)
    {
        var rng = new Random(seed);
        int bars = 1 + rng.Next(4);
        var bid = new double[bars * levels]; var bidQ = new double[bars * levels]; var ask = new double[bars * levels]; var askQ = new double[bars * levels];
        for (int b = 0; b < bars; b++)
        {
            int depth = rng.Next(levels + 1);
            for (int l = 0; l < levels; l++)
            {
                int k = b * levels + l;
                bid[k] = 100 - l - rng.NextDouble() * 0.5; ask[k] = 101 + l + rng.NextDouble() * 0.5;
                bidQ[k] = l < depth ? rng.NextDouble() * 5 : 0; askQ[k] = l < depth ? rng.NextDouble() * 5 : 0;
                if (l < depth && bidQ[k] == 0) bidQ[k] = askQ[k] = 1;
            }
        }
        var book = new OrderBookDepth(levels, bid, bidQ, ask, askQ);
        for (int b = 0; b < bars; b++)
        {
            bool buy = rng.Next(2) == 0;
            double quantity = rng.NextDouble() * 20;
            double limit = rng.Next(2) == 0 ? double.NaN : buy ? 101 + rng.NextDouble() * levels : 100 - rng.NextDouble() * levels;
            double taken = book.Walk(b, buy ? OrderSide.Buy : OrderSide.Sell, quantity, limit, out double average);
            var (prices, sizes) = buy ? (ask[(b * levels)..((b + 1) * levels)], askQ[(b * levels)..((b + 1) * levels)])
                : (bid[(b * levels)..((b + 1) * levels)], bidQ[(b * levels)..((b + 1) * levels)]);
            var expected = Reference(prices, sizes, buy, quantity, limit);
            if (taken != expected.Taken || !(average == expected.Average || double.IsNaN(average) && double.IsNaN(expected.Average))) return false;
        }
        return true;
    }

    [Fact]
    public void Walk_equals_a_plain_level_by_level_reference()
    {
        Prop.ForAll(Gen.Choose(1, 9).ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(), Agrees)
            .Check(Config.QuickThrowOnFailure.WithQuietOnSuccess(true).WithMaxTest(300));
    }
}
