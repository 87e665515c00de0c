namespace VectorBacktest.Portfolio.Composition;

/// <summary>
/// Several strategies combined by votes into one <see cref="IBarStrategy"/> for <see cref="EventDrivenSimulator"/>: on
/// each bar every member sees the same context (the combined position) with no requests placed, and each of the four
/// requests (enter long, exit long, enter short, exit short) is placed when at least <see cref="Threshold"/> members placed
/// it. The combined requests then follow the usual rules (<see cref="StrategyContext"/>). An entry placed by the vote carries,
/// among the members voting for it that gave explicit exit prices (<see cref="StrategyContext.EnterLong"/>), the tightest
/// stop-loss (highest for a long, lowest for a short) and the nearest take-profit (lowest for a long, highest for a short); a
/// price no voting member gave is NaN, so the run's exit rules apply to it.
/// </summary>
/// <remarks>Members are called through the interface (one call per member per bar); struct members are boxed once, here,
/// and keep their state in the box.</remarks>
public sealed class SignalVote : IBarStrategy
{
    private readonly IBarStrategy[] _members;

    /// <summary>Combines <paramref name="members"/>; a request needs <paramref name="threshold"/> votes.</summary>
    /// <param name="members">The strategies, at least one, none null.</param>
    /// <param name="threshold">Votes needed, in [1, members].</param>
    /// <exception cref="ArgumentException">No members, or a null member.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> outside [1, members].</exception>
    public SignalVote(IReadOnlyList<IBarStrategy> members, int threshold)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0) throw new ArgumentException("A vote needs at least one member.", nameof(members));
        _members = new IBarStrategy[members.Count];
        for (int i = 0; i < _members.Length; i++)
            _members[i] = members[i] ?? throw new ArgumentException($"Member {i} is null.", nameof(members));
        if (threshold < 1 || threshold > _members.Length)
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"The threshold must be in [1, {_members.Length}].");
        Threshold = threshold;
    }

    /// <summary>A strict majority vote: more than half of <paramref name="members"/> (2 of 3, 3 of 4).</summary>
    /// <param name="members">The strategies.</param>
    /// <exception cref="ArgumentException">No members, or a null member.</exception>
    public static SignalVote Majority(params IReadOnlyList<IBarStrategy> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return new SignalVote(members, members.Count / 2 + 1);
    }

    /// <summary>Votes a request needs.</summary>
    public int Threshold { get; }

    /// <summary>Number of members.</summary>
    public int Count => _members.Length;

    /// <inheritdoc/>
    public void OnBar(ref StrategyContext context)
    {
        int longEntry = 0, longExit = 0, shortEntry = 0, shortExit = 0;
        VotedLevels longLevels = VotedLevels.None, shortLevels = VotedLevels.None;
        foreach (var member in _members)
        {
            var ballot = context;
            ballot.LongEntry = ballot.LongExit = ballot.ShortEntry = ballot.ShortExit = false;
            member.OnBar(ref ballot);
            if (ballot.LongEntry)
            {
                longEntry++;
                var (stop, target) = ballot.EntryLevels(SignalAction.OpenLong);
                longLevels.Add(isLong: true, stop, target);
            }
            if (ballot.LongExit) longExit++;
            if (ballot.ShortEntry)
            {
                shortEntry++;
                var (stop, target) = ballot.EntryLevels(SignalAction.OpenShort);
                shortLevels.Add(isLong: false, stop, target);
            }
            if (ballot.ShortExit) shortExit++;
        }
        if (longEntry >= Threshold) context.EnterLong(longLevels.StopLoss, longLevels.TakeProfit);
        if (longExit >= Threshold) context.ExitLong();
        if (shortEntry >= Threshold) context.EnterShort(shortLevels.StopLoss, shortLevels.TakeProfit);
        if (shortExit >= Threshold) context.ExitShort();
    }
}
