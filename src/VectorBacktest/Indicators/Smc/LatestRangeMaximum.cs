using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace VectorBacktest.Indicators.Smc;

/// <summary>
/// The latest position of the maximum of a series (or of its negation, i.e. the latest minimum) over a range.
/// </summary>
/// <remarks>
/// A short range is searched directly: a backward scan below 64 values, else a vectorised maximum and then the last
/// position holding it. The first long
/// range (more than <see cref="DirectLimit"/> values) builds, once, the latest maximum of each block of 64 values and
/// a sparse table over the blocks, after which any query scans at most two partial blocks and reads two entries.
/// So the cost stays O(N + q · 4096) whatever the ranges, and ranges of typical data never pay for the table.
/// The table is rented from <see cref="ArrayPool{T}"/>; <see cref="Dispose"/> returns it.
/// </remarks>
internal readonly ref struct LatestRangeMaximum
{
    /// <summary>Longest range searched directly.</summary>
    public const int DirectLimit = 4096;

    private const int BlockShift = 6;
    private const int BlockSize = 1 << BlockShift;

    private readonly ReadOnlySpan<double> _values;
    private readonly bool _negate;
    private readonly BlockTable _blocks;

    public LatestRangeMaximum(ReadOnlySpan<double> values, bool negate)
    {
        _values = values;
        _negate = negate;
        _blocks = new BlockTable();
    }

    /// <summary>Latest position of the maximum over <paramref name="from"/> … <paramref name="to"/> (inclusive, from ≤ to).</summary>
    public int Query(int from, int to)
    {
        if (to - from < DirectLimit) return Direct(from, to);
        if (_blocks.Table is null) Build();
        int firstBlock = from >> BlockShift, lastBlock = to >> BlockShift;
        int best = Direct(from, ((firstBlock + 1) << BlockShift) - 1);
        int innerFrom = firstBlock + 1, innerTo = lastBlock - 1;
        int k = BitOperations.Log2((uint)(innerTo - innerFrom + 1));
        int row = k * _blocks.Count;
        var table = _blocks.Table!;
        best = Later(best, Later(table[row + innerFrom], table[row + innerTo - (1 << k) + 1]));
        return Later(best, Direct(lastBlock << BlockShift, to));
    }

    public void Dispose()
    {
        if (_blocks.Table is not null) ArrayPool<int>.Shared.Return(_blocks.Table);
        _blocks.Table = null;
    }

    private int Direct(int from, int to)
    {
        if (to - from < BlockSize)
        {
            // Short ranges (the usual case: the bars since a swing) are cheaper scanned once, backwards; strict
            // comparisons keep the latest position on ties.
            int best = to;
            double bestValue = _values[to];
            if (_negate)
            {
                for (int j = to - 1; j >= from; j--)
                    if (_values[j] < bestValue) { bestValue = _values[j]; best = j; }
            }
            else
            {
                for (int j = to - 1; j >= from; j--)
                    if (_values[j] > bestValue) { bestValue = _values[j]; best = j; }
            }
            return best;
        }
        var range = _values[from..(to + 1)];
        double extreme = _negate ? TensorPrimitives.Min(range) : TensorPrimitives.Max(range);
        return from + range.LastIndexOf(extreme);
    }

    private void Build()
    {
        int blocks = (_values.Length + BlockSize - 1) >> BlockShift;
        int levels = BitOperations.Log2((uint)blocks) + 1;
        var table = ArrayPool<int>.Shared.Rent(blocks * levels);
        for (int b = 0; b < blocks; b++)
            table[b] = Direct(b << BlockShift, Math.Min(_values.Length, (b + 1) << BlockShift) - 1);
        for (int k = 1, width = 1; k < levels; k++, width <<= 1)
        {
            int row = k * blocks, previous = (k - 1) * blocks;
            for (int b = 0; b + 2 * width <= blocks; b++)
                table[row + b] = Later(table[previous + b], table[previous + b + width]);
        }
        _blocks.Count = blocks;
        _blocks.Table = table;
    }

    // The better of two positions: the larger value, the later position on ties.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Later(int a, int b)
    {
        double va = _negate ? -_values[a] : _values[a], vb = _negate ? -_values[b] : _values[b];
        return va > vb ? a : vb > va ? b : Math.Max(a, b);
    }

    /// <summary>Shared by copies of the struct, so that whichever copy builds the table, the owner returns it.</summary>
    private sealed class BlockTable
    {
        public int[]? Table;
        public int Count;
    }
}
