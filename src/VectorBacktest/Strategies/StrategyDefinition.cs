namespace VectorBacktest.Strategies;

/// <summary>A registered strategy: its name, what it does, its parameters and how to build it from parameter values.</summary>
public sealed class StrategyDefinition
{
    private readonly Func<StrategyParameterValues, ISignalStrategy> _factory;

    /// <summary>Defines a strategy.</summary>
    /// <param name="name">Registry name (lower-case, dash-separated).</param>
    /// <param name="description">One sentence on what it trades.</param>
    /// <param name="parameters">Its parameters in declaration order.</param>
    /// <param name="factory">Builds the strategy from validated values.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public StrategyDefinition(string name, string description, IReadOnlyList<StrategyParameter> parameters,
        Func<StrategyParameterValues, ISignalStrategy> factory)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(factory);
        Name = name;
        Description = description;
        Parameters = parameters;
        _factory = factory;
    }

    /// <summary>Registry name.</summary>
    public string Name { get; }
    /// <summary>What it trades.</summary>
    public string Description { get; }
    /// <summary>Its parameters.</summary>
    public IReadOnlyList<StrategyParameter> Parameters { get; }

    /// <summary>Builds the strategy from (name, text) pairs; parameters not given take their defaults.</summary>
    /// <param name="parameters">The given values, or null for all defaults.</param>
    /// <exception cref="ArgumentException">An unknown parameter, a malformed value, or values that contradict each other
    /// (e.g. a fast window not shorter than the slow one).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value outside its range.</exception>
    public ISignalStrategy Create(IEnumerable<KeyValuePair<string, string>>? parameters = null) =>
        _factory(StrategyParameterValues.Resolve(Name, Parameters, parameters));
}
