using System.Diagnostics.CodeAnalysis;
using System.Text;
using VectorBacktest.Data.Validation;

namespace VectorBacktest.Data.Readers;

/// <summary>
/// One pass over the UTF-8 bytes of a bar CSV file: splits lines and fields in place, parses each needed field
/// from its bytes, and validates each row as it goes (strict mode throws at the first bad row; repair mode records
/// and drops it). No string is created per field.
/// </summary>
internal sealed class CsvBarParser
{
    private const int RoleTime = 0;
    private const int ChunkBytes = 1 << 20;

    private static readonly string[] RoleNames =
        [BarColumns.Time, BarColumns.Open, BarColumns.High, BarColumns.Low, BarColumns.Close, BarColumns.Volume];

    private static readonly string[] TimeAliases = ["time", "timestamp", "date", "datetime", "open_time", "open time"];

    private readonly string _source;
    private readonly BarReadOptions _options;
    private readonly long _sizeHint;
    private readonly bool _repair;
    private readonly List<ValidationChange>? _changes;

    private int[] _roles = [];
    private int _lastNeeded;
    private bool _headerDone;
    private bool _firstLine = true;
    private long _row;
    private long _rowsRead;
    private CsvTimeFormat _timeFormat;
    private BarTable? _table;
    private long _previousTime;

    public CsvBarParser(string source, BarReadOptions options, long sizeHint)
    {
        _source = source;
        _options = options;
        _sizeHint = sizeHint;
        _repair = options.Mode == ValidationMode.Repair;
        if (_repair) _changes = [];
    }

    public BarLoadResult Parse(Stream input)
    {
        var buffer = new byte[ChunkBytes];
        int length = 0, position = 0;
        bool end = false;
        while (true)
        {
            int newline = buffer.AsSpan(position, length - position).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                Line(buffer.AsSpan(position, newline));
                position += newline + 1;
                continue;
            }
            if (end)
            {
                if (position < length) Line(buffer.AsSpan(position, length - position));
                break;
            }
            int rest = length - position;
            if (rest == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            else if (position > 0) buffer.AsSpan(position, rest).CopyTo(buffer);
            position = 0;
            length = rest;
            int read = input.Read(buffer, length, buffer.Length - length);
            if (read == 0) end = true;
            else length += read;
        }
        return Finish();
    }

    private BarLoadResult Finish()
    {
        if (!_headerDone)
            throw new BarDataException(_source, 0, null, "the file is empty: no header and no rows.");
        var table = _table ?? new BarTable(0, _repair);
        if (_repair) BarRepair.SortAndDeduplicate(table, _source, _changes!);
        var series = table.ToSeries(_options.SymbolFor(_source), _options.Timeframe);
        return BarLoadResult.Create(series, _source, _options.Mode, _rowsRead, _changes);
    }

    private void Line(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
        if (_firstLine)
        {
            _firstLine = false;
            if (line.StartsWith("\uFEFF"u8)) line = line[3..];
        }
        if (!_headerDone)
        {
            if (IsBlank(line)) return;
            if (ReadHeader(line)) return;
        }
        _row++;
        if (IsBlank(line)) return;
        _rowsRead++;
        Row(line);
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) =>
        line.IsEmpty || ((line[0] == (byte)' ' || line[0] == (byte)'\t') && line.Trim(" \t"u8).IsEmpty);

    /// <summary>Maps columns to roles. Returns false when the line is not a header but the first data row.</summary>
    private bool ReadHeader(ReadOnlySpan<byte> line)
    {
        var names = new List<string>();
        for (int p = 0; p <= line.Length;)
        {
            var field = NextField(line, ref p, out bool ok);
            if (!ok) throw new BarDataException(_source, 0, null, "the header has an unterminated quote.");
            names.Add(Encoding.UTF8.GetString(TrimSpaces(field)));
        }
        _headerDone = true;
        var first = Encoding.UTF8.GetBytes(names[0]);
        if (Utf8Number.TryParseInt64(first, out _) || Utf8Timestamp.TryParseIso(first, out _))
        {
            // No header: the plain positional layout, which the Binance kline files follow
            // (open time, open, high, low, close, volume, then columns that are ignored).
            if (names.Count < RoleNames.Length)
                throw new BarDataException(_source, 1, RoleNames[names.Count],
                    $"the file has no header and its first row has {names.Count} field(s); a headerless file needs at least time, open, high, low, close, volume.");
            _roles = [0, 1, 2, 3, 4, 5];
            _lastNeeded = 5;
            return false;
        }
        var roles = new int[names.Count];
        Array.Fill(roles, -1);
        for (int role = 0; role < RoleNames.Length; role++)
        {
            int at = -1;
            if (role == RoleTime)
            {
                foreach (var alias in TimeAliases)
                    if ((at = FindName(names, roles, alias)) >= 0) break;
            }
            else at = FindName(names, roles, RoleNames[role]);
            if (at < 0)
                throw new BarDataException(_source, 0, RoleNames[role],
                    $"the column is missing (the header has: {string.Join(", ", names)})" +
                    (role == RoleTime ? $"; the time column may be named {string.Join(", ", TimeAliases)}." : "."));
            roles[at] = role;
            _lastNeeded = Math.Max(_lastNeeded, at);
        }
        _roles = roles;
        return true;
    }

    private static int FindName(List<string> names, int[] roles, string name)
    {
        for (int i = 0; i < names.Count; i++)
            if (roles[i] < 0 && string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    private void Row(ReadOnlySpan<byte> line)
    {
        Span<double> values = stackalloc double[RoleNames.Length];
        long time = 0;
        var roles = _roles;
        int p = 0;
        for (int f = 0; f <= _lastNeeded; f++)
        {
            if (p > line.Length)
            {
                int missing = f;
                while (roles[missing] < 0) missing++;
                Reject(RoleNames[roles[missing]], $"the row has {f} field(s); expected at least {_lastNeeded + 1}.");
                return;
            }
            int role = roles[f];
            // Fast path: a plain number followed by a comma or the line end is parsed where it stands, without
            // first searching for the comma; anything else (quotes, spaces, bad text) takes the general path below.
            if (role > 0 && Utf8Number.TryParsePrefix(line[p..], out values[role], out int used)
                && (p + used == line.Length || line[p + used] == (byte)','))
            {
                p += used + 1;
                continue;
            }
            var field = NextField(line, ref p, out bool ok);
            if (!ok)
            {
                Reject(role >= 0 ? RoleNames[role] : null, "a quoted field is not terminated or is followed by text.");
                return;
            }
            if (role < 0) continue;
            field = TrimSpaces(field);
            if (role == RoleTime)
            {
                if (!TryParseTime(field, out time))
                {
                    Reject(BarColumns.Time, TimeProblem(field));
                    return;
                }
            }
            else if (!Utf8Number.TryParseDouble(field, out values[role]))
            {
                Reject(RoleNames[role], field.IsEmpty ? "the value is missing." : $"'{Text(field)}' is not a number.");
                return;
            }
        }
        double open = values[1], high = values[2], low = values[3], close = values[4], volume = values[5];
        if (!BarValidator.IsValid(open, high, low, close, volume) && BarValidator.CheckBar(open, high, low, close, volume) is { } bad)
        {
            Reject(bad.Column, bad.Problem);
            return;
        }
        var table = _table ??= new BarTable(EstimateRows(line.Length), _repair);
        if (!_repair && table.Count > 0 && time <= _previousTime && BarValidator.CheckOrder(_previousTime, time) is { } order)
            ThrowAt(BarColumns.Time, order);
        table.Add(time, open, high, low, close, volume, (int)_row);
        _previousTime = time;
    }

    /// <summary>
    /// The next field starting at <paramref name="p"/>, without its quotes; advances past the comma. After the last
    /// field <paramref name="p"/> is <c>line.Length + 1</c>.
    /// </summary>
    private static ReadOnlySpan<byte> NextField(ReadOnlySpan<byte> line, ref int p, out bool ok)
    {
        ok = true;
        var rest = line[p..];
        if (!rest.IsEmpty && rest[0] == (byte)'"')
        {
            int close = 1;
            while (true)
            {
                int q = rest[close..].IndexOf((byte)'"');
                if (q < 0) { ok = false; p = line.Length + 1; return default; }
                close += q;
                if (close + 1 < rest.Length && rest[close + 1] == (byte)'"') { close += 2; continue; }
                break;
            }
            var quoted = rest[1..close];
            int after = p + close + 1;
            if (after == line.Length) p = line.Length + 1;
            else if (line[after] == (byte)',') p = after + 1;
            else { ok = false; p = line.Length + 1; }
            return quoted;
        }
        int comma = rest.IndexOf((byte)',');
        if (comma < 0)
        {
            p = line.Length + 1;
            return rest;
        }
        p += comma + 1;
        return rest[..comma];
    }

    private static ReadOnlySpan<byte> TrimSpaces(ReadOnlySpan<byte> field) =>
        !field.IsEmpty && (field[0] <= (byte)' ' || field[^1] <= (byte)' ') ? field.Trim(" \t"u8) : field;

    private bool TryParseTime(ReadOnlySpan<byte> field, out long ms)
    {
        switch (_timeFormat)
        {
            case CsvTimeFormat.Iso8601:
                return Utf8Timestamp.TryParseIso(field, out ms);
            case CsvTimeFormat.Unknown:
                if (Utf8Number.TryParseInt64(field, out long first))
                {
                    _timeFormat = CsvTimeFormats.EpochUnitOf(first);
                    ms = CsvTimeFormats.ToMilliseconds(first, _timeFormat);
                    return true;
                }
                if (Utf8Timestamp.TryParseIso(field, out ms))
                {
                    _timeFormat = CsvTimeFormat.Iso8601;
                    return true;
                }
                return false;
            default:
                if (!Utf8Number.TryParseInt64(field, out long value) || CsvTimeFormats.EpochUnitOf(value) != _timeFormat)
                {
                    ms = 0;
                    return false;
                }
                ms = CsvTimeFormats.ToMilliseconds(value, _timeFormat);
                return true;
        }
    }

    private string TimeProblem(ReadOnlySpan<byte> field)
    {
        if (field.IsEmpty) return "the timestamp is missing.";
        var text = Text(field);
        return _timeFormat switch
        {
            CsvTimeFormat.Unknown => $"'{text}' is neither an ISO-8601 timestamp nor an integer epoch timestamp.",
            CsvTimeFormat.Iso8601 => $"'{text}' is not an ISO-8601 timestamp (the file's first row has one).",
            _ when Utf8Number.TryParseInt64(field, out long v) =>
                $"epoch timestamp {text} looks like {CsvTimeFormats.Describe(CsvTimeFormats.EpochUnitOf(v))}, " +
                $"but the first row's is in {CsvTimeFormats.Describe(_timeFormat)}; a file must use one unit.",
            _ => $"'{text}' is not an integer epoch timestamp in {CsvTimeFormats.Describe(_timeFormat)} like the first row's.",
        };
    }

    private static string Text(ReadOnlySpan<byte> field) =>
        field.Length <= 64 ? Encoding.UTF8.GetString(field) : Encoding.UTF8.GetString(field[..64]) + "…";

    private int EstimateRows(int firstRowBytes) =>
        _sizeHint <= 0 ? 4096 : (int)Math.Min(_sizeHint / (firstRowBytes + 1) * 21 / 20 + 16, 1 << 28);

    /// <summary>Strict mode: throws. Repair mode: records that the current row is dropped.</summary>
    private void Reject(string? column, string problem)
    {
        if (!_repair) ThrowAt(column, problem);
        _changes!.Add(new ValidationChange(_row, column, RepairAction.DroppedInvalidRow, problem));
    }

    [DoesNotReturn]
    private void ThrowAt(string? column, string problem) => throw new BarDataException(_source, _row, column, problem);
}
