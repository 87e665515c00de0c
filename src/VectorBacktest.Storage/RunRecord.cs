using Apache.Arrow;

namespace VectorBacktest.Storage;

/// <summary>One run to record: its description, its statistics and, optionally, its trades and equity curve.</summary>
/// <remarks>
/// <para><see cref="Statistics"/> maps a statistic name to its value (NaN and infinities are stored as NULL). The names of
/// <see cref="CoreStatistics.Names"/> (matched ignoring case and underscores, so <c>TotalReturn</c> and
/// <c>total_return</c> are the same) are also written to typed columns of the <c>stats</c> table.</para>
/// <para><see cref="Trades"/> and <see cref="Equity"/> are stored as given, one row per batch row, keyed by the run id;
/// the <c>trades</c> and <c>equity</c> tables gain a column the first time a batch has a new column name. Supported
/// Arrow types: signed and unsigned integers, float, double, boolean, string and timestamp.</para>
/// </remarks>
public sealed partial record RunRecord
{
    /// <summary>What was run.</summary>
    public required RunInfo Info { get; init; }

    /// <summary>Statistics by name (units as the producer defines them; returns as fractions, not percent).</summary>
    public IReadOnlyDictionary<string, double> Statistics { get; init; } = new Dictionary<string, double>();

    /// <summary>The run's trades (one row per trade), or null to store none.</summary>
    public RecordBatch? Trades { get; init; }

    /// <summary>The run's equity curve (one row per bar), or null to store none.</summary>
    public RecordBatch? Equity { get; init; }
}
