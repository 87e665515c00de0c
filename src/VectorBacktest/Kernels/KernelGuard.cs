using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace VectorBacktest.Kernels;

/// <summary>Argument checks shared by the kernels; the throwing paths stay out of line so kernels inline well.</summary>
internal static class KernelGuard
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AtLeast(int value, int minimum, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value < minimum) ThrowBelow(value, minimum, paramName);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SameLength(int inputLength, int outputLength, [CallerArgumentExpression(nameof(outputLength))] string? paramName = null)
    {
        if (inputLength != outputLength) ThrowLength(inputLength, outputLength, paramName);
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBelow(int value, int minimum, string? paramName) =>
        throw new ArgumentOutOfRangeException(CleanName(paramName), value, $"{CleanName(paramName)} must be in [{minimum}, {int.MaxValue}] but was {value}.");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLength(int inputLength, int outputLength, string? paramName) =>
        throw new ArgumentException($"{CleanName(paramName)} has length {outputLength}; it must have the input's length {inputLength}.", CleanName(paramName));

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowOutOfRange(string paramName, object value, string allowed) =>
        throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be {allowed} but was {value}.");

    // CallerArgumentExpression gives "output.Length"; the parameter is "output".
    private static string? CleanName(string? expression)
    {
        if (expression is null) return null;
        int dot = expression.IndexOf('.');
        return dot < 0 ? expression : expression[..dot];
    }
}
