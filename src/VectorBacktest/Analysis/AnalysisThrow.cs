using System.Diagnostics.CodeAnalysis;

namespace VectorBacktest.Analysis;

/// <summary>Throw helpers kept out of line so the metric kernels stay small enough to inline.</summary>
internal static class AnalysisThrow
{
    [DoesNotReturn]
    public static void LengthMismatch(string parameter, int expected, int actual) =>
        throw new ArgumentException($"Expected a span of length {expected}, got {actual}.", parameter);

    [DoesNotReturn]
    public static void OutOfRange(string parameter, object value, string message) =>
        throw new ArgumentOutOfRangeException(parameter, value, message);
}
