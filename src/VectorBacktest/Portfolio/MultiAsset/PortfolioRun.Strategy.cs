using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;

namespace VectorBacktest.Portfolio.MultiAsset;

// The event-driven driver's view of a run: the context a strategy sees and the hand-over of its requests.
internal ref partial struct PortfolioRun<TFill, TFee, TSlippage>
{
    /// <summary>The context of bar <paramref name="t"/>, with the state after the bar's fills and exits.</summary>
    public readonly PortfolioContext Context(int t, Span<byte> requests, Span<double> levels) =>
        new(_universe, t, _q, _e, _mark, _balance, requests, levels, _leverage, _cross, _funded ? _accrued : default);

    /// <summary>Hands the requests a strategy placed on bar <paramref name="t"/> to the run, as signal flags with the entries'
    /// explicit levels. Every symbol goes through <see cref="Request(int, int, bool, bool, bool, bool, double, double, double, double)"/>,
    /// as with signal columns, because a symbol without requests may still have a time stop due.</summary>
    public void Request(in PortfolioContext context, int t)
    {
        for (int s = 0; s < _symbols; s++)
        {
            byte r = context.RequestsOf(s);
            var (longStop, longTarget) = context.EntryLevels(s, isLong: true);
            var (shortStop, shortTarget) = context.EntryLevels(s, isLong: false);
            Request(s, t, (r & PortfolioContext.LongEntry) != 0, (r & PortfolioContext.LongExit) != 0,
                (r & PortfolioContext.ShortEntry) != 0, (r & PortfolioContext.ShortExit) != 0, longStop, longTarget, shortStop, shortTarget);
        }
    }
}
