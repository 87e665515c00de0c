using FsCheck.Xunit;
using VectorBacktest.Indicators.Smc;

namespace VectorBacktest.Tests.Indicators.Smc;

public class LatestRangeMaximumTests
{
    private static int Plain(double[] values, bool negate, int from, int to)
    {
        int best = from;
        for (int j = from + 1; j <= to; j++)
            if (negate ? values[j] <= values[best] : values[j] >= values[best]) best = j;
        return best;
    }

    // Lengths past the direct-search limit so that the block table is built and queried; coarse values for ties.
    [Property(MaxTest = 40)]
    public void Equals_the_plain_scan_on_short_and_long_ranges(int seed)
    {
        var random = new Random(seed);
        int length = random.Next(1, 3 * LatestRangeMaximum.DirectLimit);
        var values = new double[length];
        for (int i = 0; i < length; i++) values[i] = random.Next(0, 50) * 0.5;
        foreach (bool negate in new[] { false, true })
        {
            var maximum = new LatestRangeMaximum(values, negate);
            try
            {
                for (int q = 0; q < 60; q++)
                {
                    int from = random.Next(0, length);
                    int to = q % 2 == 0 ? random.Next(from, length) : Math.Min(length - 1, from + random.Next(0, 300));
                    Assert.Equal(Plain(values, negate, from, to), maximum.Query(from, to));
                }
            }
            finally
            {
                maximum.Dispose();
            }
        }
    }
}
