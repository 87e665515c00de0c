using VectorBacktest.Data.SampleData;

namespace VectorBacktest.Cli;

/// <summary>The bundled sample series that commands use when no file is given.</summary>
internal static class BundledData
{
    /// <summary>File name of the sample under <c>data/</c> (copied beside the executable at build time).</summary>
    public const string SampleFileName = "btcusdt-synth-1m.parquet";

    /// <summary>
    /// The sample's path: beside the executable (where the build copies it), else in the repository's
    /// <c>data/</c> folder above the working directory.
    /// </summary>
    public static string SamplePath
    {
        get
        {
            var beside = Path.Combine(AppContext.BaseDirectory, "data", SampleFileName);
            if (File.Exists(beside)) return beside;
            for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data", SampleFileName);
                if (File.Exists(candidate)) return candidate;
            }
            throw new FileNotFoundException(
                $"The bundled sample '{SampleFileName}' was not found; regenerate it with 'vbt data generate --out data/{SampleFileName}' " +
                $"(seed {SyntheticBars.SampleSeed}, {SyntheticBars.SampleBarCount} bars).");
        }
    }

    /// <summary>The given path, or the sample's when none.</summary>
    public static string OrSample(string? path) => string.IsNullOrEmpty(path) ? SamplePath : path;
}
