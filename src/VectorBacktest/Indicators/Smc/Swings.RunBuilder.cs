namespace VectorBacktest.Indicators.Smc;

public sealed partial class Swings
{
    /// <summary>
    /// Collapses the candidate stream into runs of one type, keeping each run's most extreme bar (earliest on
    /// ties), and stamps a run's swing with the confirmation bar of the next run's first candidate. In causal
    /// mode it also records, per run, the candidates that set a new extreme (see <see cref="RunRecords"/>).
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
        private readonly bool _record;
        private int[] _runStart;
        private int _runCount;
        private int[] _recordBar;
        private double[] _recordLevel;
        private int _recordCount;

        public RunBuilder(int n, int barCount, SmcMode mode)
        {
            _n = n;
            _barCount = barCount;
            // Reference mode keeps slot 0 for the artificial bar-0 swing, whose type is known only later.
            _first = mode == SmcMode.Reference ? 1 : 0;
            // Market data gives about one swing per 2n bars (1.07 to 1.13 times that on the benchmark and golden data);
            // a quarter more avoids regrowing in the common case.
            int capacity = _first + 2 + (int)Math.Min(barCount, barCount * 5L / (8L * n) + 14);
            _index = new int[capacity];
            _knownAt = new int[capacity];
            _highLow = new sbyte[capacity];
            _level = new double[capacity];
            _count = _first;
            _firstCandidate = -1;
            _runType = 0;
            _runBest = -1;
            _runLevel = 0;
            _record = mode == SmcMode.Causal;
            _runStart = new int[_record ? capacity + 1 : 0];
            _runCount = 0;
            _recordBar = new int[_record ? capacity + capacity / 2 : 0];
            _recordLevel = new double[_recordBar.Length];
            _recordCount = 0;
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
                    if (_record) AppendRecord(bar, level);
                }
                return;
            }
            if (_runType != 0) Append(_runBest, _runType, _runLevel, bar + _n);
            else _firstCandidate = bar;
            _runType = type;
            _runBest = bar;
            _runLevel = level;
            if (_record)
            {
                if (_runCount + 1 >= _runStart.Length) Array.Resize(ref _runStart, _runStart.Length * 2 + 2);
                _runStart[_runCount++] = _recordCount;
                AppendRecord(bar, level);
            }
        }

        public Swings Finish(SmcMode mode, ReadOnlySpan<double> high, ReadOnlySpan<double> low)
        {
            RunRecords records = default;
            if (_record)
            {
                if (_runCount + 1 > _runStart.Length) Array.Resize(ref _runStart, _runCount + 1);
                _runStart[_runCount] = _recordCount;
                records = new RunRecords(_runCount, _runType, _runStart, _recordBar, _recordLevel);
            }
            if (_runType == 0)
                return new Swings(mode, _n, _barCount, 0, _index, _knownAt, _highLow, _level, records);
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
            return new Swings(mode, _n, _barCount, _count, _index, _knownAt, _highLow, _level, records);
        }

        private void AppendRecord(int bar, double level)
        {
            if (_recordCount == _recordBar.Length)
            {
                Array.Resize(ref _recordBar, _recordBar.Length * 2 + 2);
                Array.Resize(ref _recordLevel, _recordBar.Length);
            }
            _recordBar[_recordCount] = bar;
            _recordLevel[_recordCount] = level;
            _recordCount++;
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
