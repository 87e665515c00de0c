namespace VectorBacktest.Tests.Infrastructure;

/// <summary>Checks that a piece of work allocates nothing on the managed heap once warmed up.</summary>
public static class Allocations
{
    /// <summary>
    /// Runs <paramref name="run"/> once to warm up (buffers grown, methods compiled, statics initialised), then
    /// measures up to ten more runs and passes when one of them allocates nothing. An allocation the work makes
    /// on every run shows in all of them; the runtime's one-off work that may land inside a measured run (a method
    /// tiering up, a type loaded on another instruction-set path) does not repeat.
    /// </summary>
    public static void AssertNone(Action run)
    {
        run();
        var seen = new long[10];
        for (int attempt = 0; attempt < seen.Length; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            run();
            seen[attempt] = GC.GetAllocatedBytesForCurrentThread() - before;
            if (seen[attempt] == 0) return;
        }
        Assert.Fail($"every measured run allocated: {string.Join(", ", seen)} bytes");
    }
}
