using VectorBacktest.Execution.FeeModels;
using VectorBacktest.Execution.FillModels;
using VectorBacktest.Execution.SlippageModels;

namespace VectorBacktest.Portfolio.MultiAsset;

// The event-driven driver's view of a run: the context a strategy sees and the hand-over of its requests.
internal ref partial struct PortfolioRun<TFill, TFee, TSlippage>
{
    /// <summary>The context of bar <paramref name="t"/>, with the state after the bar's fills and exits.</summary>
    public readonly PortfolioContext Context(int t, Span<byte> requests) => new(_universe, t, _q, _e, _mark, _balance, requests, _leverage, _cross,
        _funded ? _accrued : default);

    /// <summary>Hands the requests a strategy placed on bar <paramref name="t"/> to the run, as signal flags.</summary>
    public void Request(in PortfolioContext context, int t)
    {
        for (int s = 0; s < _symbols; s++)
        {
            byte r = context.RequestsOf(s);
            if (r != 0)
                Request(s, t, (r & PortfolioContext.LongEntry) != 0, (r & PortfolioContext.LongExit) != 0,
                    (r & PortfolioContext.ShortEntry) != 0, (r & PortfolioContext.ShortExit) != 0);
        }
    }
}
