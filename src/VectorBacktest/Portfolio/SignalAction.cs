namespace VectorBacktest.Portfolio;

/// <summary>What a bar's decision does to the position.</summary>
public enum SignalAction : byte
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>Open a long (only while flat).</summary>
    OpenLong = 1,
    /// <summary>Open a short (only while flat).</summary>
    OpenShort = 2,
    /// <summary>Close the position.</summary>
    Close = 3,
    /// <summary>Close the short, then open a long at the same fill.</summary>
    ReverseToLong = 4,
    /// <summary>Close the long, then open a short at the same fill.</summary>
    ReverseToShort = 5,
    /// <summary>Add to the position held (an entry on its side, with <see cref="SimulationOptions.Accumulate"/>).</summary>
    Add = 6,
}
