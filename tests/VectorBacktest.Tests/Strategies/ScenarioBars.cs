using VectorBacktest.Data;

namespace VectorBacktest.Tests.Strategies;

/// <summary>Hand-drawn bar series: closes walk linearly between waypoints; each bar's wicks reach 0.2 beyond its body.</summary>
internal static class ScenarioBars
{
    public const long Start = 1_704_067_200_000L; // 2024-01-01T00:00Z

    /// <summary>Bars whose opens/closes walk from waypoint to waypoint, <paramref name="step"/> bars per leg.</summary>
    public static List<(double O, double H, double L, double C)> Walk(int step, params double[] waypoints)
    {
        var rows = new List<(double, double, double, double)>();
        for (int w = 1; w < waypoints.Length; w++)
        {
            for (int k = 0; k < step; k++)
            {
                double o = waypoints[w - 1] + (waypoints[w] - waypoints[w - 1]) * k / step;
                double c = waypoints[w - 1] + (waypoints[w] - waypoints[w - 1]) * (k + 1) / step;
                rows.Add((o, Math.Max(o, c) + 0.2, Math.Min(o, c) - 0.2, c));
            }
        }
        return rows;
    }

    /// <summary>The rows reflected around <paramref name="axis"/>/2: highs become lows, rises become falls.</summary>
    public static List<(double O, double H, double L, double C)> Mirror(IEnumerable<(double O, double H, double L, double C)> rows, double axis) =>
        rows.Select(r => (axis - r.O, axis - r.L, axis - r.H, axis - r.C)).ToList();

    /// <summary>A 15-minute series from rows.</summary>
    public static BarSeries Series(IReadOnlyList<(double O, double H, double L, double C)> rows)
    {
        int n = rows.Count;
        var t = new long[n]; var o = new double[n]; var h = new double[n]; var l = new double[n]; var c = new double[n]; var v = new double[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = Start + i * 900_000L;
            (o[i], h[i], l[i], c[i]) = rows[i];
            v[i] = 10 + i % 7;
        }
        return BarSeries.FromArrays("SCENARIO", Timeframe.Parse("15m"), t, o, h, l, c, v);
    }
}
