namespace VectorBacktest.Analysis;

/// <summary>
/// Maximum adverse and favourable excursion of one trade, as fractions of its entry price (see
/// <see cref="TradeExcursions"/>).
/// </summary>
/// <param name="Mae">Maximum adverse excursion, ≤ 0: the worst unrealised price move against the position
/// (−0.03 means the price went 3 % against it at some point).</param>
/// <param name="Mfe">Maximum favourable excursion, ≥ 0: the best unrealised price move in its favour.</param>
public readonly record struct TradeExcursion(double Mae, double Mfe);
