namespace VectorBacktest.Tests.Infrastructure;

/// <summary>
/// Locates the <c>shared/</c> folder that lies beside the repository (<c>../shared</c>), or the folder named by
/// the environment variable <c>VECTORBACKTEST_SHARED</c>. Tests that compare against its reference data use
/// <see cref="SharedFactAttribute"/> or <see cref="SharedTheoryAttribute"/>, which skip with a clear message
/// when it is absent.
/// </summary>
public static class SharedFolder
{
    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>The shared folder, or null when it cannot be found.</summary>
    public static string? Path => Root.Value;

    /// <summary>The message a skipped test shows.</summary>
    public const string MissingMessage =
        "../shared (reference data) not found beside the repository; set VECTORBACKTEST_SHARED to its path to run this test.";

    /// <summary>The full path of <paramref name="relative"/> inside the shared folder.</summary>
    /// <exception cref="InvalidOperationException">The shared folder is absent.</exception>
    public static string File(string relative) =>
        System.IO.Path.Combine(Path ?? throw new InvalidOperationException(MissingMessage), relative);

    /// <summary>The repository root (the folder that holds VectorBacktest.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "VectorBacktest.sln")))
                return dir.FullName;
        throw new InvalidOperationException("VectorBacktest.sln not found above " + AppContext.BaseDirectory);
    }

    private static string? Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable("VECTORBACKTEST_SHARED");
        if (!string.IsNullOrEmpty(fromEnv))
            return Directory.Exists(fromEnv) ? fromEnv : null;
        var beside = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot, "..", "shared"));
        return Directory.Exists(System.IO.Path.Combine(beside, "reference")) ? beside : null;
    }
}

/// <summary>A fact that needs <c>../shared</c>; skipped with <see cref="SharedFolder.MissingMessage"/> when absent.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the shared folder is absent.</summary>
    public SharedFactAttribute()
    {
        if (SharedFolder.Path is null) Skip = SharedFolder.MissingMessage;
    }
}

/// <summary>A theory that needs <c>../shared</c>; skipped with <see cref="SharedFolder.MissingMessage"/> when absent.</summary>
public sealed class SharedTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the shared folder is absent.</summary>
    public SharedTheoryAttribute()
    {
        if (SharedFolder.Path is null) Skip = SharedFolder.MissingMessage;
    }
}
