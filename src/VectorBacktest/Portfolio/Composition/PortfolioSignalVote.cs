using VectorBacktest.Portfolio.MultiAsset;

namespace VectorBacktest.Portfolio.Composition;

/// <summary>
/// Several multi-asset strategies combined by votes into one <see cref="IPortfolioStrategy"/>, symbol by symbol, as
/// <see cref="SignalVote"/> does for one asset: on each bar every member sees the same context (the combined portfolio) with no
/// requests placed, and each of a symbol's four requests (enter long, exit long, enter short, exit short) is placed when at
/// least <see cref="Threshold"/> members placed it. The combined requests then follow the usual rules
/// (<see cref="PortfolioContext"/>).
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
        }
        var ballot = _ballot.AsSpan(0, symbols);
        var votes = _votes.AsSpan(0, symbols * Flags.Length);
        votes.Clear();
        foreach (var member in _members)
        {
            ballot.Clear();
            var view = context.WithRequests(ballot);
            member.OnBar(ref view);
            for (int s = 0; s < symbols; s++)
            {
                if (ballot[s] == 0) continue;
                for (int f = 0; f < Flags.Length; f++)
                    if ((ballot[s] & Flags[f]) != 0) votes[s * Flags.Length + f]++;
            }
        }
        for (int s = 0; s < symbols; s++)
            for (int f = 0; f < Flags.Length; f++)
                if (votes[s * Flags.Length + f] >= Threshold) context.Add(s, Flags[f]);
    }
}
