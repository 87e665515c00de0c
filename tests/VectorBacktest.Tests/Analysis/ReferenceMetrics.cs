namespace VectorBacktest.Tests.Analysis;

/// <summary>
/// Plain scalar reference implementations written straight from shared/reference/empyrical/FORMULAS.md: lists,
/// left-to-right sums, sorting, no vectors. The fast paths must agree with these.
/// </summary>
internal static class ReferenceMetrics
{
    public static List<double> NonNaN(double[] r) => r.Where(x => !double.IsNaN(x)).ToList();

    public static double Mean(IReadOnlyList<double> v)
    {
        double s = 0;
        foreach (double x in v) s += x;
        return v.Count == 0 ? double.NaN : s / v.Count;
    }

    public static double Sd(IReadOnlyList<double> v)
    {
        if (v.Count < 2) return double.NaN;
        double m = Mean(v), ss = 0;
        foreach (double x in v) ss += (x - m) * (x - m);
        return Math.Sqrt(ss / (v.Count - 1));
    }

    public static double Growth(double[] r)
    {
        double g = 1;
        foreach (double x in NonNaN(r)) g *= 1 + x;
        return g;
    }

    public static double TotalReturn(double[] r) => r.Length == 0 ? double.NaN : Growth(r) - 1;

    public static double AnnualReturn(double[] r, double p) => r.Length == 0 ? double.NaN : Math.Pow(Growth(r), 1 / (r.Length / p)) - 1;

    public static double AnnualVolatility(double[] r, double p) => r.Length < 2 ? double.NaN : Sd(NonNaN(r)) * Math.Sqrt(p);

    public static double Sharpe(double[] r, double p)
    {
        if (r.Length < 2) return double.NaN;
        var v = NonNaN(r);
        return Mean(v) / Sd(v) * Math.Sqrt(p);
    }

    public static double DownsideRisk(double[] r, double p)
    {
        var v = NonNaN(r);
        if (r.Length == 0 || v.Count == 0) return double.NaN;
        double s = 0;
        foreach (double x in v) s += Math.Min(x, 0) * Math.Min(x, 0);
        return Math.Sqrt(s / v.Count) * Math.Sqrt(p);
    }

    public static double Sortino(double[] r, double p) => r.Length < 2 ? double.NaN : Mean(NonNaN(r)) * p / DownsideRisk(r, p);

    public static double MaxDrawdown(double[] r)
    {
        if (r.Length == 0) return double.NaN;
        var w = new List<double> { 100 };
        double prod = 1;
        foreach (double x in r)
        {
            prod *= 1 + (double.IsNaN(x) ? 0 : x);
            w.Add(100 * prod);
        }
        double peak = double.MinValue, mdd = 0;
        foreach (double x in w)
        {
            peak = Math.Max(peak, x);
            mdd = Math.Min(mdd, (x - peak) / peak);
        }
        return mdd;
    }

    public static double Calmar(double[] r, double p)
    {
        double mdd = MaxDrawdown(r);
        if (!(mdd < 0)) return double.NaN;
        double c = AnnualReturn(r, p) / Math.Abs(mdd);
        return double.IsInfinity(c) ? double.NaN : c;
    }

    public static double Omega(double[] r)
    {
        if (r.Length < 2) return double.NaN;
        double up = 0, down = 0;
        foreach (double x in NonNaN(r))
        {
            if (x > 0) up += x;
            if (x < 0) down -= x;
        }
        return down > 0 ? up / down : double.NaN;
    }

    /// <summary>Hyndman–Fan type 7 with the textbook one-sided lerp.</summary>
    public static double Quantile(IEnumerable<double> values, double p)
    {
        var s = values.OrderBy(x => x).ToArray();
        if (s.Length == 0) return double.NaN;
        double h = (s.Length - 1) * p;
        int i = (int)Math.Floor(h);
        if (i >= s.Length - 1) return s[^1];
        return s[i] + (s[i + 1] - s[i]) * (h - i);
    }

    public static double TailRatio(double[] r)
    {
        var v = NonNaN(r);
        return v.Count == 0 ? double.NaN : Math.Abs(Quantile(v, 0.95)) / Math.Abs(Quantile(v, 0.05));
    }

    public static double VaR(double[] r, double a) => r.Length == 0 || r.Any(double.IsNaN) ? double.NaN : Quantile(r, a);

    public static double CVaR(double[] r, double a)
    {
        if (r.Length == 0) return double.NaN;
        int c = (int)((r.Length - 1) * a);
        var sorted = r.OrderBy(x => double.IsNaN(x) ? double.PositiveInfinity : x).ThenBy(x => double.IsNaN(x) ? 1 : 0).Take(c + 1).ToArray();
        return sorted.Any(double.IsNaN) ? double.NaN : sorted.Average();
    }

    public static (double Skew, double Kurt) Moments(double[] r)
    {
        if (r.Length == 0 || r.Any(double.IsNaN)) return (double.NaN, double.NaN);
        double m = Mean(r), m2 = 0, m3 = 0, m4 = 0;
        foreach (double x in r)
        {
            double d = x - m;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
        }
        m2 /= r.Length;
        m3 /= r.Length;
        m4 /= r.Length;
        if (m2 <= 1e-15 * m * (1e-15 * m)) return (double.NaN, double.NaN);
        return (m3 / Math.Pow(m2, 1.5), m4 / (m2 * m2) - 3);
    }

    private static List<(double R, double F)> Pairs(double[] r, double[] f) =>
        r.Zip(f).Where(p => !double.IsNaN(p.First) && !double.IsNaN(p.Second)).ToList();

    public static double Beta(double[] r, double[] f)
    {
        if (r.Length < 2) return double.NaN;
        var pairs = Pairs(r, f);
        if (pairs.Count == 0) return double.NaN;
        double fm = pairs.Sum(p => p.F) / pairs.Count;
        double cov = pairs.Sum(p => (p.F - fm) * p.R) / pairs.Count;
        double var = pairs.Sum(p => (p.F - fm) * (p.F - fm)) / pairs.Count;
        return var < 1e-30 ? double.NaN : cov / var;
    }

    public static double Alpha(double[] r, double[] f, double p)
    {
        double beta = Beta(r, f);
        if (r.Length < 2 || double.IsNaN(beta)) return double.NaN;
        var pairs = Pairs(r, f);
        return Math.Pow(pairs.Sum(q => q.R - beta * q.F) / pairs.Count + 1, p) - 1;
    }

    public static double InformationRatio(double[] r, double[] f)
    {
        if (r.Length < 2) return double.NaN;
        var a = Pairs(r, f).Select(q => q.R - q.F).ToList();
        return Mean(a) / Sd(a);
    }

    /// <summary>R² = 1 − SS_res / SS_tot of the least-squares line through the cumulative log returns.</summary>
    public static double Stability(double[] r)
    {
        if (r.Length < 2) return double.NaN;
        var v = NonNaN(r);
        if (v.Count == 0) return double.NaN;
        if (v.Count == 1) return 0;
        if (v.Any(x => x <= -1)) return double.NaN;
        var y = new double[v.Count];
        double acc = 0;
        for (int i = 0; i < y.Length; i++) y[i] = acc += Math.Log(1 + v[i]);
        double tm = (y.Length - 1) / 2.0, ym = y.Average();
        double stt = 0, sty = 0;
        for (int i = 0; i < y.Length; i++)
        {
            stt += (i - tm) * (i - tm);
            sty += (i - tm) * (y[i] - ym);
        }
        double slope = sty / stt, intercept = ym - slope * tm, ssRes = 0, ssTot = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double fit = intercept + slope * i;
            ssRes += (y[i] - fit) * (y[i] - fit);
            ssTot += (y[i] - ym) * (y[i] - ym);
        }
        return ssTot == 0 ? 0 : Math.Clamp(1 - ssRes / ssTot, 0, 1);
    }

    public static double Pearson(double[] x, double[] y)
    {
        var pairs = x.Zip(y).Where(p => !double.IsNaN(p.First) && !double.IsNaN(p.Second)).ToList();
        if (pairs.Count < 2) return double.NaN;
        double mx = pairs.Average(p => p.First), my = pairs.Average(p => p.Second);
        double cxy = pairs.Sum(p => (p.First - mx) * (p.Second - my));
        double cxx = pairs.Sum(p => (p.First - mx) * (p.First - mx));
        double cyy = pairs.Sum(p => (p.Second - my) * (p.Second - my));
        return cxx > 0 && cyy > 0 ? Math.Clamp(cxy / Math.Sqrt(cxx * cyy), -1, 1) : double.NaN;
    }
}
