using VectorBacktest.Indicators.Smc;
using Xunit.Sdk;

namespace VectorBacktest.Tests.Indicators.Smc;

/// <summary>The harness must catch look-ahead, or the causal tests that use it prove nothing.</summary>
public class NoRepaintTests
{
    [Fact]
    public void Catches_the_reference_swings_placed_on_their_extreme_bar()
    {
        var bars = new RandomBars(300, 4, 3);
        Assert.ThrowsAny<XunitException>(() => NoRepaint.Check(bars.Length, NoRepaint.AllPrefixes(bars.Length), length =>
        {
            var swings = Swings.Find(bars.High.AsSpan(0, length), bars.Low.AsSpan(0, length), 3, SmcMode.Reference);
            return Enumerable.Range(0, swings.Count).Select(s => (swings.Index[s], (swings.HighLow[s], swings.Level[s])));
        }));
    }

    [Fact]
    public void Catches_a_value_that_reads_the_next_bar()
    {
        var bars = new RandomBars(50, 5, 1);
        Assert.ThrowsAny<XunitException>(() => NoRepaint.Check(bars.Length, NoRepaint.AllPrefixes(bars.Length), length =>
            Enumerable.Range(0, length).Select(t => (t, t + 1 < length ? bars.Close[t + 1] : double.NaN))));
    }

    [Fact]
    public void Catches_a_claim_of_knowing_a_bar_not_yet_closed()
    {
        Assert.ThrowsAny<XunitException>(() => NoRepaint.Check(10, NoRepaint.AllPrefixes(10), length =>
            Enumerable.Range(0, length).Select(t => (t + 1, t))));
    }

    [Fact]
    public void Accepts_a_running_maximum()
    {
        var bars = new RandomBars(80, 6, 1);
        NoRepaint.Check(bars.Length, NoRepaint.AllPrefixes(bars.Length), length =>
            Enumerable.Range(0, length).Select(t => (t, bars.High.Take(t + 1).Max())));
    }
}
