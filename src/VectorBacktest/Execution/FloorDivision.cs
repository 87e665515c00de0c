namespace VectorBacktest.Execution;

/// <summary>Python's float floor division <c>a // b</c>: the floor of the exact quotient.</summary>
internal static class FloorDivision
{
    /// <summary>
    /// <c>floor(a / b)</c> of the exact quotient for finite positive <paramref name="b"/>, computed through
    /// <c>fmod</c> as CPython does (<c>float_floor_div</c>). <c>Math.Floor(a / b)</c> differs when the rounded
    /// quotient is an integer the exact one falls short of.
    /// </summary>
    public static double Floor(double a, double b)
    {
        double mod = a % b; // C#'s % on doubles is C's fmod
        double div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0))
        {
            mod += b;
            div -= 1.0;
        }
        if (div == 0) return Math.CopySign(0.0, a / b);
        double floorDiv = Math.Floor(div);
        if (div - floorDiv > 0.5) floorDiv += 1.0;
        return floorDiv;
    }
}
