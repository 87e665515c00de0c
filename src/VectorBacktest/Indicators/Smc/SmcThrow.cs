using System.Diagnostics.CodeAnalysis;

namespace VectorBacktest.Indicators.Smc;

/// <summary>Argument checks shared by the SMC indicators; the throwing paths stay out of the kernels.</summary>
internal static class SmcThrow
{
    /// <summary>Throws unless <paramref name="swingLength"/> ≥ 1.</summary>
    public static void IfInvalidSwingLength(int swingLength, string paramName)
    {
        if (swingLength < 1) SwingLengthOutOfRange(swingLength, paramName);
    }

    /// <summary>Throws unless <paramref name="mode"/> is a defined <see cref="SmcMode"/>.</summary>
    public static void IfInvalidMode(SmcMode mode, string paramName)
    {
        if (mode is not (SmcMode.Causal or SmcMode.Reference)) ModeOutOfRange(mode, paramName);
    }

    /// <summary>Throws unless <paramref name="actual"/> equals <paramref name="expected"/>.</summary>
    public static void IfLengthDiffers(int actual, int expected, string paramName, string expectedName)
    {
        if (actual != expected) LengthDiffers(actual, expected, paramName, expectedName);
    }

    /// <summary>Throws unless <paramref name="actual"/> ≥ <paramref name="required"/>.</summary>
    public static void IfTooShort(int actual, int required, string paramName)
    {
        if (actual < required) TooShort(actual, required, paramName);
    }

    /// <summary>Throws: a span of a time-indexed kernel is not as long as the time column.</summary>
    [DoesNotReturn]
    public static void LengthsDifferFromTime(string paramName) =>
        throw new ArgumentException("All input and output spans must have the same length as the time column.", paramName);

    /// <summary>Throws: bar <paramref name="index"/> is not later than the bar before it.</summary>
    [DoesNotReturn]
    public static void TimeNotIncreasing(int index) =>
        throw new ArgumentException($"Bar times must be strictly increasing; bar {index} is not later than bar {index - 1}.", "timeMs");

    [DoesNotReturn]
    private static void SwingLengthOutOfRange(int value, string paramName) =>
        throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be at least 1 (allowed range 1 … {int.MaxValue}); got {value}.");

    [DoesNotReturn]
    private static void ModeOutOfRange(SmcMode value, string paramName) =>
        throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be {nameof(SmcMode)}.{nameof(SmcMode.Causal)} or {nameof(SmcMode)}.{nameof(SmcMode.Reference)}; got {(int)value}.");

    [DoesNotReturn]
    private static void LengthDiffers(int actual, int expected, string paramName, string expectedName) =>
        throw new ArgumentException($"{paramName} has {actual} elements but {expectedName} has {expected}; they must be equal.", paramName);

    [DoesNotReturn]
    private static void TooShort(int actual, int required, string paramName) =>
        throw new ArgumentException($"{paramName} has {actual} elements; at least {required} are required.", paramName);
}
