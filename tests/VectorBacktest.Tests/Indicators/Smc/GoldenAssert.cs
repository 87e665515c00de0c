namespace VectorBacktest.Tests.Indicators.Smc;

/// <summary>Exact column comparisons against the golden tables, reporting the first differing row.</summary>
public static class GoldenAssert
{
    /// <summary>Bit-for-bit equality of float64 columns (any NaN equals any NaN; -0.0 differs from 0.0).</summary>
    public static void ColumnEqual(double[] expected, ReadOnlySpan<double> actual, string column)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int r = 0; r < expected.Length; r++)
            if (!(double.IsNaN(expected[r]) && double.IsNaN(actual[r]))
                && BitConverter.DoubleToInt64Bits(expected[r]) != BitConverter.DoubleToInt64Bits(actual[r]))
                Assert.Fail($"{column}, row {r}: expected {Show(expected[r])}, got {Show(actual[r])}");
    }

    /// <summary>Equality of a float32 column: the golden text parsed as float64 equals the value rounded to float32.</summary>
    public static void Float32ColumnEqual(double[] expected, ReadOnlySpan<double> actual, string column)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int r = 0; r < expected.Length; r++)
            if (!((float)expected[r]).Equals((float)actual[r]))
                Assert.Fail($"{column}, row {r}: expected {Show(expected[r])}, got {Show(actual[r])} (compared as float32)");
    }

    private static string Show(double v) => double.IsNaN(v) ? "NaN" : v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
