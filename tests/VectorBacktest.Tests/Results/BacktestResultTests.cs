using System.Security.Cryptography;
using Apache.Arrow;
using VectorBacktest.Data;
using VectorBacktest.Execution;
using VectorBacktest.Indicators;
using VectorBacktest.Kernels;
using VectorBacktest.Portfolio;
using VectorBacktest.Presets;
using VectorBacktest.Results;
using VectorBacktest.Tests.Portfolio;

namespace VectorBacktest.Tests.Results;

public sealed class BacktestResultTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vbt-result-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    internal static BacktestResult RunCrossover(BarSeries bars, ExecutionSettings settings, bool shorts = true)
    {
        var fast = Sma.Compute(bars.Close, 5, SmaMode.Pandas);
        var slow = Sma.Compute(bars.Close, 20, SmaMode.Pandas);
        var up = Crossings.Above(fast, slow);
        var down = Crossings.Above(slow, fast);
        var signals = shorts ? new SignalInputs(up, default, down, default) : new SignalInputs(up, down);
        var workspace = new SimulationWorkspace();
        var started = DateTimeOffset.UtcNow;
        var summary = settings.Run(bars, signals, workspace);
        var run = new RunDescription
        {
            Data = DataDescription.Of(bars),
            Strategy = "test-crossover",
            Parameters = [new("fast", "5"), new("slow", "20")],
            Execution = settings,
            StartedAt = started,
            FinishedAt = DateTimeOffset.UtcNow,
        };
        return BacktestResult.Create(run, bars, SimulationResult.Capture(summary, workspace));
    }

    public static TheoryData<string?> Presets => new() { null, "backtesting-py", "vectorbt" };

    [Theory]
    [MemberData(nameof(Presets))]
    public void Save_then_load_gives_back_every_value(string? preset)
    {
        var bars = TestBars.Random(600, seed: 7);
        var settings = new ExecutionSettings { Preset = preset, InitialCash = 25_000, Fees = 0.001, Slippage = 0.0005, StopLoss = 0.03, TakeProfit = 0.05 };
        var result = RunCrossover(bars, settings);
        Assert.True(result.Trades.Count > 5);
        Assert.Contains(result.Trades, t => t.ExitReason == ExitReason.StopLoss);

        result.Save(_folder);
        var loaded = BacktestResult.Load(_folder);

        Assert.Equal(result.Run, loaded.Run);
        Assert.Equal(result.Summary, loaded.Summary);
        Assert.Equal(result.Stats, loaded.Stats);
        Assert.Equal(result.Orders, loaded.Orders);
        Assert.Equal(result.Trades, loaded.Trades);
        Assert.True(result.Time.SequenceEqual(loaded.Time));
        Assert.True(result.Cash.SequenceEqual(loaded.Cash));
        Assert.True(result.PositionValue.SequenceEqual(loaded.PositionValue));
        Assert.True(result.Equity.SequenceEqual(loaded.Equity));
        Assert.True(result.Drawdown.SequenceEqual(loaded.Drawdown));
        Assert.Equal(preset == "backtesting-py", loaded.Stats.BacktestingPy is not null);
        Assert.Equal(preset == "vectorbt", loaded.Stats.Vectorbt is not null);
    }

    [Fact]
    public void An_open_trade_and_NaN_levels_survive_the_round_trip()
    {
        var bars = TestBars.Random(300, seed: 3);
        var entries = new bool[300];
        entries[10] = true;
        var workspace = new SimulationWorkspace();
        var settings = new ExecutionSettings();
        var summary = settings.Run(bars, new SignalInputs(entries, default), workspace);
        var run = new RunDescription { Data = DataDescription.Of(bars), Strategy = "once", Parameters = [], Execution = settings };
        var result = BacktestResult.Create(run, bars, SimulationResult.Capture(summary, workspace));
        Assert.True(result.Trades[^1].IsOpen);
        result.Save(_folder);
        var loaded = BacktestResult.Load(_folder);
        Assert.Equal(result.Trades, loaded.Trades);
        Assert.True(double.IsNaN(loaded.Trades[0].StopLoss));
        Assert.Equal(result.Stats, loaded.Stats);
        Assert.Equal(run, loaded.Run);
    }

    [Fact]
    public void Multi_asset_and_partial_fill_fields_survive_the_tables()
    {
        OrderRecord[] orders =
        [
            new() { Bar = 3, DecisionBar = 2, Time = 1000, Side = OrderSide.Buy, Status = OrderStatus.Partial, Quantity = 1.5,
                RequestedQuantity = 2.5, Asset = 4, Price = 101, Fee = 0.1, AtOpen = true, PositionAfter = 1.5, EntryPriceAfter = 101, BalanceAfter = 999.9 },
            new() { Bar = 5, DecisionBar = 5, Time = 2000, Side = OrderSide.Sell, Status = OrderStatus.Rejected,
                RejectReason = RejectReason.InsufficientFunds, Reason = ExitReason.StopLoss, Price = double.NaN, Asset = 1 },
        ];
        TradeRecord[] trades =
        [
            new() { Asset = 2, EntryBar = 1, ExitBar = 9, EntryTime = 10, ExitTime = 90, Side = PositionSide.Short, Quantity = 3, EntryPrice = 50,
                ExitPrice = 45, EntryFee = 0.2, ExitFee = 0.3, Funding = -0.05, Pnl = 14.55, Return = 0.097, ExitReason = ExitReason.TakeProfit,
                StopLoss = 55, TakeProfit = 45 },
        ];
        Assert.Equal(orders, ResultTables.ReadOrders(ResultTables.OrdersBatch(orders), "orders"));
        Assert.Equal(trades, ResultTables.ReadTrades(ResultTables.TradesBatch(trades), "trades"));
    }

    [Fact]
    public void Saving_again_replaces_the_files_and_leaves_no_temporary_file()
    {
        var bars = TestBars.Random(200, seed: 11);
        RunCrossover(bars, new ExecutionSettings()).Save(_folder);
        var second = RunCrossover(bars, new ExecutionSettings { Fees = 0.002 });
        second.Save(_folder);
        Assert.Equal(0.002, BacktestResult.Load(_folder).Run.Execution.Fees);
        Assert.Equal(["equity.arrow", "orders.arrow", "result.json", "trades.arrow"],
            Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Tables_have_the_documented_columns()
    {
        var result = RunCrossover(TestBars.Random(200, seed: 5), new ExecutionSettings());
        Assert.Equal(["bar", "decision_bar", "time", "side", "status", "reject_reason", "reason", "quantity", "requested_quantity", "asset", "price", "fee",
            "at_open", "position_after", "entry_price_after", "balance_after"], Names(result.ToRecordBatch(ResultTable.Orders)));
        Assert.Equal(["entry_bar", "exit_bar", "entry_time", "exit_time", "side", "quantity", "entry_price", "exit_price", "entry_fee",
            "exit_fee", "funding", "pnl", "return", "exit_reason", "stop_loss", "take_profit", "asset"], Names(result.ToRecordBatch(ResultTable.Trades)));
        var equity = result.ToRecordBatch(ResultTable.Equity);
        Assert.Equal(["time", "cash", "position_value", "equity", "drawdown"], Names(equity));
        Assert.Equal(200, equity.Length);
        Assert.Equal(result.Equity[^1], ((DoubleArray)equity.Column("equity")).GetValue(199));

        var frame = result.ToDataFrame(ResultTable.Trades);
        Assert.Equal(result.Trades.Count, frame.Rows.Count);
        Assert.Equal(result.Trades[0].Pnl, (double)frame["pnl"][0]!);
        Assert.Equal(result.Trades[0].Side.ToString(), (string)frame["side"][0]!);
        Assert.Equal(200, result.ToDataFrame(ResultTable.Equity).Rows.Count);
        // The frame holds copies: it stays readable after collections that would free a wrapped batch's native buffers.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Equal(result.Trades[^1].Side.ToString(), (string)frame["side"][frame.Rows.Count - 1]!);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(result.Trades[0].EntryTime).UtcDateTime, (DateTime)frame["entry_time"][0]!);
    }

    [Fact]
    public void Stats_follow_the_equity_curve_and_the_trades()
    {
        var bars = TestBars.Random(400, seed: 9);
        var result = RunCrossover(bars, new ExecutionSettings { Fees = 0.001 });
        Assert.Equal(result.Summary.FinalEquity, result.Equity[^1], 9);
        Assert.Equal(result.Stats.FinalEquity / 10_000 - 1, result.Stats.TotalReturn, 12);
        Assert.Equal(result.Trades.Count, result.Stats.Trades.Count);
        Assert.Same(result.Stats.Trades, result.Stats.Performance.Trades);
        Assert.Equal(result.Trades.Sum(t => t.Commission), result.Stats.TotalFees, 9);
        Assert.Equal(-result.Drawdown.ToArray().Max(), result.Stats.Performance.MaxDrawdown, 9);
    }

    [Fact]
    public void Load_rejects_a_missing_or_foreign_folder()
    {
        Assert.Throws<FileNotFoundException>(() => BacktestResult.Load(_folder));
        RunCrossover(TestBars.Random(100, seed: 1), new ExecutionSettings()).Save(_folder);
        File.Delete(Path.Combine(_folder, "trades.arrow"));
        var missing = Assert.Throws<FileNotFoundException>(() => BacktestResult.Load(_folder));
        Assert.Contains("trades.arrow", missing.Message);

        string json = Path.Combine(_folder, BacktestResult.MetadataFileName);
        File.WriteAllText(json, File.ReadAllText(json).Replace("\"formatVersion\": 1", "\"formatVersion\": 99"));
        var version = Assert.Throws<InvalidDataException>(() => BacktestResult.Load(_folder));
        Assert.Contains("99", version.Message);
        File.WriteAllText(json, "{ \"format\": \"something else\" }");
        Assert.Throws<InvalidDataException>(() => BacktestResult.Load(_folder));
    }

    [Fact]
    public void Data_hashes_are_the_sha256_of_the_file_and_of_the_bar_columns()
    {
        Directory.CreateDirectory(_folder);
        string path = Path.Combine(_folder, "x.bin");
        File.WriteAllBytes(path, [1, 2, 3, 4]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(new byte[] { 1, 2, 3, 4 })), DataDescription.HashFile(path));

        var bars = TestBars.Random(50, seed: 2);
        string hash = DataDescription.HashBars(bars);
        Assert.Equal(64, hash.Length);
        Assert.Equal(hash, DataDescription.HashBars(TestBars.Random(50, seed: 2)));
        Assert.NotEqual(hash, DataDescription.HashBars(TestBars.Random(50, seed: 3)));
        Assert.NotEqual(hash, DataDescription.HashBars(bars.Slice(0, 49)));
        var description = DataDescription.Of(bars);
        Assert.Equal((50, bars.Time[0], bars.Time[49], "TEST"), (description.Bars, description.FirstBarTime, description.LastBarTime, description.Symbol));
    }

    private static string[] Names(RecordBatch batch) => batch.Schema.FieldsList.Select(f => f.Name).ToArray();
}
