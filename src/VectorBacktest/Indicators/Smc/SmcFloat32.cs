using System.Runtime.CompilerServices;

namespace VectorBacktest.Indicators.Smc;

/// <summary>
/// The reference stores some levels as float32 and compares prices against the rounded value; a close exactly
/// at a swing level can count as a break when rounding moved the level. Both modes compare against the
/// rounded value so that the causal events are the reference's events, only timed honestly.
/// </summary>
internal static class SmcFloat32
{
    /// <summary><paramref name="value"/> rounded to the nearest float32, widened back to double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Round(double value) => (float)value;
}
