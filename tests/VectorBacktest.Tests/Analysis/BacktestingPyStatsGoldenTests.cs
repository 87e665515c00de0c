using System.Globalization;
using System.Text.Json;
using VectorBacktest.Analysis;
using VectorBacktest.Tests.Infrastructure;

namespace VectorBacktest.Tests.Analysis;

/// <summary>
/// Reproduces every key of backtesting.py 0.6.6's <c>stats.json</c> from the golden <c>equity.csv</c>,
/// <c>trades.csv</c> and <c>ohlcv.csv</c> of each case (independent of the execution engine).
/// </summary>
public class BacktestingPyStatsGoldenTests
{
    public static TheoryData<string> Cases => new() { "case0_published", "case1", "case2", "case3", "case6_btc1h" };

    internal static BacktestingPyStats ComputeFromGolden(string caseName)
    {
        string dir = SharedFolder.File(Path.Combine("reference", "btpy", caseName));
        var bars = CsvTable.Load(Path.Combine(dir, "ohlcv.csv"));
        var equity = CsvTable.Load(Path.Combine(dir, "equity.csv"));
        var trades = LoadTrades(Path.Combine(dir, "trades.csv"));
        using var parameters = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "params.json")));
        int warmup = parameters.RootElement.GetProperty("derived").GetProperty("buy_and_hold_base_bar").GetInt32();
        return BacktestingPyStats.Compute(bars.EpochMs("timestamp"), equity.Doubles("equity"), bars.Doubles("close"), trades, warmup);
    }

    internal static TradeSample[] LoadTrades(string path)
    {
        var t = CsvTable.Load(path);
        var entryBar = t.Doubles("entry_bar");
        var exitBar = t.Doubles("exit_bar");
        var entryTime = t.EpochMs("entry_time");
        var exitTime = t.EpochMs("exit_time");
        var size = t.Doubles("size");
        var entry = t.Doubles("entry_price");
        var exit = t.Doubles("exit_price");
        var fees = t.Doubles("commission");
        var pnl = t.Doubles("pnl");
        var ret = t.Doubles("return_frac");
        var result = new TradeSample[t.Count];
        for (int i = 0; i < result.Length; i++)
            result[i] = new TradeSample((int)entryBar[i], (int)exitBar[i], entryTime[i], exitTime[i], size[i], entry[i], exit[i], fees[i], pnl[i], ret[i]);
        return result;
    }

    [SharedTheory]
    [MemberData(nameof(Cases))]
    public void Reproduces_every_stats_json_key(string caseName) => AssertMatchesGolden(caseName, ComputeFromGolden(caseName));

    /// <summary>Every key of the case's <c>stats.json</c>, in the library's order, within 1e-9 relative (times and durations exact).</summary>
    internal static void AssertMatchesGolden(string caseName, BacktestingPyStats stats)
    {
        using var golden = JsonDocument.Parse(File.ReadAllText(SharedFolder.File(Path.Combine("reference", "btpy", caseName, "stats.json"))));
        var expected = golden.RootElement.GetProperty("stats");
        var seconds = golden.RootElement.GetProperty("timedelta_seconds");
        var order = golden.RootElement.GetProperty("key_order").EnumerateArray().Select(e => e.GetString()!).ToArray();

        var actual = stats.ToKeyValues();
        Assert.Equal(order, actual.Select(kv => kv.Key).ToArray());
        var failures = new List<string>();
        foreach (var (key, value) in actual)
        {
            var want = expected.GetProperty(key);
            string? problem = value switch
            {
                DateTimeOffset time => time == DateTimeOffset.Parse(want.GetString()!, CultureInfo.InvariantCulture) ? null : $"{time:o}",
                TimeSpan span => span.TotalSeconds == seconds.GetProperty(key).GetDouble() ? null : $"{span.TotalSeconds} s",
                null => want.ValueKind == JsonValueKind.Null ? null : "null",
                int count => count == want.GetInt32() ? null : count.ToString(CultureInfo.InvariantCulture),
                double x => Close(x, want) ? null : x.ToString("R", CultureInfo.InvariantCulture),
                _ => $"unexpected type {value.GetType()}",
            };
            if (problem is not null) failures.Add($"{key}: got {problem}, expected {want}");
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static bool Close(double actual, JsonElement want)
    {
        if (want.ValueKind == JsonValueKind.Null) return double.IsNaN(actual);
        double e = want.GetDouble();
        return Math.Abs(actual - e) <= 1e-9 * Math.Max(Math.Abs(actual), Math.Abs(e));
    }

    [SharedFact]
    public void Derives_the_calendar_facts_of_params_json()
    {
        foreach (string caseName in new[] { "case1", "case3", "case6_btc1h" })
        {
            var stats = ComputeFromGolden(caseName);
            using var parameters = JsonDocument.Parse(File.ReadAllText(SharedFolder.File(Path.Combine("reference", "btpy", caseName, "params.json"))));
            var derived = parameters.RootElement.GetProperty("derived");
            Assert.Equal(derived.GetProperty("annual_trading_days").GetInt32(), stats.AnnualTradingDays);
            Assert.Equal(derived.GetProperty("data_period_days").GetInt32(), stats.DataPeriod.Days);
        }
    }
}
