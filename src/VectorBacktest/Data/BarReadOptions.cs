using VectorBacktest.Data.Validation;

namespace VectorBacktest.Data;

/// <summary>How <see cref="BarFile"/> and the readers turn a file into a <see cref="BarSeries"/>.</summary>
public sealed record BarReadOptions
{
    /// <summary>
    /// The series' symbol. Default: the symbol stored in the file (Arrow/Parquet metadata written by this library),
    /// else the file name without its extensions (<c>btcusd_1h.csv.gz</c> → <c>btcusd_1h</c>).
    /// </summary>
    public string? Symbol { get; init; }

    /// <summary>The bar duration. Default: the one stored in the file, else inferred from the timestamps (1m for fewer than two bars).</summary>
    public Timeframe? Timeframe { get; init; }

    /// <summary>Strict (throw at the first bad row, default) or repair (fix what can be fixed without inventing data, and report it).</summary>
    public ValidationMode Mode { get; init; } = ValidationMode.Strict;

    internal static readonly BarReadOptions Default = new();

    internal string SymbolFor(string path, string? stored = null) => Symbol ?? stored ?? FileStem(path);

    /// <summary>The file name without directory and without every extension.</summary>
    internal static string FileStem(string path)
    {
        var name = Path.GetFileName(path);
        int dot = name.IndexOf('.', 1);
        return dot > 0 ? name[..dot] : name;
    }
}
