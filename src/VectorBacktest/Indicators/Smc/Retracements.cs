using VectorBacktest.Data;

namespace VectorBacktest.Indicators.Smc;

/// <summary>
/// Retracement of the current swing leg (<c>smartmoneyconcepts.retracements</c>) as per-bar columns:
/// <see cref="Direction"/> of the last swing, <see cref="CurrentRetracement"/> and <see cref="DeepestRetracement"/>
/// in percent of the leg.
/// </summary>
/// <remarks>
/// <para><b>Scan</b> (both modes). State: <c>dir</c> (type of the last swing applied, initially 0), <c>top</c> and
/// <c>bottom</c> (levels of the last swing high and low applied, initially 0). At bar <c>i</c> the swing placed on
/// <c>i</c>, if any, is applied; then, with <c>dprev</c> = <c>dir</c> after bar <c>i-1</c> and
/// <c>R(x) = round(x·10)/10</c> (ties to even): if <c>dprev = +1</c>, current =
/// <c>R(100 − (low[i] − bottom)/(top − bottom)·100)</c> and deepest = max(previous deepest, current); then, if
/// <c>dir = −1</c>, current = <c>R(100 − (high[i] − top)/(bottom − top)·100)</c> and deepest = max(previous deepest
/// if <c>dprev = −1</c> else 0, current), overriding the first. A leg of zero height gives 0; otherwise current
/// and deepest are 0. Values are not clamped (below 0 beyond the leg's extreme, above 100 beyond its start).</para>
/// <para><b><see cref="SmcMode.Causal"/></b> (from causal swings): a swing is applied on its
/// <see cref="Swings.KnownAt"/> bar, and row <c>t</c> holds the values computed at bar <c>t</c>, so the whole row is
/// known at the close of bar <c>t</c> and depends on bars <c>0…t</c> only. Until a swing high and a swing low have
/// both been applied there is no leg, and both percentages are 0 (the reference measures from a level of 0 there,
/// then blanks its start-up rows). No wrap-around.</para>
/// <para><b><see cref="SmcMode.Reference"/></b> (from reference swings): a swing is applied on its extreme bar
/// (look-ahead), the result is published one bar later (row <c>i</c> shows bar <c>i−1</c>) with the last bar's
/// values wrapped into row 0, and rows are zeroed from the start up to and including the row after the third
/// change of <see cref="Direction"/> (all rows but the last if there are fewer than three changes).</para>
/// </remarks>
public sealed class Retracements
{
    private Retracements(SmcMode mode, int[] direction, double[] current, double[] deepest)
    {
        Mode = mode;
        Direction = direction;
        CurrentRetracement = current;
        DeepestRetracement = deepest;
    }

    /// <summary>The semantics, inherited from the swings.</summary>
    public SmcMode Mode { get; }

    /// <summary>+1 after a swing high, −1 after a swing low, 0 before any (reference column <c>Direction</c>, int32).</summary>
    public int[] Direction { get; }

    /// <summary>Retracement of the current leg at this bar, percent, one decimal (reference column <c>CurrentRetracement%</c>).</summary>
    public double[] CurrentRetracement { get; }

    /// <summary>Deepest retracement of the current leg so far, percent, one decimal (reference column <c>DeepestRetracement%</c>).</summary>
    public double[] DeepestRetracement { get; }

    /// <summary>Computes swings of length <paramref name="swingLength"/> in <paramref name="mode"/>, then the retracements.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="bars"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="swingLength"/> &lt; 1, or <paramref name="mode"/> undefined.</exception>
    public static Retracements Find(BarSeries bars, int swingLength, SmcMode mode = SmcMode.Causal)
    {
        ArgumentNullException.ThrowIfNull(bars);
        return Find(Swings.Find(bars.High, bars.Low, swingLength, mode), bars.High, bars.Low);
    }

    /// <summary>Computes the retracements of the given swings into new arrays; the mode is that of <paramref name="swings"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="swings"/> is null.</exception>
    /// <exception cref="ArgumentException">A price span's length differs from <see cref="Swings.BarCount"/>.</exception>
    public static Retracements Find(Swings swings, ReadOnlySpan<double> high, ReadOnlySpan<double> low)
    {
        ArgumentNullException.ThrowIfNull(swings);
        var direction = new int[swings.BarCount];
        var current = new double[swings.BarCount];
        var deepest = new double[swings.BarCount];
        Compute(swings, high, low, direction, current, deepest);
        return new Retracements(swings.Mode, direction, current, deepest);
    }

    /// <summary>Computes the retracements of the given swings into caller buffers (see the remarks for the rows).</summary>
    /// <param name="swings">Swings of the same series; causal swings give causal rows, reference swings the reference's.</param>
    /// <param name="high">High prices, <see cref="Swings.BarCount"/> of them.</param>
    /// <param name="low">Low prices, same length.</param>
    /// <param name="direction">Receives <see cref="Direction"/>; at least <see cref="Swings.BarCount"/> elements.</param>
    /// <param name="current">Receives <see cref="CurrentRetracement"/>; same size.</param>
    /// <param name="deepest">Receives <see cref="DeepestRetracement"/>; same size.</param>
    /// <exception cref="ArgumentNullException"><paramref name="swings"/> is null.</exception>
    /// <exception cref="ArgumentException">A price span's length differs from <see cref="Swings.BarCount"/>, or a buffer is too short.</exception>
    public static void Compute(Swings swings, ReadOnlySpan<double> high, ReadOnlySpan<double> low, Span<int> direction,
        Span<double> current, Span<double> deepest)
    {
        ArgumentNullException.ThrowIfNull(swings);
        int n = swings.BarCount;
        SmcThrow.IfLengthDiffers(high.Length, n, nameof(high), "swings.BarCount");
        SmcThrow.IfLengthDiffers(low.Length, n, nameof(low), "swings.BarCount");
        SmcThrow.IfTooShort(direction.Length, n, nameof(direction));
        SmcThrow.IfTooShort(current.Length, n, nameof(current));
        SmcThrow.IfTooShort(deepest.Length, n, nameof(deepest));
        if (n == 0) return;

        bool reference = swings.Mode == SmcMode.Reference;
        var placement = reference ? swings.Index : swings.KnownAt;
        var types = swings.HighLow;
        var levels = swings.Level;
        // Reference rows are published one bar late: bar i goes to row i+1 and the last bar wraps into row 0.
        int shift = reference ? 1 : 0;
        int next = 0;
        int nextBar = swings.Count > 0 ? placement[0] : int.MaxValue;
        int dir = 0;
        double top = 0, bottom = 0, deep = 0;
        bool haveTop = false, haveBottom = false;
        for (int i = 0; i < n; i++)
        {
            int dirBefore = dir;
            if (i == nextBar)
            {
                if (types[next] > 0) { dir = 1; top = levels[next]; haveTop = true; }
                else { dir = -1; bottom = levels[next]; haveBottom = true; }
                next++;
                nextBar = next < swings.Count ? placement[next] : int.MaxValue;
            }
            double cur = 0, deepHere = 0;
            if (dirBefore == 1)
            {
                cur = top == bottom ? 0 : Round1(100 - ((low[i] - bottom) / (top - bottom)) * 100);
                deepHere = Math.Max(deep, cur);
            }
            if (dir == -1)
            {
                cur = bottom == top ? 0 : Round1(100 - ((high[i] - top) / (bottom - top)) * 100);
                deepHere = Math.Max(dirBefore == -1 ? deep : 0, cur);
            }
            if (!reference && !(haveTop && haveBottom))
            {
                cur = 0;
                deepHere = 0;
            }
            deep = deepHere;
            int row = i + shift == n ? 0 : i + shift;
            direction[row] = dir;
            current[row] = cur;
            deepest[row] = deepHere;
        }
        if (reference) BlankStartUp(direction[..n], current[..n], deepest[..n]);
    }

    /// <summary>numpy's <c>round(x, 1)</c>: <c>rint(x·10)/10</c>, ties to even.</summary>
    private static double Round1(double x) => Math.Round(x * 10) / 10;

    private static void BlankStartUp(Span<int> direction, Span<double> current, Span<double> deepest)
    {
        int changes = 0;
        for (int r = 0; r < direction.Length - 1; r++)
        {
            if (direction[r] != direction[r + 1]) changes++;
            direction[r] = 0;
            current[r] = 0;
            deepest[r] = 0;
            if (changes == 3)
            {
                direction[r + 1] = 0;
                current[r + 1] = 0;
                deepest[r + 1] = 0;
                return;
            }
        }
    }
}
