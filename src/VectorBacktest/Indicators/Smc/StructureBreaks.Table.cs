namespace VectorBacktest.Indicators.Smc;

public sealed partial class StructureBreaks
{
    /// <summary>
    /// The events as per-bar columns: in <see cref="SmcMode.Reference"/> mode each row is placed on the broken
    /// swing's bar (the reference's table); in <see cref="SmcMode.Causal"/> mode on its <see cref="KnownAt"/> bar
    /// (at most one event per bar), so row <c>t</c> holds only what is known at the close of <c>t</c>.
    /// </summary>
    public StructureBreaksTable ToTable()
    {
        var table = new StructureBreaksTable(BarCount);
        WriteTable(table.Bos, table.Choch, table.Level, table.BrokenIndex, table.SwingIndex);
        return table;
    }

    /// <summary>
    /// Writes the per-bar columns of <see cref="ToTable"/> into caller buffers of at least <see cref="BarCount"/>
    /// elements; empty fields are NaN.
    /// </summary>
    /// <param name="bos">±1 or NaN (reference column <c>BOS</c>).</param>
    /// <param name="choch">±1 or NaN (reference column <c>CHOCH</c>).</param>
    /// <param name="level">Broken level as a float32 value, or NaN (reference column <c>Level</c>).</param>
    /// <param name="brokenIndex">Break bar, or NaN (reference column <c>BrokenIndex</c>).</param>
    /// <param name="swingIndex">Broken swing's bar, or NaN (equals the row in reference mode).</param>
    /// <exception cref="ArgumentException">A buffer is shorter than <see cref="BarCount"/>.</exception>
    public void WriteTable(Span<double> bos, Span<double> choch, Span<double> level, Span<double> brokenIndex, Span<double> swingIndex)
    {
        SmcThrow.IfTooShort(bos.Length, BarCount, nameof(bos));
        SmcThrow.IfTooShort(choch.Length, BarCount, nameof(choch));
        SmcThrow.IfTooShort(level.Length, BarCount, nameof(level));
        SmcThrow.IfTooShort(brokenIndex.Length, BarCount, nameof(brokenIndex));
        SmcThrow.IfTooShort(swingIndex.Length, BarCount, nameof(swingIndex));
        bos[..BarCount].Fill(double.NaN);
        choch[..BarCount].Fill(double.NaN);
        level[..BarCount].Fill(double.NaN);
        brokenIndex[..BarCount].Fill(double.NaN);
        swingIndex[..BarCount].Fill(double.NaN);
        var rows = Mode == SmcMode.Reference ? SwingIndex : KnownAt;
        for (int e = 0; e < Count; e++)
        {
            int row = rows[e];
            if (_bos[e] != 0) bos[row] = _bos[e];
            if (_choch[e] != 0) choch[row] = _choch[e];
            level[row] = _level[e];
            brokenIndex[row] = _brokenIndex[e];
            swingIndex[row] = _swingIndex[e];
        }
    }
}
