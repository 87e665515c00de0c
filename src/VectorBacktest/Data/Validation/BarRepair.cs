namespace VectorBacktest.Data.Validation;

/// <summary>The row-level fixes of <see cref="ValidationMode.Repair"/>; each one is recorded as a <see cref="ValidationChange"/>.</summary>
internal static class BarRepair
{
    /// <summary>Drops the rows whose values break a bar invariant of <see cref="BarValidator.CheckBar"/>.</summary>
    public static void DropInvalid(BarTable table, List<ValidationChange> changes)
    {
        int kept = 0;
        for (int i = 0; i < table.Count; i++)
        {
            if (BarValidator.CheckBar(table.Open[i], table.High[i], table.Low[i], table.Close[i], table.Volume[i]) is { } bad)
            {
                changes.Add(new ValidationChange(table.RowOf(i), bad.Column, RepairAction.DroppedInvalidRow, bad.Problem));
                continue;
            }
            if (kept != i) table.Move(i, kept);
            kept++;
        }
        table.Count = kept;
    }

    /// <summary>
    /// Sorts the rows by time (stably, so among equal timestamps the earlier row stays first), then drops rows that
    /// repeat the previous row exactly.
    /// </summary>
    /// <exception cref="BarDataException">Two rows have the same timestamp but different values; names the later row
    /// and the first column that differs.</exception>
    public static void SortAndDeduplicate(BarTable table, string source, List<ValidationChange> changes)
    {
        var time = table.Time;
        int n = table.Count;
        bool sorted = true;
        long max = long.MinValue;
        int maxAt = -1;
        for (int i = 0; i < n; i++)
        {
            if (time[i] < max)
            {
                sorted = false;
                changes.Add(new ValidationChange(table.RowOf(i), BarColumns.Time, RepairAction.MovedUnsortedRow,
                    $"timestamp {BarValidator.FormatTime(time[i])} is before row {table.RowOf(maxAt)}'s {BarValidator.FormatTime(max)}; moved into time order."));
            }
            else if (time[i] > max || maxAt < 0)
            {
                max = time[i];
                maxAt = i;
            }
        }
        if (!sorted)
        {
            var order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
            Array.Sort(order, (a, b) => time[a] != time[b] ? time[a].CompareTo(time[b]) : a.CompareTo(b));
            table.Permute(order);
        }

        int kept = Math.Min(n, 1);
        for (int i = 1; i < n; i++)
        {
            int last = kept - 1;
            if (table.Time[i] == table.Time[last])
            {
                if (FirstDifference(table, last, i) is { } diff)
                    throw new BarDataException(source, table.RowOf(i), diff.Column,
                        $"timestamp {BarValidator.FormatTime(table.Time[i])} also appears in row {table.RowOf(last)} with a different {diff.Column} " +
                        $"({diff.Later} here, {diff.Earlier} there); repair mode drops only exact duplicates.");
                changes.Add(new ValidationChange(table.RowOf(i), null, RepairAction.DroppedDuplicateRow,
                    $"exact duplicate of row {table.RowOf(last)} (timestamp {BarValidator.FormatTime(table.Time[i])})."));
                continue;
            }
            if (kept != i) table.Move(i, kept);
            kept++;
        }
        table.Count = kept;
    }

    private static (string Column, double Earlier, double Later)? FirstDifference(BarTable t, int a, int b)
    {
        if (!t.Open[a].Equals(t.Open[b])) return (BarColumns.Open, t.Open[a], t.Open[b]);
        if (!t.High[a].Equals(t.High[b])) return (BarColumns.High, t.High[a], t.High[b]);
        if (!t.Low[a].Equals(t.Low[b])) return (BarColumns.Low, t.Low[a], t.Low[b]);
        if (!t.Close[a].Equals(t.Close[b])) return (BarColumns.Close, t.Close[a], t.Close[b]);
        if (!t.Volume[a].Equals(t.Volume[b])) return (BarColumns.Volume, t.Volume[a], t.Volume[b]);
        return null;
    }
}
