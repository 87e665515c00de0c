namespace VectorBacktest.Tests.Kernels;

/// <summary>
/// Plain scalar reference implementations, written for obviousness rather than speed: each window is recomputed
/// from scratch, each recurrence written as its source writes it. The fast kernels are checked against these.
/// </summary>
public static class Reference
{
    public static double[] RollingSum(double[] x, int w)
    {
        var y = Nan(x.Length);
        for (int i = w - 1; i < x.Length; i++)
        {
            double s = 0;
            bool finite = true;
            for (int k = i - w + 1; k <= i; k++)
            {
                finite &= double.IsFinite(x[k]);
                s += x[k];
            }
            y[i] = finite ? s : double.NaN;
        }
        return y;
    }

    public static double[] RollingMean(double[] x, int w)
    {
        var s = RollingSum(x, w);
        for (int i = 0; i < s.Length; i++) s[i] /= w;
        return s;
    }

    public static double[] RollingExtreme(double[] x, int w, bool max)
    {
        var y = Nan(x.Length);
        for (int i = w - 1; i < x.Length; i++)
        {
            double best = x[i - w + 1];
            bool nan = false;
            for (int k = i - w + 1; k <= i; k++)
            {
                nan |= double.IsNaN(x[k]);
                best = max ? Math.Max(best, x[k]) : Math.Min(best, x[k]);
            }
            y[i] = nan ? double.NaN : best;
        }
        return y;
    }

    public static int[] ExtremeIndex(double[] x, int w, bool max)
    {
        var y = new int[x.Length];
        Array.Fill(y, -1);
        for (int i = w - 1; i < x.Length; i++)
        {
            int best = i - w + 1;
            bool nan = false;
            for (int k = i - w + 1; k <= i; k++)
            {
                nan |= double.IsNaN(x[k]);
                if (max ? x[k] >= x[best] : x[k] <= x[best]) best = k;
            }
            y[i] = nan ? -1 : best;
        }
        return y;
    }

    public static double[] RollingStd(double[] x, int w, int ddof)
    {
        var y = Nan(x.Length);
        for (int i = w - 1; i < x.Length; i++)
        {
            bool finite = true;
            double s = 0;
            for (int k = i - w + 1; k <= i; k++)
            {
                finite &= double.IsFinite(x[k]);
                s += x[k];
            }
            if (!finite) continue;
            double mean = s / w, q = 0;
            for (int k = i - w + 1; k <= i; k++) q += (x[k] - mean) * (x[k] - mean);
            y[i] = Math.Sqrt(q / (w - ddof));
        }
        return y;
    }

    /// <summary>
    /// pandas 1.5.3 <c>roll_mean</c> transliterated from pandas/_libs/window/aggregations.pyx, including the
    /// window bounds a fixed window uses (start = max(0, i − w + 1), end = i + 1) and the re-setup test.
    /// </summary>
    public static double[] PandasRollingMean(double[] values, int window)
    {
        int n = values.Length;
        var start = new long[n];
        var end = new long[n];
        for (int i = 0; i < n; i++)
        {
            end[i] = i + 1;
            start[i] = Math.Max(0, i + 1 - window);
        }
        long minp = window;
        var output = new double[n];
        double compensationAdd = 0, compensationRemove = 0, sumX = 0, prevValue = 0;
        long numConsecutiveSameValue = 0, nobs = 0, negCt = 0;
        for (int i = 0; i < n; i++)
        {
            long s = start[i], e = end[i];
            if (i == 0 || s >= end[i - 1])
            {
                prevValue = values[s];
                numConsecutiveSameValue = 0;
                sumX = compensationAdd = compensationRemove = 0;
                nobs = negCt = 0;
                for (long j = s; j < e; j++)
                    AddMean(values[j], ref nobs, ref sumX, ref negCt, ref compensationAdd, ref numConsecutiveSameValue, ref prevValue);
            }
            else
            {
                for (long j = start[i - 1]; j < s; j++)
                    RemoveMean(values[j], ref nobs, ref sumX, ref negCt, ref compensationRemove);
                for (long j = end[i - 1]; j < e; j++)
                    AddMean(values[j], ref nobs, ref sumX, ref negCt, ref compensationAdd, ref numConsecutiveSameValue, ref prevValue);
            }
            output[i] = CalcMean(minp, nobs, negCt, sumX, numConsecutiveSameValue, prevValue);
        }
        return output;
    }

    private static double CalcMean(long minp, long nobs, long negCt, double sumX, long numConsecutiveSameValue, double prevValue)
    {
        if (nobs >= minp && nobs > 0)
        {
            double result = sumX / nobs;
            if (numConsecutiveSameValue >= nobs) result = prevValue;
            else if (negCt == 0 && result < 0) result = 0;
            else if (negCt == nobs && result > 0) result = 0;
            return result;
        }
        return double.NaN;
    }

    private static void AddMean(double val, ref long nobs, ref double sumX, ref long negCt, ref double compensation,
        ref long numConsecutiveSameValue, ref double prevValue)
    {
        if (!double.IsNaN(val))
        {
            nobs++;
            double y = val - compensation;
            double t = sumX + y;
            compensation = t - sumX - y;
            sumX = t;
            if (double.IsNegative(val)) negCt++;
            if (val == prevValue) numConsecutiveSameValue++;
            else numConsecutiveSameValue = 1;
            prevValue = val;
        }
    }

    private static void RemoveMean(double val, ref long nobs, ref double sumX, ref long negCt, ref double compensation)
    {
        if (!double.IsNaN(val))
        {
            nobs--;
            double y = -val - compensation;
            double t = sumX + y;
            compensation = t - sumX - y;
            sumX = t;
            if (double.IsNegative(val)) negCt--;
        }
    }

    /// <summary>
    /// pandas 1.5.3 <c>ewm</c> (aggregations.pyx) for one group: com from span, adjust=False, ignore_na=False,
    /// min_periods = 0 (so minp = 1), unit deltas, normalize = True (the mean).
    /// </summary>
    public static double[] PandasEwmMean(double[] vals, int span, bool adjust = false, bool ignoreNa = false, bool normalize = true)
    {
        double com = (span - 1) / 2.0;
        double alpha = 1.0 / (1.0 + com);
        double oldWtFactor = 1.0 - alpha;
        double newWt = adjust ? 1.0 : alpha;
        int n = vals.Length;
        var output = new double[n];
        if (n == 0) return output;
        const long minp = 1;
        double weighted = vals[0];
        bool isObservation = !double.IsNaN(weighted);
        long nobs = isObservation ? 1 : 0;
        output[0] = nobs >= minp ? weighted : double.NaN;
        double oldWt = 1.0;
        for (int i = 1; i < n; i++)
        {
            double cur = vals[i];
            isObservation = !double.IsNaN(cur);
            nobs += isObservation ? 1 : 0;
            if (!double.IsNaN(weighted))
            {
                if (isObservation || !ignoreNa)
                {
                    if (normalize) oldWt *= Math.Pow(oldWtFactor, 1.0);
                    else weighted = oldWtFactor * weighted;
                    if (isObservation)
                    {
                        if (normalize)
                        {
                            if (weighted != cur)
                            {
                                weighted = oldWt * weighted + newWt * cur;
                                weighted /= oldWt + newWt;
                            }
                            if (adjust) oldWt += newWt;
                            else oldWt = 1.0;
                        }
                        else
                        {
                            weighted += cur;
                        }
                    }
                }
            }
            else if (isObservation)
            {
                weighted = cur;
            }
            output[i] = nobs >= minp ? weighted : double.NaN;
        }
        return output;
    }

    /// <summary>TA-Lib's EMA: SMA seed at the first non-NaN value, then <c>(x − y)·k + y</c>.</summary>
    public static double[] TaLibEma(double[] x, int period)
    {
        var y = Nan(x.Length);
        int f = Array.FindIndex(x, v => !double.IsNaN(v));
        if (f < 0 || f + period - 1 >= x.Length) return y;
        double k = 2.0 / (period + 1);
        double sum = 0;
        for (int i = f; i < f + period; i++) sum += x[i];
        double prev = sum / period;
        y[f + period - 1] = prev;
        for (int i = f + period; i < x.Length; i++)
        {
            prev = (x[i] - prev) * k + prev;
            y[i] = prev;
        }
        return y;
    }

    public static double[] Wma(double[] x, int w)
    {
        var y = Nan(x.Length);
        double denominator = w * (w + 1.0) / 2.0;
        for (int i = w - 1; i < x.Length; i++)
        {
            double s = 0;
            for (int k = 1; k <= w; k++) s += k * x[i - w + k];
            y[i] = s / denominator;
        }
        return y;
    }

    /// <summary>TA-Lib's RSI loop (division form), except a flat start (both averages 0) gives 50.</summary>
    public static double[] TaLibRsi(double[] x, int period)
    {
        var y = Nan(x.Length);
        int f = Array.FindIndex(x, v => !double.IsNaN(v));
        if (f < 0 || f + period >= x.Length) return y;
        double prevGain = 0, prevLoss = 0;
        for (int i = f + 1; i <= f + period; i++)
        {
            double d = x[i] - x[i - 1];
            if (d < 0) prevLoss -= d;
            else prevGain += d;
        }
        prevGain /= period;
        prevLoss /= period;
        y[f + period] = RsiValue(prevGain, prevLoss);
        for (int i = f + period + 1; i < x.Length; i++)
        {
            double d = x[i] - x[i - 1];
            prevLoss *= period - 1;
            prevGain *= period - 1;
            if (d < 0) prevLoss -= d;
            else prevGain += d;
            prevLoss /= period;
            prevGain /= period;
            y[i] = RsiValue(prevGain, prevLoss);
        }
        return y;
    }

    private static double RsiValue(double gain, double loss) => gain + loss == 0 ? 50 : 100 * (gain / (gain + loss));

    public static double[] TrueRange(double[] h, double[] l, double[] c)
    {
        var y = new double[h.Length];
        for (int i = 0; i < h.Length; i++)
            y[i] = i == 0 ? h[0] - l[0] : Math.Max(h[i] - l[i], Math.Max(Math.Abs(h[i] - c[i - 1]), Math.Abs(l[i] - c[i - 1])));
        return y;
    }

    /// <summary>TA-Lib's ATR: mean of TR[f … f+period−1] (f ≥ 1 the first defined TR), then (atr·(n−1) + tr) / n.</summary>
    public static double[] TaLibAtr(double[] h, double[] l, double[] c, int period)
    {
        var tr = TrueRange(h, l, c);
        var y = Nan(h.Length);
        int f = 1;
        while (f < tr.Length && double.IsNaN(tr[f])) f++;
        if (f + period - 1 >= tr.Length) return y;
        double sum = 0;
        for (int i = f; i < f + period; i++) sum += tr[i];
        double atr = sum / period;
        y[f + period - 1] = atr;
        for (int i = f + period; i < tr.Length; i++)
        {
            atr = (atr * (period - 1) + tr[i]) / period;
            y[i] = atr;
        }
        return y;
    }

    public static bool[] CrossAbove(double[] a, double[] b, bool touch)
    {
        var y = new bool[a.Length];
        for (int i = 1; i < a.Length; i++)
            y[i] = a[i] > b[i] && (touch ? a[i - 1] <= b[i - 1] : a[i - 1] < b[i - 1]);
        return y;
    }

    public static double[] Nan(int n)
    {
        var y = new double[n];
        Array.Fill(y, double.NaN);
        return y;
    }
}
