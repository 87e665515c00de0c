using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Microsoft.Data.Analysis;
using VectorBacktest.Data;
using VectorBacktest.Data.Writers;
using VectorBacktest.Portfolio;

namespace VectorBacktest.Results;

/// <summary>
/// The outcome of one backtest: what was run (<see cref="Run"/>), the engine's summary, the statistics, every order and
/// trade, and the per-bar cash, position value, equity and drawdown. Tables are available as Arrow record batches
/// (<see cref="ToRecordBatch"/>) and data frames (<see cref="ToDataFrame"/>); <see cref="Save"/> and <see cref="Load"/>
/// persist the result losslessly to a folder.
/// </summary>
/// <remarks>
/// <para>Folder layout: <c>orders.arrow</c>, <c>trades.arrow</c>, <c>equity.arrow</c> (Arrow IPC files, one record batch
/// each, columns of <see cref="ResultColumns"/>) and <c>result.json</c> (format name and version, <see cref="Run"/>,
/// <see cref="Summary"/>, <see cref="Stats"/>; conventions of <see cref="ResultJson"/>). Each file is written atomically and
/// <c>result.json</c> last, so a folder with a <c>result.json</c> holds a complete result.</para>
/// <para>Bars are 0-based indexes into the simulated series; times are bar open times, epoch ms UTC; equity values are
/// as of each bar's close (see <see cref="EquityCurve"/>).</para>
/// </remarks>
public sealed class BacktestResult
{
    /// <summary>File name of the metadata written by <see cref="Save"/>.</summary>
    public const string MetadataFileName = "result.json";

    /// <summary>Value of the metadata's <c>format</c> field.</summary>
    public const string FormatName = "vectorbacktest.backtest-result";

    /// <summary>Version of the folder layout written by <see cref="Save"/>.</summary>
    public const int FormatVersion = 1;

    private readonly OrderRecord[] _orders;
    private readonly TradeRecord[] _trades;
    private readonly long[] _time;
    private readonly double[] _cash, _positionValue, _equity, _drawdown;

    private BacktestResult(RunDescription run, SimulationSummary summary, BacktestStats stats, OrderRecord[] orders, TradeRecord[] trades,
        long[] time, double[] cash, double[] positionValue, double[] equity, double[] drawdown)
    {
        Run = run;
        Summary = summary;
        Stats = stats;
        _orders = orders;
        _trades = trades;
        _time = time;
        _cash = cash;
        _positionValue = positionValue;
        _equity = equity;
        _drawdown = drawdown;
    }

    /// <summary>What was run: data, strategy, parameters, execution settings, library version, timing.</summary>
    public RunDescription Run { get; }
    /// <summary>The engine's running totals.</summary>
    public SimulationSummary Summary { get; }
    /// <summary>The statistics (empyrical summary, trade statistics, the preset's own statistics).</summary>
    public BacktestStats Stats { get; }
    /// <summary>Every order, filled and rejected, in processing order.</summary>
    public IReadOnlyList<OrderRecord> Orders => _orders;
    /// <summary>Every trade in closing order (an open one last).</summary>
    public IReadOnlyList<TradeRecord> Trades => _trades;
    /// <summary>Number of bars of the equity table.</summary>
    public int BarCount => _time.Length;
    /// <summary>Bar open times, epoch ms UTC.</summary>
    public ReadOnlySpan<long> Time => _time;
    /// <summary>Free cash per bar, quote currency.</summary>
    public ReadOnlySpan<double> Cash => _cash;
    /// <summary>Signed position × close per bar, quote currency.</summary>
    public ReadOnlySpan<double> PositionValue => _positionValue;
    /// <summary>Equity per bar (cash + position value), quote currency.</summary>
    public ReadOnlySpan<double> Equity => _equity;
    /// <summary>Drawdown per bar, the fraction below the running equity peak, ≥ 0.</summary>
    public ReadOnlySpan<double> Drawdown => _drawdown;

    /// <summary>Builds the result of a finished run: rebuilds the equity curve from the orders and computes the statistics.</summary>
    /// <param name="run">The run's description.</param>
    /// <param name="bars">The simulated bars.</param>
    /// <param name="simulation">The run's orders, trades and summary (<see cref="SimulationResult.Capture"/>).</param>
    /// <param name="fundingRate">The run's funding column, empty for none.</param>
    /// <param name="warmupBars">The strategy's warm-up (<see cref="Strategies.StrategySignals.WarmupBars"/>), the base bar
    /// of the backtesting.py Buy &amp; Hold return.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The orders or trades do not fit <paramref name="bars"/>, or an unknown preset.</exception>
    public static BacktestResult Create(RunDescription run, BarSeries bars, SimulationResult simulation, ReadOnlySpan<double> fundingRate = default,
        int warmupBars = 0)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(simulation);
        var curve = simulation.EquityCurve(bars, fundingRate);
        var orders = simulation.Orders.ToArray();
        var trades = simulation.Trades.ToArray();
        var stats = BacktestStats.Compute(bars, simulation.Summary, trades, curve.Equity, run.Execution.PresetName, warmupBars);
        return new BacktestResult(run, simulation.Summary, stats, orders, trades, curve.Time, curve.Cash, curve.PositionValue,
            curve.Equity, curve.Drawdown);
    }

    /// <summary>One table as an Arrow record batch (columns in <see cref="ResultColumns"/>; enums as their names in utf8,
    /// times as timestamp[ms, UTC]). Equity columns wrap this result's arrays without a copy.</summary>
    /// <param name="table">Which table.</param>
    /// <exception cref="ArgumentOutOfRangeException">An unknown table.</exception>
    public RecordBatch ToRecordBatch(ResultTable table) => table switch
    {
        ResultTable.Orders => ResultTables.OrdersBatch(_orders),
        ResultTable.Trades => ResultTables.TradesBatch(_trades),
        ResultTable.Equity => ResultTables.EquityBatch(_time, _cash, _positionValue, _equity, _drawdown),
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Unknown result table."),
    };

    /// <summary>One table as a <see cref="DataFrame"/> for notebooks (copies; times become UTC <see cref="DateTime"/>s).</summary>
    /// <param name="table">Which table.</param>
    /// <exception cref="ArgumentOutOfRangeException">An unknown table.</exception>
    public DataFrame ToDataFrame(ResultTable table)
    {
        using var batch = ToRecordBatch(table);
        return ResultFrames.From(batch);
    }

    /// <summary>The file name of a table in a saved folder (<c>orders.arrow</c>, <c>trades.arrow</c>, <c>equity.arrow</c>).</summary>
    /// <param name="table">Which table.</param>
    /// <exception cref="ArgumentOutOfRangeException">An unknown table.</exception>
    public static string FileName(ResultTable table) => table switch
    {
        ResultTable.Orders => "orders.arrow",
        ResultTable.Trades => "trades.arrow",
        ResultTable.Equity => "equity.arrow",
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Unknown result table."),
    };

    /// <summary>Writes the result into <paramref name="folder"/> (created if needed; files of an earlier result are replaced).</summary>
    /// <param name="folder">The target folder.</param>
    /// <exception cref="IOException">A file cannot be written.</exception>
    public void Save(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        foreach (var table in (ResultTable[])[ResultTable.Orders, ResultTable.Trades, ResultTable.Equity])
        {
            var batch = ToRecordBatch(table);
            AtomicFile.Write(Path.Combine(folder, FileName(table)), stream =>
            {
                using var writer = new ArrowFileWriter(stream, batch.Schema, leaveOpen: true);
                writer.WriteRecordBatch(batch);
                writer.WriteEnd();
            });
        }
        var metadata = new Metadata(FormatName, FormatVersion, Run, Summary, Stats);
        AtomicFile.Write(Path.Combine(folder, MetadataFileName), stream => JsonSerializer.Serialize(stream, metadata, ResultJson.Options));
    }

    /// <summary>Reads a result written by <see cref="Save"/>.</summary>
    /// <param name="folder">The folder.</param>
    /// <exception cref="FileNotFoundException">The folder holds no <c>result.json</c> or a table file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is not a result of a supported format version, or a table is malformed.</exception>
    public static BacktestResult Load(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        string path = Path.Combine(folder, MetadataFileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"'{folder}' holds no backtest result ({MetadataFileName} is missing).", path);
        Metadata? metadata;
        using (var stream = File.OpenRead(path))
        {
            try
            {
                metadata = JsonSerializer.Deserialize<Metadata>(stream, ResultJson.Options);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}: not a backtest result ({e.Message}).", e);
            }
        }
        if (metadata is null || metadata.Format != FormatName)
            throw new InvalidDataException($"{path}: not a backtest result (format '{metadata?.Format}', expected '{FormatName}').");
        if (metadata.FormatVersion != FormatVersion)
            throw new InvalidDataException($"{path}: format version {metadata.FormatVersion} is not supported (this library reads version {FormatVersion}).");

        var orders = ResultTables.ReadOrders(ReadTable(folder, ResultTable.Orders, out string ordersPath), ordersPath);
        var trades = ResultTables.ReadTrades(ReadTable(folder, ResultTable.Trades, out string tradesPath), tradesPath);
        var equity = ResultTables.ReadEquity(ReadTable(folder, ResultTable.Equity, out string equityPath), equityPath);
        return new BacktestResult(metadata.Run, metadata.Summary, metadata.Stats, orders, trades, equity.Time, equity.Cash,
            equity.PositionValue, equity.Equity, equity.Drawdown);
    }

    private static RecordBatch ReadTable(string folder, ResultTable table, out string path)
    {
        path = Path.Combine(folder, FileName(table));
        if (!File.Exists(path)) throw new FileNotFoundException($"The backtest result in '{folder}' is incomplete: {FileName(table)} is missing.", path);
        // The bytes are read whole so the batch owns its memory and no file handle outlives this call.
        using var reader = new ArrowFileReader(new MemoryStream(File.ReadAllBytes(path)));
        try
        {
            return reader.ReadNextRecordBatch() ?? throw new InvalidDataException($"{path}: the Arrow file holds no record batch.");
        }
        catch (Exception e) when (e is not InvalidDataException)
        {
            throw new InvalidDataException($"{path}: not a readable Arrow IPC file ({e.Message}).", e);
        }
    }

    private sealed record Metadata(string Format, int FormatVersion, RunDescription Run, SimulationSummary Summary, BacktestStats Stats);
}
