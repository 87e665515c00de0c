using System.CommandLine;
using VectorBacktest.Cli.Commands.Backtest;
using VectorBacktest.Cli.Commands.Data;
using VectorBacktest.Cli.Commands.Indicators;
using VectorBacktest.Cli.Commands.Runs;

var root = new RootCommand("vbt: backtest trading strategies on cryptocurrency OHLCV data.");
root.Subcommands.Add(BacktestCommand.Create());
root.Subcommands.Add(DataCommand.Create());
root.Subcommands.Add(IndicatorsCommand.Create());
root.Subcommands.Add(RunsCommand.Create());
return root.Parse(args).Invoke();
