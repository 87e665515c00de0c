namespace VectorBacktest.Indicators.Smc;

public sealed partial class Swings
{
    /// <summary>
    /// How each run of candidates developed (causal mode only): the candidates that set a new extreme of their
    /// run, in time order. Run <c>r &lt; Count</c> is the run of swing <c>r</c> (its last record is the swing);
    /// run <c>Count</c>, when <see cref="OpenRunType"/> ≠ 0, is the run still open at the end of the data.
    /// </summary>
    /// <remarks>
    /// A record at bar <c>m</c> is a fact from the close of <c>m + n</c> on: bar <c>m</c> is a candidate of the
    /// run and the run's extreme is at least as far as its level. Indicators use it to know that a run went beyond
    /// a level long before the run's swing settles.
    /// </remarks>
    internal readonly struct RunRecords
    {
        private readonly int[]? _runStart;
        private readonly int[]? _bar;
        private readonly double[]? _level;

        public RunRecords(int runCount, sbyte openRunType, int[] runStart, int[] bar, double[] level)
        {
            RunCount = runCount;
            OpenRunType = openRunType;
            _runStart = runStart;
            _bar = bar;
            _level = level;
        }

        /// <summary>Number of runs, the open one included.</summary>
        public int RunCount { get; }

        /// <summary>Type of the open run (+1 highs, -1 lows), 0 when there are no candidates.</summary>
        public sbyte OpenRunType { get; }

        /// <summary>The first record of run <paramref name="run"/> beyond <paramref name="level"/> in its direction
        /// (strictly above for highs, below for lows), or -1; its bar is returned.</summary>
        public int FirstBeyond(int run, sbyte type, double level)
        {
            for (int r = _runStart![run]; r < _runStart[run + 1]; r++)
                if (type > 0 ? _level![r] > level : _level![r] < level) return _bar![r];
            return -1;
        }
    }

    /// <summary>Run development records; empty in reference mode.</summary>
    internal RunRecords Records { get; }
}
