using System.Text;
using VectorBacktest.Data;
using VectorBacktest.Data.Readers;
using VectorBacktest.Data.Validation;

namespace VectorBacktest.Tests.Data.Io;

public class RepairTests
{
    private static readonly BarReadOptions Repair = new() { Mode = ValidationMode.Repair };

    private static BarLoadResult Load(string text, BarReadOptions? options = null) =>
        BarCsvReader.Load(new MemoryStream(Encoding.UTF8.GetBytes(text)), "r.csv", options);

    [Fact]
    public void Repair_mode_drops_invalid_and_duplicate_rows_sorts_and_reports_every_change()
    {
        var text = "time,open,high,low,close,volume\n" +
                   "2024-01-01T00:00:00Z,10,12,9,11,5\n" +        // 1 kept
                   "2024-01-01T00:02:00Z,11,12,10,11,5\n" +       // 2 kept
                   "2024-01-01T00:01:00Z,11,12,10,11,6\n" +       // 3 moved before row 2
                   "2024-01-01T00:02:00Z,11,12,10,11,5\n" +       // 4 exact duplicate of row 2
                   "2024-01-01T00:03:00Z,x,12,10,11,5\n" +        // 5 unparsable open
                   "2024-01-01T00:04:00Z,11,12,13,11,5\n" +       // 6 low above high
                   "2024-01-01T00:05:00Z,11,12,10\n" +            // 7 ragged
                   "2024-01-01T00:09:00Z,11,12,10,11,5\n";        // 8 kept, after a gap
        var result = Load(text, Repair);
        var s = result.Series;
        Assert.Equal([0L, 60_000, 120_000, 540_000], s.Time.ToArray().Select(t => t - 1_704_067_200_000L).ToArray());
        Assert.Equal([5.0, 6, 5, 5], s.Volume.ToArray());

        var changes = result.Report.Changes.Select(c => (c.Row, c.Column, c.Action)).ToList();
        Assert.Equal(
        [
            (5L, "open", RepairAction.DroppedInvalidRow),
            (6L, "low", RepairAction.DroppedInvalidRow),
            (7L, "close", RepairAction.DroppedInvalidRow),
            (3L, "time", RepairAction.MovedUnsortedRow),
            (4L, null, RepairAction.DroppedDuplicateRow),
        ], changes);
        Assert.Contains("row 2", result.Report.Changes[4].Detail);
        Assert.Equal(8, result.Report.RowsRead);
        Assert.Equal(4, result.Report.BarCount);
        Assert.Equal(Timeframe.M1, result.Report.Timeframe);
        var gap = Assert.Single(result.Report.Gaps);
        Assert.Equal(new BarGap(1_704_067_200_000L + 120_000, 1_704_067_200_000L + 540_000, 6), gap);
        Assert.Equal(6, result.Report.MissingBars);
        Assert.Contains("row 4: DroppedDuplicateRow", result.Report.ToString());
    }

    [Fact]
    public void A_conflicting_duplicate_is_an_error_even_in_repair_mode()
    {
        var text = "time,open,high,low,close,volume\n" +
                   "2024-01-01T00:00:00Z,10,12,9,11,5\n" +
                   "2024-01-01T00:00:00Z,10,12,9,11.5,5\n";
        var e = Assert.Throws<BarDataException>(() => Load(text, Repair));
        Assert.Equal(2, e.Row);
        Assert.Equal("close", e.Column);
        Assert.Contains("row 1", e.Message);
    }

    [Fact]
    public void Strict_mode_reports_gaps_without_filling_them()
    {
        var text = "time,open,high,low,close,volume\n" +
                   "2024-01-01T00:00:00Z,10,12,9,11,5\n" +
                   "2024-01-01T01:00:00Z,10,12,9,11,5\n" +
                   "2024-01-01T04:00:00Z,10,12,9,11,5\n";
        var result = Load(text);
        Assert.Equal(3, result.Series.Length);
        Assert.True(result.Report.IsUnchanged);
        Assert.Equal(ValidationMode.Strict, result.Report.Mode);
        var gap = Assert.Single(result.Report.Gaps);
        Assert.Equal(2, gap.MissingBars);
        Assert.Equal(1_704_067_200_000L + 3_600_000, gap.AfterTime);
    }

    [Fact]
    public void Repair_mode_fixes_arrow_and_parquet_files_the_same_way()
    {
        var unsorted = BarSeries.FromArrays("X", Timeframe.M1, [120_000, 0, 60_000, 60_000, 180_000],
            [1, 1, 1, 1, 1], [2, 2, 2, 2, 2], [0.5, 0.5, 0.5, 0.5, 3], [1, 1, 1, 1, 1], [0, 0, 0, 0, 0], validate: false);
        using var folder = new TempFolder();
        foreach (var name in new[] { "r.arrow", "r.parquet" })
        {
            var path = folder.File(name);
            BarFile.Write(unsorted, path);
            var result = BarFile.Load(path, Repair);
            Assert.Equal([0L, 60_000, 120_000], result.Series.Time.ToArray());
            Assert.Equal(
            [
                (5L, RepairAction.DroppedInvalidRow),
                (2L, RepairAction.MovedUnsortedRow),
                (3L, RepairAction.MovedUnsortedRow),
                (4L, RepairAction.MovedUnsortedRow),
                (4L, RepairAction.DroppedDuplicateRow),
            ], result.Report.Changes.Select(c => (c.Row, c.Action)).ToList());
        }
    }

    [Fact]
    public void The_gap_finder_counts_missing_bars_between_neighbours()
    {
        long h = 3_600_000;
        Assert.Empty(GapFinder.Find([], Timeframe.H1));
        Assert.Empty(GapFinder.Find([0, h, 2 * h], Timeframe.H1));
        Assert.Equal([new BarGap(h, 4 * h, 2), new BarGap(4 * h, 4 * h + 5 * h / 2, 2)],
            GapFinder.Find([0, h, 4 * h, 4 * h + 5 * h / 2], Timeframe.H1));
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public bool The_fast_validity_check_agrees_with_CheckBar(int o, int h, int l, int c, int v, byte special)
    {
        double[] specials = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, double.MaxValue, double.Epsilon];
        double Pick(int x, int slot) => special % 7 == slot ? specials[special / 7 % specials.Length] : x % 50 / 4.0;
        double open = Pick(o, 0), high = Pick(h, 1), low = Pick(l, 2), close = Pick(c, 3), volume = Pick(v, 4);
        return BarValidator.IsValid(open, high, low, close, volume) == BarValidator.CheckBar(open, high, low, close, volume) is null;
    }
}
