namespace VectorBacktest.Indicators.Smc;

public sealed partial class Swings
{
    /// <summary>
    /// Collapses the candidate stream into runs of one type, keeping each run's most extreme bar (earliest on
    /// ties), and stamps a run's swing with the confirmation bar of the next run's first candidate.
    /// </summary>
    private struct RunBuilder
    {
        private readonly int _n;
        private readonly int _barCount;
        private readonly int _first;
        private int[] _index;
        private int[] _knownAt;
        private sbyte[] _highLow;
        private double[] _level;
        private int _count;
        private int _firstCandidate;
        private sbyte _runType;
        private int _runBest;
        private double _runLevel;

        public RunBuilder(int n, int barCount, bool reserveFirst)
        {
            _n = n;
            _barCount = barCount;
            // Reference mode keeps slot 0 for the artificial bar-0 swing, whose type is known only later.
            _first = reserveFirst ? 1 : 0;
            int capacity = _first + 2 + (int)Math.Min(barCount, barCount / (2L * n) + 14);
            _index = new int[capacity];
            _knownAt = new int[capacity];
            _highLow = new sbyte[capacity];
            _level = new double[capacity];
            _count = _first;
            _firstCandidate = -1;
            _runType = 0;
            _runBest = -1;
            _runLevel = 0;
        }

        /// <summary>Feeds the next candidate (strictly increasing <paramref name="bar"/>).</summary>
        public void Add(int bar, sbyte type, double level)
        {
            if (type == _runType)
            {
                if (type > 0 ? level > _runLevel : level < _runLevel)
                {
                    _runBest = bar;
                    _runLevel = level;
                }
                return;
            }
            if (_runType != 0) Append(_runBest, _runType, _runLevel, bar + _n);
            else _firstCandidate = bar;
            _runType = type;
            _runBest = bar;
            _runLevel = level;
        }

        public Swings Finish(SmcMode mode, ReadOnlySpan<double> high, ReadOnlySpan<double> low)
        {
            if (_runType == 0)
                return new Swings(mode, _n, _barCount, 0, _index, _knownAt, _highLow, _level);
            if (mode == SmcMode.Reference)
            {
                sbyte firstType = _count > _first ? _highLow[_first] : _runType;
                sbyte bar0Type = (sbyte)-firstType;
                _index[0] = 0;
                _knownAt[0] = _firstCandidate + _n;
                _highLow[0] = bar0Type;
                _level[0] = bar0Type > 0 ? high[0] : low[0];
                Append(_runBest, _runType, _runLevel, SmcKnownAt.Never);
                int last = _barCount - 1;
                sbyte lastType = (sbyte)-_runType;
                Append(last, lastType, lastType > 0 ? high[last] : low[last], SmcKnownAt.Never);
            }
            return new Swings(mode, _n, _barCount, _count, _index, _knownAt, _highLow, _level);
        }

        private void Append(int bar, sbyte type, double level, int knownAt)
        {
            if (_count == _index.Length) Grow();
            _index[_count] = bar;
            _knownAt[_count] = knownAt;
            _highLow[_count] = type;
            _level[_count] = level;
            _count++;
        }

        private void Grow()
        {
            int capacity = _index.Length * 2;
            Array.Resize(ref _index, capacity);
            Array.Resize(ref _knownAt, capacity);
            Array.Resize(ref _highLow, capacity);
            Array.Resize(ref _level, capacity);
        }
    }
}
