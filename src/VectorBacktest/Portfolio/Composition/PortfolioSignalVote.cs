using VectorBacktest.Portfolio.MultiAsset;

namespace VectorBacktest.Portfolio.Composition;

/// <summary>
/// Several multi-asset strategies combined by votes into one <see cref="IPortfolioStrategy"/>, symbol by symbol, as
/// <see cref="SignalVote"/> does for one asset: on each bar every member sees the same context (the combined portfolio) with no
/// requests placed, and each of a symbol's four requests (enter long, exit long, enter short, exit short) is placed when at
/// least <see cref="Threshold"/> members placed it. The combined requests then follow the usual rules
/// (<see cref="PortfolioContext"/>). An entry placed by the vote carries the exit prices of <see cref="SignalVote"/>'s rule,
/// per symbol: among the members voting for it that gave explicit prices (<see cref="PortfolioContext.EnterLong"/>), the
/// tightest stop-loss and the nearest take-profit; NaN (the run's exit rules) where none gave one.
/// </summary>
/// <remarks>Members are called through the interface (one call per member per bar); struct members are boxed once, here,
/// and keep their state in the box. The ballot buffers grow to the universe's symbol count on the first bar and are reused,
/// so bars allocate nothing. Not thread-safe: one instance per run.</remarks>
public sealed class PortfolioSignalVote : IPortfolioStrategy
{
    private static readonly byte[] Flags =
        [PortfolioContext.LongEntry, PortfolioContext.LongExit, PortfolioContext.ShortEntry, PortfolioContext.ShortExit];

    private readonly IPortfolioStrategy[] _members;
    private byte[] _ballot = [];
    private int[] _votes = [];
    private double[] _ballotLevels = [];
    // Per symbol: the long entry's voted levels, then the short entry's.
    private VotedLevels[] _levels = [];

    /// <summary>Combines <paramref name="members"/>; a request needs <paramref name="threshold"/> votes.</summary>
    /// <param name="members">The strategies, at least one, none null.</param>
    /// <param name="threshold">Votes needed, in [1, members].</param>
    /// <exception cref="ArgumentException">No members, or a null member.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> outside [1, members].</exception>
    public PortfolioSignalVote(IReadOnlyList<IPortfolioStrategy> members, int threshold)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0) throw new ArgumentException("A vote needs at least one member.", nameof(members));
        _members = new IPortfolioStrategy[members.Count];
        for (int i = 0; i < _members.Length; i++)
            _members[i] = members[i] ?? throw new ArgumentException($"Member {i} is null.", nameof(members));
        if (threshold < 1 || threshold > _members.Length)
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"The threshold must be in [1, {_members.Length}].");
        Threshold = threshold;
    }

    /// <summary>A strict majority vote: more than half of <paramref name="members"/> (2 of 3, 3 of 4).</summary>
    /// <param name="members">The strategies.</param>
    /// <exception cref="ArgumentException">No members, or a null member.</exception>
    public static PortfolioSignalVote Majority(params IReadOnlyList<IPortfolioStrategy> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return new PortfolioSignalVote(members, members.Count / 2 + 1);
    }

    /// <summary>Votes a request needs.</summary>
    public int Threshold { get; }

    /// <summary>Number of members.</summary>
    public int Count => _members.Length;

    /// <inheritdoc/>
    public void OnBar(ref PortfolioContext context)
    {
        int symbols = context.SymbolCount;
        if (_ballot.Length < symbols)
        {
            _ballot = new byte[symbols];
            _votes = new int[symbols * Flags.Length];
            _ballotLevels = new double[4 * symbols];
            _levels = new VotedLevels[2 * symbols];
        }
        var ballot = _ballot.AsSpan(0, symbols);
        var votes = _votes.AsSpan(0, symbols * Flags.Length);
        var levels = _levels.AsSpan(0, 2 * symbols);
        votes.Clear();
        levels.Fill(VotedLevels.None);
        foreach (var member in _members)
        {
            ballot.Clear();
            var view = context.WithRequests(ballot, _ballotLevels.AsSpan(0, 4 * symbols));
            member.OnBar(ref view);
            for (int s = 0; s < symbols; s++)
            {
                if (ballot[s] == 0) continue;
                for (int f = 0; f < Flags.Length; f++)
                    if ((ballot[s] & Flags[f]) != 0) votes[s * Flags.Length + f]++;
                if ((ballot[s] & PortfolioContext.LongEntry) != 0)
                {
                    var (stop, target) = view.EntryLevels(s, isLong: true);
                    levels[2 * s].Add(isLong: true, stop, target);
                }
                if ((ballot[s] & PortfolioContext.ShortEntry) != 0)
                {
                    var (stop, target) = view.EntryLevels(s, isLong: false);
                    levels[2 * s + 1].Add(isLong: false, stop, target);
                }
            }
        }
        for (int s = 0; s < symbols; s++)
            for (int f = 0; f < Flags.Length; f++)
            {
                if (votes[s * Flags.Length + f] < Threshold) continue;
                var flag = Flags[f];
                if (flag == PortfolioContext.LongEntry) context.EnterLong(s, levels[2 * s].StopLoss, levels[2 * s].TakeProfit);
                else if (flag == PortfolioContext.ShortEntry) context.EnterShort(s, levels[2 * s + 1].StopLoss, levels[2 * s + 1].TakeProfit);
                else context.Add(s, flag);
            }
    }
}
