using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace VectorBacktest.Indicators.Smc;

public sealed partial class StructureBreaks
{
    /// <summary>A direction of break: above a level (bullish) or below it (bearish).</summary>
    private interface IBreakDirection
    {
        static abstract bool Beyond(double price, double level);
        static abstract double Extreme(ReadOnlySpan<double> values);
    }

    private struct Above : IBreakDirection
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Beyond(double price, double level) => price > level;
        public static double Extreme(ReadOnlySpan<double> values) => TensorPrimitives.Max(values);
    }

    private struct Below : IBreakDirection
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Beyond(double price, double level) => price < level;
        public static double Extreme(ReadOnlySpan<double> values) => TensorPrimitives.Min(values);
    }

    /// <summary>
    /// Answers "first bar ≥ start whose price is beyond a level" over one price series. Most breaks come within a
    /// few bars, but a level that is never broken would cost a scan to the end of the data for every such
    /// level; block extremes (64 bars, then 64 blocks) bound each query to a few hundred reads.
    /// </summary>
    private ref struct ThresholdSearch<TDirection> where TDirection : struct, IBreakDirection
    {
        private const int Shift = 6;
        private const int Width = 1 << Shift;
        private readonly ReadOnlySpan<double> _prices;
        private readonly double[] _blocks;
        private readonly double[] _groups;
        private readonly int _blockCount;
        private readonly int _groupCount;

        public ThresholdSearch(ReadOnlySpan<double> prices)
        {
            _prices = prices;
            _blockCount = (prices.Length + Width - 1) >> Shift;
            _groupCount = (_blockCount + Width - 1) >> Shift;
            _blocks = ArrayPool<double>.Shared.Rent(Math.Max(_blockCount, 1));
            _groups = ArrayPool<double>.Shared.Rent(Math.Max(_groupCount, 1));
            for (int b = 0; b < _blockCount; b++)
            {
                int start = b << Shift;
                _blocks[b] = TDirection.Extreme(prices.Slice(start, Math.Min(Width, prices.Length - start)));
            }
            for (int g = 0; g < _groupCount; g++)
            {
                int start = g << Shift;
                _groups[g] = TDirection.Extreme(_blocks.AsSpan(start, Math.Min(Width, _blockCount - start)));
            }
        }

        /// <summary>The first bar <c>j ≥ start</c> with a price beyond <paramref name="level"/>, or -1.</summary>
        public readonly int First(int start, double level)
        {
            var prices = _prices;
            if (start >= prices.Length) return -1;
            int blockEnd = Math.Min(prices.Length, ((start >> Shift) + 1) << Shift);
            for (int j = start; j < blockEnd; j++)
                if (TDirection.Beyond(prices[j], level)) return j;
            int block = FirstBlock((start >> Shift) + 1, level);
            if (block < 0) return -1;
            for (int j = block << Shift; ; j++)
                if (TDirection.Beyond(prices[j], level)) return j;
        }

        private readonly int FirstBlock(int from, double level)
        {
            int groupEnd = (from + Width - 1) & ~(Width - 1);
            int end = Math.Min(_blockCount, groupEnd);
            for (int b = from; b < end; b++)
                if (TDirection.Beyond(_blocks[b], level)) return b;
            for (int g = groupEnd >> Shift; g < _groupCount; g++)
            {
                if (!TDirection.Beyond(_groups[g], level)) continue;
                for (int b = g << Shift; ; b++)
                    if (TDirection.Beyond(_blocks[b], level)) return b;
            }
            return -1;
        }

        public readonly void Dispose()
        {
            ArrayPool<double>.Shared.Return(_blocks);
            ArrayPool<double>.Shared.Return(_groups);
        }
    }
}
