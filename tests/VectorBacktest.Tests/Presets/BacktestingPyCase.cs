using System.Text.Json;
using VectorBacktest.Data;
using VectorBacktest.Tests.Infrastructure;

namespace VectorBacktest.Tests.Presets;

/// <summary>One golden case of <c>shared/reference/btpy</c>: bars, SMA columns, parameters.</summary>
internal sealed class BacktestingPyCase
{
    public required string Name { get; init; }
    public required BarSeries Bars { get; init; }
    public required double[] Fast { get; init; }
    public required double[] Slow { get; init; }
    public required int FastWindow { get; init; }
    public required int SlowWindow { get; init; }
    public required double Cash { get; init; }
    public required double Commission { get; init; }
    public required double Spread { get; init; }
    public required double StopLoss { get; init; }
    public required double TakeProfit { get; init; }
    public required CsvTable Trades { get; init; }
    public required CsvTable Equity { get; init; }

    public static BacktestingPyCase Load(string name)
    {
        string dir = SharedFolder.File(Path.Combine("reference", "btpy", name));
        var ohlcv = CsvTable.Load(Path.Combine(dir, "ohlcv.csv"));
        var indicators = CsvTable.Load(Path.Combine(dir, "indicators.csv"));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "params.json")));
        var backtest = json.RootElement.GetProperty("backtest");
        var strategy = json.RootElement.GetProperty("strategy").GetProperty("params");
        double Param(string key) => strategy.TryGetProperty(key, out var v) ? v.GetDouble() : 0.0;
        return new BacktestingPyCase
        {
            Name = name,
            Bars = BarSeries.FromArrays(name, null, ohlcv.EpochMs("timestamp"), ohlcv.Doubles("open"), ohlcv.Doubles("high"),
                ohlcv.Doubles("low"), ohlcv.Doubles("close"), ohlcv.Doubles("volume")),
            Fast = indicators.Doubles("sma_fast"),
            Slow = indicators.Doubles("sma_slow"),
            Cash = backtest.GetProperty("cash").GetDouble(),
            Commission = backtest.GetProperty("commission").GetDouble(),
            Spread = backtest.GetProperty("spread").GetDouble(),
            FastWindow = (int)Param("fast"),
            SlowWindow = (int)Param("slow"),
            StopLoss = Param("sl_pct"),
            TakeProfit = Param("tp_pct"),
            Trades = CsvTable.Load(Path.Combine(dir, "trades.csv")),
            Equity = CsvTable.Load(Path.Combine(dir, "equity.csv")),
        };
    }
}
