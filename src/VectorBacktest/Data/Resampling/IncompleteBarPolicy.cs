namespace VectorBacktest.Data.Resampling;

/// <summary>
/// What <see cref="Resampler"/> does with the last target bar when the source data ends inside it (its last
/// source bar closes before the target bar closes), so that the bar is still forming.
/// </summary>
public enum IncompleteBarPolicy
{
    /// <summary>Leave the forming bar out (default): every returned bar is final and will not change when more data arrives.</summary>
    Drop,

    /// <summary>Return the forming bar as it stands and report it through <see cref="ResampledBars.LastBarIncomplete"/>.</summary>
    Keep,
}
