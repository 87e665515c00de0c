namespace VectorBacktest.Data.SampleData;

/// <summary>
/// The one-minute price process behind <see cref="SyntheticBars"/>. Only + − × ÷, square root and rounding are used,
/// all correctly rounded in IEEE 754, so a seed gives the same bits on every machine.
/// </summary>
/// <remarks>
/// Per minute: a GARCH(1,1) variance (α 0.06, β 0.93, unconditional per-minute volatility 0.08%, about 3% a day)
/// drives an approximately normal shock; rare news bursts multiply the variance and rare jumps the shock. Regimes
/// alternate between trending (drift of 5–14% a day, 3–24 hours, direction biased back towards the start price so the
/// level stays BTC-like) and ranging (mean reversion to the price at the regime's start, 6–36 hours). Volatility and
/// volume follow a UTC intraday profile (quiet Asian night, busiest at the US open) and are lower at weekends.
/// About once every five hours a bar sweeps the high or low of the last hour by a wick and closes back inside,
/// followed by a short move away: the liquidity grabs and reactions SMC indicators look for.
/// </remarks>
internal sealed class SyntheticMarket
{
    private const double BaseSigma = 0.0008;
    private const double Alpha = 0.06, Beta = 0.93;
    private const double BaseVariance = BaseSigma * BaseSigma;
    private const double Omega = BaseVariance * (1 - Alpha - Beta);
    private const double MaxVariance = 16 * BaseVariance;
    private const double BaseVolume = 25.0; // base-asset units per minute at average activity
    private const int SweepLookback = 60;
    private const double SweepChance = 1.0 / 300;
    private const double NewsChance = 1.0 / 6000;
    private const double JumpChance = 0.01;

    // Relative activity by UTC hour: Asian night lowest, London open rising, US open (13:30 UTC) highest.
    private static readonly double[] HourlyActivity =
    [
        1.00, 0.90, 0.85, 0.75, 0.70, 0.70, 0.75, 0.85, 1.00, 1.05, 1.00, 0.95,
        1.05, 1.25, 1.45, 1.40, 1.25, 1.10, 1.00, 0.95, 1.00, 0.95, 0.90, 0.95,
    ];

    private SplitMix64 _rng;
    private readonly double _home;
    private readonly double _scale; // prices are rounded to 1/_scale, about seven significant digits
    private double _price;
    private double _variance = BaseVariance;
    private double _lastShock;

    private bool _trending;
    private int _regimeLeft;
    private double _drift, _anchor, _reversion, _regimeVolatility = 1;

    private readonly double[] _recentHigh = new double[SweepLookback];
    private readonly double[] _recentLow = new double[SweepLookback];
    private int _recentCount, _recentCursor;
    private int _reactionLeft;
    private double _reactionDrift;

    public SyntheticMarket(ulong seed, double startPrice)
    {
        _rng = new SplitMix64(seed);
        double scale = 1;
        while (startPrice * scale < 1e6) scale *= 10;
        while (startPrice * scale >= 1e7 && scale > 1e-6) scale /= 10;
        _scale = scale;
        _home = startPrice;
        _price = Round(startPrice);
        _trending = _rng.NextDouble() < 0.5;
    }

    /// <summary>Advances one minute; <paramref name="timeMs"/> is the minute's open time (sets the intraday profile).</summary>
    public void Next(long timeMs, out double open, out double high, out double low, out double close, out double volume)
    {
        if (_regimeLeft == 0) StartRegime();
        _regimeLeft--;

        long day = Math.DivRem(timeMs, 86_400_000L, out long inDay);
        if (inDay < 0) { day--; inDay += 86_400_000L; }
        long weekday = ((day + 3) % 7 + 7) % 7; // 0 = Monday; the epoch fell on a Thursday
        double season = HourlyActivity[inDay / 3_600_000L] * (weekday >= 5 ? 0.75 : 1.0);

        _variance = Omega + Alpha * _lastShock * _lastShock + Beta * _variance;
        if (_rng.NextDouble() < NewsChance) _variance *= 8;
        if (_variance > MaxVariance) _variance = MaxVariance;
        double sd = Math.Sqrt(_variance);
        double z = Normal();
        if (_rng.NextDouble() < JumpChance) z *= 2.5;
        _lastShock = sd * z;
        double sigma = sd * season * _regimeVolatility;

        double r = _drift + sigma * z;
        if (!_trending) r -= _reversion * (_price - _anchor) / _anchor;
        if (_reactionLeft > 0) { r += _reactionDrift; _reactionLeft--; }

        open = _price;
        close = Round(open * (1 + r));
        double top = Math.Max(open, close), bottom = Math.Min(open, close);
        high = Round(top * (1 + Wick(sigma)));
        low = Round(bottom * (1 - Wick(sigma)));

        double volumeBoost = 1;
        if (_rng.NextDouble() < SweepChance && _recentCount >= SweepLookback)
        {
            bool up = _rng.NextDouble() < 0.5;
            double reach = 4 * sigma * top;
            double overshoot = (0.1 + 0.4 * _rng.NextDouble()) * sigma;
            if (up)
            {
                double level = Max(_recentHigh);
                if (level > high && level - top <= reach)
                {
                    high = Round(level * (1 + overshoot));
                    StartReaction(-1);
                    volumeBoost = 3;
                }
            }
            else
            {
                double level = Min(_recentLow);
                if (level < low && bottom - level <= reach)
                {
                    low = Round(level * (1 - overshoot));
                    StartReaction(+1);
                    volumeBoost = 3;
                }
            }
        }

        double activity = (0.5 + 0.5 * Math.Abs(z)) * (sd / BaseSigma) * (0.5 + _rng.NextDouble());
        volume = Math.Round(BaseVolume * season * activity * volumeBoost * 1000) / 1000;

        _recentHigh[_recentCursor] = high;
        _recentLow[_recentCursor] = low;
        _recentCursor = (_recentCursor + 1) % SweepLookback;
        _recentCount++;
        _price = close;
    }

    private void StartRegime()
    {
        _trending = !_trending;
        if (_trending)
        {
            double upChance = Math.Clamp(0.5 - 1.5 * (_price / _home - 1), 0.1, 0.9);
            double direction = _rng.NextDouble() < upChance ? 1 : -1;
            _drift = direction * (0.04 + 0.08 * _rng.NextDouble()) * BaseSigma;
            _regimeVolatility = 1.15;
            _regimeLeft = 180 + (int)(_rng.NextDouble() * 1260);
        }
        else
        {
            _drift = 0;
            _anchor = _price;
            _reversion = 0.001 + 0.003 * _rng.NextDouble();
            _regimeVolatility = 0.8;
            _regimeLeft = 360 + (int)(_rng.NextDouble() * 1800);
        }
    }

    private void StartReaction(double direction)
    {
        _reactionLeft = 10 + (int)(_rng.NextDouble() * 20);
        _reactionDrift = direction * 0.3 * BaseSigma;
    }

    /// <summary>A wick as a fraction of price: usually a fraction of the minute's volatility, sometimes several times it.</summary>
    private double Wick(double sigma)
    {
        double u = _rng.NextDouble();
        double wick = 0.7 * u * u;
        if (_rng.NextDouble() < 0.03) wick += 1.5 + 2 * _rng.NextDouble();
        return wick * sigma;
    }

    /// <summary>Irwin–Hall approximation of a standard normal (sum of four uniforms, variance scaled to one).</summary>
    private double Normal() =>
        (_rng.NextDouble() + _rng.NextDouble() + _rng.NextDouble() + _rng.NextDouble() - 2.0) * 1.7320508075688772;

    private double Round(double price) => Math.Round(price * _scale) / _scale;

    private static double Max(double[] values)
    {
        double m = values[0];
        foreach (double v in values) if (v > m) m = v;
        return m;
    }

    private static double Min(double[] values)
    {
        double m = values[0];
        foreach (double v in values) if (v < m) m = v;
        return m;
    }
}
