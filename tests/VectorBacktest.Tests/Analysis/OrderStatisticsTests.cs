using FsCheck.Xunit;
using VectorBacktest.Analysis;
using VectorBacktest.Data.SampleData;

namespace VectorBacktest.Tests.Analysis;

/// <summary>Introselect-based order statistics against a full sort, including heavy ties and repeated queries.</summary>
public class OrderStatisticsTests
{
    [Property(MaxTest = 200)]
    public void Ranks_percentiles_and_tail_sums_equal_the_sorted_values(ushort length, ulong seed, byte distinct)
    {
        int n = length % 3000;
        var rng = new SplitMix64(seed);
        int levels = 1 + distinct;
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = (int)(rng.NextDouble() * levels) - levels / 2 + (distinct % 3 == 0 ? rng.NextDouble() : 0);
        var sorted = x.OrderBy(v => v).ToArray();

        var order = new OrderStatistics(x, stackalloc int[16]);
        try
        {
            foreach (double p in new[] { 0.05, 0.01, 0.95, 0.5, 0.05, 0.999, 0.0, 1.0 })
            {
                double expected = n == 0 ? double.NaN : ReferenceMetrics.Quantile(sorted, p);
                AnalysisTestData.AssertClose(expected, order.Percentile(p), 1e-12, 1e-12);
            }
            for (int k = 0; k < n; k += 1 + n / 7)
            {
                Assert.Equal(sorted[k], order.Rank(k));
                AnalysisTestData.AssertClose(sorted.Take(k + 1).Sum(), order.SumOfSmallest(k + 1), 1e-12, 1e-9);
            }
        }
        finally
        {
            order.Dispose();
        }
    }
}
